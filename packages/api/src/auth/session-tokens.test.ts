import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.ts';
import { SessionTokenVerifier, signSessionToken, verifySessionToken } from './session-tokens.ts';

const tenant = { id: 'ten_a', session_secret: Buffer.alloc(32, 1).toString('base64url') };
const other = { id: 'ten_b', session_secret: Buffer.alloc(32, 2).toString('base64url') };
const secrets = async (id: string) => [tenant, other].find((t) => t.id === id)?.session_secret;
const now = new Date('2026-06-15T12:00:00Z');

async function rejection(token: string, at = now): Promise<ApiError> {
  try {
    await verifySessionToken(token, secrets, at);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('token was accepted');
}

describe('session tokens', () => {
  it('carry the tenant, customer and expiry', async () => {
    const { token, expiresAt } = await signSessionToken(tenant, 'cus_1', 900, now);
    expect(expiresAt.toISOString()).toBe('2026-06-15T12:15:00.000Z');
    expect(await verifySessionToken(token, secrets, now)).toEqual({ tenantId: 'ten_a', customerId: 'cus_1', expiresAt });
  });

  it('expire (401 token_expired) and are not valid before they were issued', async () => {
    const { token } = await signSessionToken(tenant, 'cus_1', 900, now);
    expect((await rejection(token, new Date('2026-06-15T12:16:00Z'))).code).toBe('token_expired');
    expect((await rejection(token, new Date('2026-06-15T11:00:00Z'))).code).toBe('unauthorized');
  });

  it("refuse another tenant's key, a kid swap, alg none and tampering", async () => {
    const { token } = await signSessionToken(tenant, 'cus_1', 900, now);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const swappedKid = Buffer.from(JSON.stringify({ alg: 'HS256', kid: 'ten_b', typ: 'JWT' })).toString('base64url');
    expect((await rejection(`${swappedKid}.${payload}.${signature}`)).status).toBe(401);
    const none = Buffer.from(JSON.stringify({ alg: 'none', kid: 'ten_a' })).toString('base64url');
    expect((await rejection(`${none}.${payload}.`)).status).toBe(401);
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = Buffer.from(JSON.stringify({ ...claims, sub: 'cus_2' })).toString('base64url');
    expect((await rejection(`${header}.${tampered}.${signature}`)).status).toBe(401);
    // Signed by tenant B's key but claiming tenant A.
    const forged = await new SignJWT({ tid: 'ten_a' })
      .setProtectedHeader({ alg: 'HS256', kid: 'ten_b' })
      .setIssuer('ssp').setAudience('ssp-portal').setSubject('cus_1').setIssuedAt(now).setNotBefore(now).setExpirationTime(new Date(now.getTime() + 60_000))
      .sign(new Uint8Array(Buffer.from(other.session_secret, 'base64url')));
    expect((await rejection(forged)).status).toBe(401);
    expect((await rejection('a.b.c')).status).toBe(401);
    expect((await rejection(`${header}.${payload}.${signature}`.replace('.', '..'))).status).toBe(401);
  });

  it('refuse an HS384 token even with the right key (algorithms are pinned)', async () => {
    const token = await new SignJWT({ tid: 'ten_a' })
      .setProtectedHeader({ alg: 'HS384', kid: 'ten_a' })
      .setIssuer('ssp').setAudience('ssp-portal').setSubject('cus_1').setIssuedAt(now).setNotBefore(now).setExpirationTime(new Date(now.getTime() + 60_000))
      .sign(new Uint8Array(Buffer.from(tenant.session_secret, 'base64url')));
    expect((await rejection(token)).status).toBe(401);
  });

  describe('remembered by SessionTokenVerifier', () => {
    async function failure(verifier: SessionTokenVerifier, token: string, at: Date): Promise<ApiError> {
      const error = await verifier.verify(token, at).then(() => undefined, (caught: unknown) => caught);
      if (error instanceof ApiError) return error;
      throw new Error(`expected a refusal, got ${String(error)}`);
    }

    it('asks for the key once per token, and still refuses it once expired or before nbf', async () => {
      let lookups = 0;
      const verifier = new SessionTokenVerifier(async (id) => {
        lookups += 1;
        return secrets(id);
      });
      const { token } = await signSessionToken(tenant, 'cus_1', 900, now);
      for (let call = 0; call < 5; call += 1) expect((await verifier.verify(token, now)).customerId).toBe('cus_1');
      // One lookup for the signature, then one per call to confirm the key is unchanged.
      expect(lookups).toBe(5);
      expect((await failure(verifier, token, new Date(now.getTime() + 900_000))).code).toBe('token_expired');
      expect((await failure(verifier, token, new Date(now.getTime() - 1_000))).code).toBe('unauthorized');
      expect((await verifier.verify(token, now)).customerId).toBe('cus_1');
    });

    it("forgets a token when its tenant's key is rotated", async () => {
      let current = tenant.session_secret;
      const verifier = new SessionTokenVerifier(async (id) => (id === tenant.id ? current : undefined));
      const { token } = await signSessionToken(tenant, 'cus_1', 900, now);
      await verifier.verify(token, now);
      current = Buffer.alloc(32, 9).toString('base64url');
      expect((await failure(verifier, token, now)).status).toBe(401);
    });

    it('never lets a tampered copy of a remembered token through', async () => {
      const verifier = new SessionTokenVerifier(secrets);
      const { token } = await signSessionToken(tenant, 'cus_1', 900, now);
      await verifier.verify(token, now);
      const [header, payload, signature] = token.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const tampered = Buffer.from(JSON.stringify({ ...claims, sub: 'cus_2' })).toString('base64url');
      expect((await failure(verifier, `${header}.${tampered}.${signature}`, now)).status).toBe(401);
      expect((await failure(verifier, `${token}x`, now)).status).toBe(401);
    });

    it('keeps at most its capacity, oldest out first', async () => {
      const verifier = new SessionTokenVerifier(secrets, 2);
      const tokens = await Promise.all(['cus_1', 'cus_2', 'cus_3'].map(async (id) => (await signSessionToken(tenant, id, 900, now)).token));
      for (const token of tokens) await verifier.verify(token, now);
      expect(verifier.remembers(tokens[0]!)).toBe(false);
      expect(verifier.remembers(tokens[1]!) && verifier.remembers(tokens[2]!)).toBe(true);
      // Pushed out is not refused: it is checked in full again.
      expect((await verifier.verify(tokens[0]!, now)).customerId).toBe('cus_1');
      expect(verifier.remembers(tokens[1]!)).toBe(false);
    });
  });
});
