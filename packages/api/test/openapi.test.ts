import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../src/db/connect.ts';
import { createApp } from '../src/app.ts';
import { TenantCache } from '../src/tenant-cache.ts';
import { type TestApi, createTestApi } from './harness.ts';

describe('OpenAPI document and health', () => {
  let database: DatabaseHandle;
  let api: TestApi;
  beforeAll(async () => {
    database = await openDatabase({});
    api = await createTestApi(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('documents every fixed route of SPEC.md in /v1/openapi.json', async () => {
    const doc = await (await api.app.request('/v1/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.paths);
    for (const path of [
      '/v1/health', '/v1/sessions', '/v1/customers', '/v1/invoices', '/v1/payments', '/v1/credit-notes', '/v1/sales-orders', '/v1/schedules',
      '/v1/portal/summary', '/v1/portal/account', '/v1/portal/profile', '/v1/portal/invoices', '/v1/portal/invoices/{id}',
      '/v1/portal/payments', '/v1/portal/payments/{id}', '/v1/portal/statement', '/v1/portal/sales-orders', '/v1/portal/sales-orders/{id}',
      '/v1/portal/credit-notes', '/v1/portal/credit-notes/{id}', '/v1/portal/schedules', '/v1/portal/schedules/{id}',
    ]) {
      expect(paths).toContain(path);
    }
    expect(doc.paths['/v1/portal/profile'].patch).toBeDefined();
    expect(doc.components.schemas.Invoice.properties.total).toBeDefined();
    expect(doc.components.securitySchemes.secretKey.scheme).toBe('bearer');
  });

  it('declares the SSP-Event-Id header on every successful Portal API answer but the event stream, and only there', async () => {
    const doc = await (await api.app.request('/v1/openapi.json')).json();
    const position = { $ref: '#/components/headers/SspEventId' };
    expect(doc.components.headers.SspEventId.schema).toEqual({ type: 'string', pattern: '^[0-9]+$' });
    let declared = 0;
    for (const [path, item] of Object.entries<Record<string, { responses?: Record<string, { headers?: Record<string, unknown> }> }>>(doc.paths)) {
      for (const operation of Object.values(item)) {
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          const header = response.headers?.['SSP-Event-Id'];
          if (path.startsWith('/v1/portal/') && path !== '/v1/portal/events' && status.startsWith('2')) {
            expect(header, `${path} ${status}`).toEqual(position);
            declared += 1;
          } else {
            expect(header, `${path} ${status}`).toBeUndefined();
          }
        }
      }
    }
    expect(declared).toBeGreaterThan(15);
  });

  it('serves a browsable API page whose assets come from the package, not a CDN', async () => {
    const page = await api.app.request('/v1/docs');
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).not.toMatch(/https?:\/\//);
    for (const asset of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
      const response = await api.app.request(asset[1]!);
      expect(response.status, asset[1]).toBe(200);
    }
  });

  it('reports health and the database kind', async () => {
    const health = await (await api.app.request('/v1/health')).json();
    expect(health).toEqual({ status: 'ok', database: 'pglite' });
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await api.app.request('/v1/nope');
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('not_found');
  });

  it('answers 503 with Retry-After within 2 s when the database is unreachable, and never a 500', async () => {
    // Nothing listens on port 1: every connection is refused, as when PostgreSQL is down.
    const down = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/ssp', migrate: false });
    const app = createApp({ ...api.deps, db: down.db, dbKind: down.kind, tenants: new TenantCache(down.db) });
    try {
      const started = performance.now();
      const health = await app.request('/v1/health');
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: 'unavailable', database: 'postgresql' });
      const host = await app.request('/v1/customers', { headers: { Authorization: `Bearer ${api.secretKey}` } });
      expect(host.status).toBe(503);
      expect(host.headers.get('retry-after')).toBe('2');
      expect((await host.json()).error.code).toBe('database_unavailable');
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      await down.close();
    }
  });
});
