import { createRoute } from '@hono/zod-openapi';
import { ErrorBody, Statement, StatementQuery } from '@ssp/schemas';
import type { Deps, PortalEnv } from '../../env.ts';
import { badRequest, notFound } from '../../errors.ts';
import { createRouter, errorResponses } from '../../openapi.ts';
import { getStatement } from '../../queries/statement.ts';
import { portalSecurity } from './params.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/portal/statement',
  tags: ['Portal API'],
  summary: 'Account statement for a date range',
  description: 'Per currency: opening balance, invoices (debits), payments and credit notes (credits) in date order with a running balance, closing balance, and aging at `to`.',
  security: portalSecurity,
  request: { query: StatementQuery },
  responses: {
    200: { description: 'The statement.', content: { 'application/json': { schema: Statement } } },
    ...errorResponses(ErrorBody, 400, 401, 403, 404),
  },
});

export function statementRoutes(deps: Deps) {
  return createRouter<PortalEnv>().openapi(route, async (c) => {
    const tenantId = c.get('tenant').id;
    const query = c.req.valid('query');
    const to = query.to ?? deps.clock.today();
    if (query.from && query.from > to) throw badRequest('from must not be after to', [{ path: 'from', message: `after ${to}` }]);
    const customer = await deps.db.selectFrom('customers').select(['id', 'name', 'currency']).where('tenant_id', '=', tenantId).where('id', '=', c.get('customerId')).executeTakeFirst();
    if (!customer) throw notFound('customer');
    return c.json(await getStatement(deps.db, tenantId, customer, query.from, to), 200);
  });
}
