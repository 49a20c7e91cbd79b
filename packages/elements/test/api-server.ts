/**
 * The real API for element tests, served by the test runner's own dev server (same
 * origin as the test pages): PGlite in memory, a fixed clock (2026-06-15), and the API
 * package's hand-computed fixture. `/test/session?customer=…` mints tokens as a host
 * backend would (`&expired=1` for one that has already expired; `&tenant=viewonly` for the
 * customer `viewonly` of a tenant that keeps profiles view-only).
 */
import type { IncomingMessage } from 'node:http';
import { pino } from 'pino';
import { createApp } from '../../api/src/app.ts';
import { signSessionToken } from '../../api/src/auth/session-tokens.ts';
import { fixedClock } from '../../api/src/clock.ts';
import { readConfig } from '../../api/src/config.ts';
import { openDatabase } from '../../api/src/db/connect.ts';
import type { Deps } from '../../api/src/env.ts';
import { createApiKey, createTenant, findTenant } from '../../api/src/queries/tenants.ts';
import { TenantCache } from '../../api/src/tenant-cache.ts';
import { LiveUpdates } from '../../api/src/events/live.ts';
import { ingestFixture } from '../../api/test/fixture.ts';
import { seedExtras } from './fixture-extras.ts';
import { seedHostile } from './fixture-hostile.ts';
import { seedLists } from './fixture-lists.ts';
import { seedProfile } from './fixture-profile.ts';
import { seedStatement } from './fixture-statement.ts';

export async function startTestApi() {
  const database = await openDatabase({});
  const clock = fixedClock('2026-06-15');
  const logger = pino({ level: 'silent' });
  // Many test pages watch the same fixture customers at once: lift the per-customer caps
  // (streams, and requests a minute: the rate limits have tests of their own).
  const config = { ...readConfig({}), eventsMaxStreamsPerCustomer: 1_000, rateLimitSessionPerMin: 0 };
  const live = new LiveUpdates(database, config, logger);
  await live.start();
  const deps: Deps = { db: database.db, dbKind: database.kind, clock, config, logger, tenants: new TenantCache(database.db), live };
  const app = createApp(deps);
  const tenant = await createTenant(database.db, { id: 'elements', name: 'Elements test tenant', settings: { profileEditable: true } });
  const key = await createApiKey(database.db, tenant.id, 'tests');
  // A second tenant that keeps profiles view-only, with one customer.
  const viewOnly = await createTenant(database.db, { id: 'elements-viewonly', name: 'View-only tenant', settings: { profileEditable: false } });
  const viewOnlyKey = await createApiKey(database.db, viewOnly.id, 'tests');
  await app.request('/v1/customers', {
    method: 'POST',
    headers: { Authorization: `Bearer ${viewOnlyKey.secret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ id: 'viewonly', name: 'View Only Ltd', email: 'office@viewonly.example', currency: 'GBP' }),
  });
  const host = (method: string, path: string, body: unknown) =>
    Promise.resolve(app.request(path, { method, headers: { Authorization: `Bearer ${key.secret}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) }));
  const api = {
    host,
    token: async (customerId: string) => ((await (await host('POST', '/v1/sessions', { customerId })).json()) as { token: string }).token,
  };
  await ingestFixture(api as never, 'fixture');
  await seedExtras(api);
  await seedLists(api);
  await seedStatement(api);
  await seedProfile(api);
  await seedHostile(api);

  async function handle(req: IncomingMessage): Promise<Response | undefined> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/test/session') {
      const customer = url.searchParams.get('customer') ?? 'fixture';
      const stored = (await findTenant(database.db, url.searchParams.get('tenant') === 'viewonly' ? viewOnly.id : tenant.id))!;
      const now = url.searchParams.get('expired') ? new Date(clock.now().getTime() - 3_600_000) : clock.now();
      const { token } = await signSessionToken(stored, customer, 900, now);
      return Response.json({ token });
    }
    if (url.pathname === '/test/host' && req.method === 'POST') {
      // A host backend's write, for live-update tests: `{ method, path, body }` with the tenant's key.
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const call = JSON.parse(Buffer.concat(chunks).toString()) as { method: string; path: string; body: unknown };
      return host(call.method, call.path, call.body);
    }
    if (!url.pathname.startsWith('/v1/')) return undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    return app.request(url.pathname + url.search, {
      method: req.method ?? 'GET',
      headers,
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    });
  }

  return {
    handle,
    close: async () => {
      await live.stop();
      await database.close();
    },
  };
}
