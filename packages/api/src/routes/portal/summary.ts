import { createRoute } from '@hono/zod-openapi';
import { ErrorBody, Summary } from '@ssp/schemas';
import type { Deps, PortalEnv } from '../../env.ts';
import { notFound } from '../../errors.ts';
import { createRouter, errorResponses } from '../../openapi.ts';
import { getSummary } from '../../queries/summary.ts';
import { portalSecurity } from './params.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/portal/summary',
  tags: ['Portal API'],
  summary: 'Account summary, per currency',
  description: 'Outstanding, overdue, upcoming (30 days), total paid, available credit, status, aging and 12 months of invoiced and paid amounts.',
  security: portalSecurity,
  responses: {
    200: { description: 'The summary.', content: { 'application/json': { schema: Summary } } },
    ...errorResponses(ErrorBody, 401, 403, 404),
  },
});

export function summaryRoutes(deps: Deps) {
  return createRouter<PortalEnv>().openapi(route, async (c) => {
    const summary = await getSummary(deps.db, c.get('tenant').id, c.get('customerId'), deps.clock.today());
    if (!summary) throw notFound('customer');
    return c.json(summary, 200);
  });
}
