import { randomUUID } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { unauthorized } from '../errors.ts';

/**
 * Session tokens are JWTs signed with HS256 under a key of the customer's tenant (kept in
 * the database, so every API process can verify them without shared configuration).
 * The header's `kid` names the tenant; verification loads that tenant's key and accepts
 * HS256 only, so `alg: none` and algorithm confusion are refused by construction.
 */
const ISSUER = 'ssp';
const AUDIENCE = 'ssp-portal';
const ALGORITHM = 'HS256';

export interface SessionClaims {
  tenantId: string;
  customerId: string;
  expiresAt: Date;
}

function keyBytes(secret: string): Uint8Array {
  return new Uint8Array(Buffer.from(secret, 'base64url'));
}

export async function signSessionToken(
  tenant: { id: string; session_secret: string },
  customerId: string,
  ttlSeconds: number,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = new Date((issuedAt + ttlSeconds) * 1000);
  const token = await new SignJWT({ tid: tenant.id })
    .setProtectedHeader({ alg: ALGORITHM, kid: tenant.id, typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(customerId)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .setJti(randomUUID())
    .sign(keyBytes(tenant.session_secret));
  return { token, expiresAt };
}

export async function verifySessionToken(
  token: string,
  secretOf: (tenantId: string) => Promise<string | undefined>,
  now: Date,
): Promise<SessionClaims> {
  return (await verifyFully(token, secretOf, now)).claims;
}

interface Verified {
  claims: SessionClaims;
  /** The tenant key the signature was checked with: a rotated key invalidates the entry. */
  secret: string;
  notBefore: number;
}

async function verifyFully(token: string, secretOf: (tenantId: string) => Promise<string | undefined>, now: Date): Promise<Verified> {
  let secret = '';
  try {
    const { payload, protectedHeader } = await jwtVerify(
      token,
      async (header) => {
        secret = (header.kid ? await secretOf(header.kid) : undefined) ?? '';
        if (!secret) throw unauthorized('invalid session token');
        return keyBytes(secret);
      },
      { algorithms: [ALGORITHM], issuer: ISSUER, audience: AUDIENCE, currentDate: now, requiredClaims: ['sub', 'exp', 'nbf', 'tid'] },
    );
    if (payload.tid !== protectedHeader.kid || typeof payload.sub !== 'string' || typeof payload.exp !== 'number' || typeof payload.nbf !== 'number') {
      throw unauthorized('invalid session token');
    }
    return { claims: { tenantId: payload.tid as string, customerId: payload.sub, expiresAt: new Date(payload.exp * 1000) }, secret, notBefore: payload.nbf * 1000 };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw unauthorized('session token expired', 'token_expired');
    // Said apart because its usual cause is the clock of the server that minted it.
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'nbf') throw unauthorized('session token not valid yet (is the clock of its issuer ahead?)');
    if (error instanceof joseErrors.JOSEError) throw unauthorized('invalid session token');
    throw error;
  }
}

/**
 * `verifySessionToken` that remembers the tokens it has verified. An embedded portal sends
 * the same token with every request of its session, and checking the HMAC through
 * WebCrypto (key import, then verify) was the largest single cost of a cheap portal route.
 * A remembered token is accepted again only while it is inside its own nbf..exp window
 * and its tenant's key is still the one it was verified with; anything else (a token never
 * seen, a rotated key, an expired token) goes through the full check and its exact errors.
 * The key of the memory is the whole token string, so only the holder of a token that
 * already passed can hit it.
 */
export class SessionTokenVerifier {
  private readonly verified = new Map<string, Verified>();

  constructor(
    private readonly secretOf: (tenantId: string) => Promise<string | undefined>,
    private readonly capacity = 10_000,
  ) {}

  async verify(token: string, now: Date): Promise<SessionClaims> {
    const hit = this.verified.get(token);
    const time = now.getTime();
    if (hit && time >= hit.notBefore && time < hit.claims.expiresAt.getTime() && (await this.secretOf(hit.claims.tenantId)) === hit.secret) return hit.claims;
    if (hit) this.verified.delete(token);
    const verified = await verifyFully(token, this.secretOf, now);
    // Oldest first out: a Map iterates in insertion order.
    if (this.verified.size >= this.capacity) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, verified);
    return verified.claims;
  }

  remembers(token: string): boolean {
    return this.verified.has(token);
  }
}
