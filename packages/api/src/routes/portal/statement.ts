import { createRoute } from '@hono/zod-openapi';
import { ErrorBody, Statement, StatementQuery } from '@ssp/schemas';
import type { Deps, PortalEnv } from '../../env.ts';
import { createRouter, errorResponses } from '../../openapi.ts';
import { customerStatement, statementPeriod } from '../../queries/statement.ts';
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
    const period = statementPeriod(c.req.valid('query'), deps.clock.today());
    return c.json(await customerStatement(deps.db, c.get('tenant').id, c.get('customerId'), period), 200);
  });
}
