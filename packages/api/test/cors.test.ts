import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/connect.ts';
import { type TestApi, backends, createTestApi, expectJson, uniqueId } from './harness.ts';

describe.each(backends())('CORS on $name', (backend) => {
  let database: DatabaseHandle;
  let api: TestApi;
  let other: TestApi;
  let token: string;

  beforeAll(async () => {
    database = await backend.open();
    api = await createTestApi(database, { origins: ['https://shop.example'] });
    other = await createTestApi(database, { origins: ['https://elsewhere.example'] });
    const cus = uniqueId('cus');
    await expectJson(api.host('POST', '/v1/customers', { id: cus, name: 'C', currency: 'USD' }), 200);
    token = await api.token(cus);
  });
  afterAll(async () => {
    await database?.close();
  });

  const preflight = (origin: string, path = '/v1/portal/summary') =>
    api.app.request(path, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' } });

  it('answers a preflight from an origin some tenant allows, and refuses any other', async () => {
    const ok = await preflight('https://shop.example');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("lets a tenant's own origin read portal responses, including a 401 so the page can refresh its token", async () => {
    const response = await api.portal(token, '/v1/portal/summary', { headers: { Origin: 'https://shop.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const expired = await api.app.request('/v1/portal/summary', { headers: { Origin: 'https://shop.example', Authorization: 'Bearer nope' } });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });

  it("refuses a page on another tenant's origin (403, no CORS headers)", async () => {
    const response = await api.portal(token, '/v1/portal/summary', { headers: { Origin: 'https://elsewhere.example' } });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect((await response.json()).error.code).toBe('forbidden');
    void other;
  });

  it('refuses an unknown origin with no CORS headers', async () => {
    const response = await api.portal(token, '/v1/portal/summary', { headers: { Origin: 'https://evil.example' } });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('treats the API’s own origin as same-origin', async () => {
    const response = await api.portal(token, '/v1/portal/summary', { headers: { Origin: 'http://localhost', Host: 'localhost' } });
    expect(response.status).toBe(200);
  });

  it('sends no CORS headers on the Host API, whatever the origin', async () => {
    const response = await api.host('GET', '/v1/customers', undefined, { Origin: 'https://shop.example' });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await preflight('https://shop.example', '/v1/customers');
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });
});
