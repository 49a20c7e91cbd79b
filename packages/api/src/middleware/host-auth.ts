import type { MiddlewareHandler } from 'hono';
import { looksLikeSecretKey } from '../auth/api-keys.ts';
import type { Deps, HostEnv } from '../env.ts';
import { unauthorized } from '../errors.ts';
import { findTenantBySecretKey } from '../queries/tenants.ts';

/** Host API: `Authorization: Bearer ssp_sk_…`, an active secret key of a tenant. */
export function hostAuth(deps: Deps): MiddlewareHandler<HostEnv> {
  return async (c, next) => {
    // Registered for `/v1/x` and `/v1/x/*`, and Hono matches both for `/v1/x`: look the key up once.
    if (c.get('apiKeyId')) return next();
    const secret = bearer(c.req.header('authorization'));
    if (!secret) throw unauthorized('send the secret key as Authorization: Bearer <key>');
    if (!looksLikeSecretKey(secret)) throw unauthorized('not a secret key');
    const found = await findTenantBySecretKey(deps.db, secret);
    if (!found) throw unauthorized('unknown or revoked secret key');
    c.set('tenant', found.tenant);
    c.set('apiKeyId', found.keyId);
    await next();
  };
}

export function bearer(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer +(\S+)\s*$/i);
  return match?.[1];
}
