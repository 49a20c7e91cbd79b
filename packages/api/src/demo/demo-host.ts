import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { DEMO_TENANT_ID } from './demo-tenant.ts';

/**
 * The demo host site: what a host company's own web server does. Its backend holds the
 * secret key and mints a session token for the signed-in customer by calling the Host
 * API; the browser only ever sees that short-lived token.
 */
export function demoHostRoutes(options: { db: Kysely<Database>; secretKey: string; api: { request: (path: string, init: RequestInit) => Response | Promise<Response> } }) {
  return new Hono()
    .get('/', async (c) => {
      const customers = await options.db.selectFrom('customers').select(['id', 'name']).where('tenant_id', '=', DEMO_TENANT_ID).orderBy('id').execute();
      return c.html(page(customers));
    })
    .get('/demo/app.js', (c) => c.body(CLIENT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }))
    .post('/demo/session', async (c) => {
      // A real host takes the customer from its own login session, never from the page.
      const customerId = c.req.query('customer') ?? '';
      const response = await options.api.request('/v1/sessions', {
        method: 'POST',
        headers: { Authorization: `Bearer ${options.secretKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ customerId }),
      });
      return c.json(await response.json(), response.status as 201);
    });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function page(customers: { id: string; name: string }[]): string {
  const options = customers.map((customer) => `<option value="${escapeHtml(customer.id)}">${escapeHtml(customer.name)} (${escapeHtml(customer.id)})</option>`).join('');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Acme Utilities — My account</title></head>
<body>
<header><h1>Acme Utilities</h1><p>Customer self-service (demo host page)</p></header>
<main>
<label>Signed in as <select id="customer">${options}</select></label>
<section aria-live="polite"><h2>Account summary</h2><pre id="summary">Loading…</pre></section>
<p><a href="/v1/docs">API reference</a></p>
</main>
<script type="module" src="/demo/app.js"></script>
</body>
</html>`;
}

// Until the elements exist, the page fetches the summary itself, exactly as they will:
// a token from the host's backend, then the Portal API with that token.
const CLIENT = `
const select = document.getElementById('customer');
const out = document.getElementById('summary');
async function load() {
  out.textContent = 'Loading…';
  const session = await (await fetch('/demo/session?customer=' + encodeURIComponent(select.value), { method: 'POST' })).json();
  const response = await fetch('/v1/portal/summary', { headers: { Authorization: 'Bearer ' + session.token } });
  out.textContent = JSON.stringify(await response.json(), null, 2);
}
select.addEventListener('change', load);
load();
`;
