import type { MiddlewareHandler } from 'hono';
import type { Deps, PortalEnv } from '../env.ts';
import { forbidden } from '../errors.ts';

const ALLOW_METHODS = 'GET, POST, PATCH, OPTIONS';
const ALLOW_HEADERS = 'Authorization, Content-Type, Accept-Language, Last-Event-ID';
const EXPOSE_HEADERS = 'Content-Disposition, Retry-After, SSP-Event-Id';

/** A request from the API's own origin is not cross-origin, whatever the tenant lists. */
function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * CORS for the Portal API, before authentication. Preflights carry no token, so they
 * are answered for any origin that some tenant allows; a real request from such an
 * origin gets CORS headers up front so that its 401 (token expired) is readable by the
 * page and the elements can refresh the token. `portalOriginCheck` then holds the
 * request to its own tenant's origins.
 */
export function portalCors(deps: Deps): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (!origin) return next();
    const allowed = sameOrigin(origin, c.req.header('host')) || (await deps.tenants.allOrigins()).has(origin);
    if (c.req.method === 'OPTIONS') {
      if (!allowed) return c.body(null, 403, { Vary: 'Origin' });
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': ALLOW_METHODS,
        'Access-Control-Allow-Headers': ALLOW_HEADERS,
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
    }
    c.header('Vary', 'Origin');
    if (allowed) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
    await next();
  };
}

/** After session auth: a cross-origin request must come from one of the token's tenant's origins. */
export const portalOriginCheck: MiddlewareHandler<PortalEnv> = async (c, next) => {
  const origin = c.req.header('origin');
  if (origin && !sameOrigin(origin, c.req.header('host')) && !c.get('tenant').allowed_origins.includes(origin)) {
    c.header('Access-Control-Allow-Origin', undefined);
    c.header('Access-Control-Expose-Headers', undefined);
    throw forbidden(`origin ${origin} is not allowed for this tenant`);
  }
  await next();
};
