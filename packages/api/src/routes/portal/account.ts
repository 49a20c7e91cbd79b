import { createRoute } from '@hono/zod-openapi';
import { Customer, ErrorBody } from '@ssp/schemas';
import type { Deps, PortalEnv } from '../../env.ts';
import { notFound } from '../../errors.ts';
import { createRouter, errorResponses } from '../../openapi.ts';
import { getCustomer } from '../../queries/customers.ts';
import { portalSecurity } from './params.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/portal/account',
  tags: ['Portal API'],
  summary: 'Account information: company, contacts, billing terms',
  security: portalSecurity,
  responses: {
    200: { description: 'The account.', content: { 'application/json': { schema: Customer } } },
    ...errorResponses(ErrorBody, 401, 403, 404),
  },
});

export function accountRoutes(deps: Deps) {
  return createRouter<PortalEnv>().openapi(route, async (c) => {
    const customer = await getCustomer(deps.db, c.get('tenant').id, c.get('customerId'));
    if (!customer) throw notFound('customer');
    return c.json(customer, 200);
  });
}
