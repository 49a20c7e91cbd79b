import type { MiddlewareHandler } from 'hono';
import { SessionTokenVerifier } from '../auth/session-tokens.ts';
import type { Deps, PortalEnv } from '../env.ts';
import { unauthorized } from '../errors.ts';
import { bearer } from './host-auth.ts';

/** Portal API: `Authorization: Bearer <session token>` minted by POST /v1/sessions. */
export function sessionAuth(deps: Deps): MiddlewareHandler<PortalEnv> {
  const tokens = new SessionTokenVerifier(async (tenantId) => (await deps.tenants.get(tenantId))?.session_secret);
  return async (c, next) => {
    const token = bearer(c.req.header('authorization'));
    if (!token) throw unauthorized('send the session token as Authorization: Bearer <token>');
    const claims = await tokens.verify(token, deps.clock.now());
    const tenant = await deps.tenants.get(claims.tenantId);
    if (!tenant) throw unauthorized('invalid session token');
    c.set('tenant', tenant);
    c.set('customerId', claims.customerId);
    c.set('sessionExpiresAt', claims.expiresAt);
    await next();
  };
}
