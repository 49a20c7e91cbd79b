import { createRoute } from '@hono/zod-openapi';
import { ErrorBody, Session, SessionRequest } from '@ssp/schemas';
import { signSessionToken } from '../../auth/session-tokens.ts';
import type { Deps, HostEnv } from '../../env.ts';
import { notFound } from '../../errors.ts';
import { createRouter, errorResponses } from '../../openapi.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/sessions',
  tags: ['Host API'],
  summary: 'Mint a customer session token',
  description: "Called by the host's backend with its secret key. Hand the token to the page; it expires after 15 minutes by default.",
  security: [{ secretKey: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: SessionRequest } } } },
  responses: {
    201: { description: 'The token.', content: { 'application/json': { schema: Session } } },
    ...errorResponses(ErrorBody, 400, 401, 404, 415),
  },
});

export function sessionRoutes(deps: Deps) {
  return createRouter<HostEnv>().openapi(route, async (c) => {
    const { customerId, ttlSeconds } = c.req.valid('json');
    const tenant = c.get('tenant');
    const customer = await deps.db.selectFrom('customers').select('id').where('tenant_id', '=', tenant.id).where('id', '=', customerId).executeTakeFirst();
    if (!customer) throw notFound(`customer ${customerId}`);
    const { token, expiresAt } = await signSessionToken(tenant, customerId, ttlSeconds ?? deps.config.sessionTtlSeconds, deps.clock.now());
    return c.json({ token, expiresAt: expiresAt.toISOString(), customerId }, 201);
  });
}
