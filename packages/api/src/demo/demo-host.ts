import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { DEMO_TENANT_ID } from './demo-tenant.ts';
import { demoPage } from './demo-page.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
/** The elements' single-file build (npm start builds it first). */
const ELEMENTS_DIST = join(here, '../../../elements/dist');
const SITE_DIR = join(here, 'site');
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json', '.svg': 'image/svg+xml' };

/**
 * The strict policy a careful host sends: our elements need nothing looser (no inline
 * script or style, Trusted Types enforced with Lit's `lit-html` policy).
 */
export const DEMO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types lit-html";

/**
 * The demo host site, "Acme Utilities": what a host company's own web server does. Its
 * backend holds the secret key, knows who is signed in (here: a cookie set by the demo's
 * customer picker), and mints a session token for that customer by calling the Host API.
 * The browser only ever sees the short-lived token, in the page and from /demo/session
 * when it needs a fresh one.
 */
export function demoHostRoutes(options: { db: Kysely<Database>; secretKey: string; api: { request: (path: string, init: RequestInit) => Response | Promise<Response> } }) {
  const mint = async (customerId: string) => {
    const response = await options.api.request('/v1/sessions', {
      method: 'POST',
      headers: { Authorization: `Bearer ${options.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ customerId }),
    });
    return { status: response.status, body: (await response.json()) as { token?: string } };
  };
  const customers = () => options.db.selectFrom('customers').select(['id', 'name']).where('tenant_id', '=', DEMO_TENANT_ID).orderBy('id').execute();

  return new Hono()
    .get('/', async (c) => {
      const list = await customers();
      const requested = c.req.query('customer') ?? getCookie(c, 'demo_customer');
      const customer = list.find((row) => row.id === requested) ?? list[0];
      if (!customer) return c.text('The demo tenant has no customers: run npm run db:seed.', 503);
      setCookie(c, 'demo_customer', customer.id, { httpOnly: true, sameSite: 'Strict', path: '/' });
      const { body } = await mint(customer.id);
      c.header('Content-Security-Policy', DEMO_CSP);
      return c.html(demoPage({ customers: list, current: customer, token: body.token ?? '' }));
    })
    .post('/demo/session', async (c) => {
      // The signed-in customer comes from the host's own session (the cookie), never from the page.
      const customerId = getCookie(c, 'demo_customer');
      if (!customerId) return c.json({ error: { code: 'unauthorized', message: 'not signed in to the demo' } }, 401);
      const { status, body } = await mint(customerId);
      return c.json(body, status as 201);
    })
    .get('/assets/:file', (c) => serveFile(c, ELEMENTS_DIST, c.req.param('file')))
    .get('/demo/:file', (c) => serveFile(c, SITE_DIR, c.req.param('file')));
}

async function serveFile(c: { body: (data: Uint8Array, status: 200, headers: Record<string, string>) => Response; notFound: () => Response | Promise<Response> }, dir: string, file: string) {
  const path = normalize(join(dir, file));
  if (!path.startsWith(dir) || !TYPES[extname(path)]) return c.notFound();
  try {
    return c.body(new Uint8Array(await readFile(path)), 200, { 'Content-Type': TYPES[extname(path)]!, 'Cache-Control': 'no-cache' });
  } catch {
    return c.notFound();
  }
}
