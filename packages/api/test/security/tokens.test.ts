import { generateKeyPairSync } from 'node:crypto';
import { ErrorBody } from '@ssp/schemas';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecretKey } from '../../src/auth/api-keys.ts';
import { signSessionToken } from '../../src/auth/session-tokens.ts';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import { createApiKey, findTenant, revokeApiKey } from '../../src/queries/tenants.ts';
import { ingestFixture } from '../fixture.ts';
import { type TestApi, backends, createTestApi, expectJson, uniqueId } from '../harness.ts';
import { appRoutes } from './routes.ts';

/**
 * Session tokens and secret keys (ASVS 7.2/7.3, API2): every bad credential on every
 * route answers 401 in the SPEC.md error shape, before any handler runs; keys are
 * stored hashed and never logged; rotation works; rate limits answer 429.
 */
describe.each(backends())('tokens and keys on $name', (backend) => {
  let database: DatabaseHandle;
  let api: TestApi;
  let other: TestApi;
  const logs: string[] = [];
  const customer = uniqueId('cus');
  let token: string;

  beforeAll(async () => {
    database = await backend.open();
    api = await createTestApi(database, { logs, config: { rateLimitKeyPerMin: 0, rateLimitSessionPerMin: 0 } });
    other = await createTestApi(database);
    await ingestFixture(api, customer);
    token = await api.token(customer);
  });
  afterAll(async () => {
    await database?.close();
  });

  const now = () => api.deps.clock.now();
  const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
  const secretBytes = (secret: string) => new Uint8Array(Buffer.from(secret, 'base64url'));
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

  /** Claims as our tokens carry them, for forging variants. */
  function claims(at: Date, overrides: Record<string, unknown> = {}) {
    return { tid: api.tenantId, iss: 'ssp', aud: 'ssp-portal', sub: customer, iat: seconds(at), nbf: seconds(at), exp: seconds(at) + 900, ...overrides };
  }

  async function badTokens(): Promise<{ name: string; header: string | undefined; code: 'unauthorized' | 'token_expired'; message?: RegExp }[]> {
    const tenant = (await findTenant(api.deps.db, api.tenantId))!;
    const theirs = (await findTenant(api.deps.db, other.tenantId))!;
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const hs256 = (body: object, key: string, kid = api.tenantId) =>
      new SignJWT(body as never).setProtectedHeader({ alg: 'HS256', kid, typ: 'JWT' }).sign(secretBytes(key));
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rs256 = await new SignJWT(claims(now()) as never).setProtectedHeader({ alg: 'RS256', kid: api.tenantId }).sign(privateKey);
    // The classic confusion: the attacker's public key handed over in the header, signing with its private half.
    const embedded = await new SignJWT(claims(now()) as never)
      .setProtectedHeader({ alg: 'RS256', kid: api.tenantId, jwk: publicKey.export({ format: 'jwk' }) as never })
      .sign(privateKey);
    // HS256 "signed" with the RSA public key as the HMAC secret.
    const publicAsSecret = await new SignJWT(claims(now()) as never)
      .setProtectedHeader({ alg: 'HS256', kid: api.tenantId })
      .sign(new Uint8Array(Buffer.from(publicKey.export({ format: 'pem', type: 'spki' }) as string)));
    const hour = 3_600_000;
    return [
      { name: 'no Authorization header', header: undefined, code: 'unauthorized' },
      { name: 'empty Bearer', header: 'Bearer ', code: 'unauthorized' },
      { name: 'Basic scheme', header: `Basic ${Buffer.from(`x:${token}`).toString('base64')}`, code: 'unauthorized' },
      { name: 'two tokens', header: `Bearer ${token} ${token}`, code: 'unauthorized' },
      { name: 'not a JWT', header: 'Bearer not-a-token', code: 'unauthorized' },
      { name: 'JWT of garbage', header: 'Bearer a.b.c', code: 'unauthorized' },
      { name: 'the secret key', header: `Bearer ${api.secretKey}`, code: 'unauthorized' },
      { name: 'expired', header: `Bearer ${(await signSessionToken(tenant, customer, 900, new Date(now().getTime() - hour))).token}`, code: 'token_expired', message: /expired/ },
      { name: 'not yet valid', header: `Bearer ${(await signSessionToken(tenant, customer, 900, new Date(now().getTime() + hour))).token}`, code: 'unauthorized', message: /not valid yet/ },
      { name: 'tampered subject', header: `Bearer ${header}.${b64({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'someone-else' })}.${signature}`, code: 'unauthorized' },
      { name: 'signature of another token', header: `Bearer ${header}.${payload}.${(await api.token(customer)).split('.')[2]}`, code: 'unauthorized' },
      { name: 'alg none', header: `Bearer ${b64({ alg: 'none', kid: api.tenantId, typ: 'JWT' })}.${payload}.`, code: 'unauthorized' },
      { name: 'RS256 with a key of its own', header: `Bearer ${rs256}`, code: 'unauthorized' },
      { name: 'RS256 with an embedded jwk', header: `Bearer ${embedded}`, code: 'unauthorized' },
      { name: 'HS256 keyed with an RSA public key', header: `Bearer ${publicAsSecret}`, code: 'unauthorized' },
      { name: 'HS512 with the right key', header: `Bearer ${await new SignJWT(claims(now()) as never).setProtectedHeader({ alg: 'HS512', kid: api.tenantId }).sign(secretBytes(tenant.session_secret))}`, code: 'unauthorized' },
      { name: "another tenant's signature", header: `Bearer ${await hs256(claims(now()), theirs.session_secret)}`, code: 'unauthorized' },
      { name: 'kid of another tenant', header: `Bearer ${await hs256(claims(now()), theirs.session_secret, other.tenantId)}`, code: 'unauthorized' },
      { name: 'unknown kid', header: `Bearer ${await hs256(claims(now()), tenant.session_secret, 'ten_nobody')}`, code: 'unauthorized' },
      { name: 'wrong audience', header: `Bearer ${await hs256(claims(now(), { aud: 'elsewhere' }), tenant.session_secret)}`, code: 'unauthorized' },
      { name: 'wrong issuer', header: `Bearer ${await hs256(claims(now(), { iss: 'someone' }), tenant.session_secret)}`, code: 'unauthorized' },
      { name: 'no expiry', header: `Bearer ${await hs256(claims(now(), { exp: undefined }), tenant.session_secret)}`, code: 'unauthorized' },
      { name: 'no subject', header: `Bearer ${await hs256(claims(now(), { sub: undefined }), tenant.session_secret)}`, code: 'unauthorized' },
    ];
  }

  /** Every route of one face, with a real id of the customer where the path takes one. */
  function routesOf(face: 'portal' | 'host') {
    return appRoutes(api.app)
      .filter((route) => (face === 'portal' ? route.includes(' /v1/portal/') : !route.includes(' /v1/portal/') && !/(health|openapi|docs)/.test(route)))
      .map((route) => {
        const [method, template] = route.split(' ') as [string, string];
        const id = template.startsWith('/v1/customers/') ? customer : `${customer}-INV-1`;
        return { route, method, path: template.replace('{id}', id) };
      });
  }

  async function expect401(route: string, response: Response, code: string, message?: RegExp) {
    const text = await response.text();
    expect(response.status, `${route}: ${text}`).toBe(401);
    expect(response.headers.get('www-authenticate'), route).toBe('Bearer');
    const body = ErrorBody.parse(JSON.parse(text));
    expect(body.error.code, route).toBe(code);
    if (message) expect(body.error.message, route).toMatch(message);
  }

  it('refuses every bad session token on every Portal API route with 401 and a clear code', async () => {
    const routes = routesOf('portal');
    expect(routes.length).toBeGreaterThanOrEqual(20);
    const variants = await badTokens();
    for (const { route, method, path } of routes) {
      for (const variant of variants) {
        const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(variant.header !== undefined ? { Authorization: variant.header } : {}) };
        const response = await api.app.request(path, { method, headers, ...(method === 'GET' ? {} : { body: '{}' }) });
        await expect401(`${route} with ${variant.name}`, response, variant.code, variant.message);
      }
    }
    // The real token passes the same gate (the 401s above are not the route failing).
    await expectJson(api.portal(token, `/v1/portal/invoices/${customer}-INV-1`), 200);
  });

  it('refuses missing, malformed, unknown, revoked and misplaced secret keys on every Host API route with 401', async () => {
    const revoked = await createApiKey(api.deps.db, api.tenantId, 'to revoke');
    await revokeApiKey(api.deps.db, api.tenantId, revoked.id, now());
    const variants: { name: string; header: string | undefined; message?: RegExp }[] = [
      { name: 'no Authorization header', header: undefined },
      { name: 'Basic scheme', header: `Basic ${Buffer.from(`${api.secretKey}:`).toString('base64')}` },
      { name: 'key without scheme', header: api.secretKey },
      { name: 'truncated key', header: `Bearer ${api.secretKey.slice(0, -1)}` },
      { name: 'key with a character changed', header: `Bearer ${api.secretKey.slice(0, -1)}${api.secretKey.endsWith('A') ? 'B' : 'A'}` },
      { name: 'well-formed unknown key', header: `Bearer ssp_sk_${'Q'.repeat(43)}` },
      { name: 'the stored hash', header: `Bearer ${hashSecretKey(api.secretKey)}` },
      { name: 'revoked key', header: `Bearer ${revoked.secret}`, message: /revoked/ },
      { name: 'a session token', header: `Bearer ${token}` },
    ];
    for (const { route, method, path } of routesOf('host')) {
      for (const variant of variants) {
        const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(variant.header !== undefined ? { Authorization: variant.header } : {}) };
        const response = await api.app.request(path, { method, headers, ...(method === 'GET' ? {} : { body: '{}' }) });
        await expect401(`${route} with ${variant.name}`, response, 'unauthorized', variant.message);
      }
    }
  });

  it('stores secret keys as SHA-256 hashes only', async () => {
    const row = await api.deps.db.selectFrom('api_keys').selectAll().where('tenant_id', '=', api.tenantId).where('id', '=', api.keyId).executeTakeFirstOrThrow();
    expect(row.key_hash).toBe(hashSecretKey(api.secretKey));
    expect(JSON.stringify(row)).not.toContain(api.secretKey.slice(13));
  });

  it('rotates keys: two active keys both work, revoking the old one refuses it at once and keeps the new one', async () => {
    const fresh = await createApiKey(api.deps.db, api.tenantId, 'rotation');
    const call = (secret: string) => api.app.request('/v1/customers?limit=1', { headers: { Authorization: `Bearer ${secret}` } });
    const old = await createApiKey(api.deps.db, api.tenantId, 'old');
    expect((await call(old.secret)).status).toBe(200);
    expect((await call(fresh.secret)).status).toBe(200);
    await revokeApiKey(api.deps.db, api.tenantId, old.id, now());
    await expect401('revoked key', await call(old.secret), 'unauthorized');
    expect((await call(fresh.secret)).status).toBe(200);
    // Revoking is per tenant: another tenant cannot revoke this tenant's key by its id.
    await revokeApiKey(api.deps.db, other.tenantId, fresh.id, now());
    expect((await call(fresh.secret)).status).toBe(200);
  });

  it('never writes a secret key or a session token to the logs, even on failures', async () => {
    const unknownKey = `ssp_sk_${'L'.repeat(43)}`;
    await api.app.request('/v1/customers', { headers: { Authorization: `Bearer ${unknownKey}` } });
    await api.host('POST', '/v1/sessions', { customerId: customer });
    await api.host('POST', '/v1/invoices', { id: 'x', customerId: 'nobody', lines: [] });
    await api.portal(token, '/v1/portal/summary');
    await api.portal(`${token}x`, '/v1/portal/summary');
    await api.portal(token, `/v1/portal/invoices?q=${encodeURIComponent(api.secretKey)}`);
    expect(logs.length).toBeGreaterThan(3);
    const all = logs.join('\n');
    for (const secret of [api.secretKey, api.secretKey.slice(7), unknownKey.slice(7), token, token.split('.')[2]!]) {
      expect(all).not.toContain(secret);
    }
  });
});

describe.each(backends())('rate limits on $name', (backend) => {
  let database: DatabaseHandle;
  let api: TestApi;
  const customer = uniqueId('cus');
  const neighbour = uniqueId('cus');

  beforeAll(async () => {
    database = await backend.open();
    // Written with limits off, then a second app over the same tenant with small limits.
    const writer = await createTestApi(database);
    await writer.host('POST', '/v1/customers', { data: [{ id: customer, name: 'Busy' }, { id: neighbour, name: 'Quiet' }] });
    api = await createTestApi(database, { config: { rateLimitKeyPerMin: 5, rateLimitSessionPerMin: 4 } });
    await expectJson(api.host('POST', '/v1/customers', { data: [{ id: customer, name: 'Busy' }, { id: neighbour, name: 'Quiet' }] }), 200);
  });
  afterAll(async () => {
    await database?.close();
  });

  async function expect429(response: Response) {
    const text = await response.text();
    expect(response.status, text).toBe(429);
    const wait = Number(response.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(ErrorBody.parse(JSON.parse(text)).error.code).toBe('rate_limited');
  }

  it('limits each secret key per minute (429 with Retry-After), and a second key has its own budget', async () => {
    // One request went to the upsert in beforeAll.
    for (let i = 0; i < 4; i += 1) expect((await api.host('GET', '/v1/customers?limit=1')).status).toBe(200);
    await expect429(await api.host('GET', '/v1/customers?limit=1'));
    const second = await createApiKey(api.deps.db, api.tenantId, 'second');
    expect((await api.app.request('/v1/customers?limit=1', { headers: { Authorization: `Bearer ${second.secret}` } })).status).toBe(200);
  });

  it('limits each customer session per minute, whichever token it uses, and leaves other customers alone', async () => {
    const tenant = (await findTenant(api.deps.db, api.tenantId))!;
    const tokenFor = async (id: string) => (await signSessionToken(tenant, id, 900, api.deps.clock.now())).token;
    const first = await tokenFor(customer);
    for (let i = 0; i < 4; i += 1) expect((await api.portal(first, '/v1/portal/summary')).status).toBe(200);
    await expect429(await api.portal(first, '/v1/portal/summary'));
    // A fresh token does not reset the customer's budget.
    await expect429(await api.portal(await tokenFor(customer), '/v1/portal/account'));
    expect((await api.portal(await tokenFor(neighbour), '/v1/portal/summary')).status).toBe(200);
  });

  it('refuses bad credentials before counting them, so a stranger cannot use up a customer’s budget', async () => {
    const tenant = (await findTenant(api.deps.db, api.tenantId))!;
    const quiet = (await signSessionToken(tenant, neighbour, 900, api.deps.clock.now())).token;
    for (let i = 0; i < 10; i += 1) expect((await api.portal(`${quiet}x`, '/v1/portal/summary')).status).toBe(401);
    expect((await api.portal(quiet, '/v1/portal/summary')).status).toBe(200);
  });
});
