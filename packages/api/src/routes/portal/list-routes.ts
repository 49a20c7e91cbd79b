import { createRoute, type z } from '@hono/zod-openapi';
import { ErrorBody } from '@ssp/schemas';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps, PortalEnv } from '../../env.ts';
import { notFound } from '../../errors.ts';
import { createRouter, errorResponses } from '../../openapi.ts';
import { IdParam, portalSecurity } from './params.ts';

interface Scope {
  db: Kysely<Database>;
  tenantId: string;
  customerId: string;
  today: string;
}

export interface PortalResource<Q extends z.ZodType, L extends z.ZodType, D extends z.ZodType> {
  /** `/v1/portal/<path>` and `/v1/portal/<path>/{id}`. */
  path: string;
  noun: string;
  description: string;
  query: Q;
  list: L;
  detail: D;
  fetchList(scope: Scope, query: z.output<Q>): Promise<z.output<L>>;
  fetchOne(scope: Scope, id: string): Promise<z.output<D> | undefined>;
}

/**
 * The Portal API face of one list resource: the session's customer's records only. An id
 * that is another customer's (or another tenant's) answers 404 exactly like one that
 * does not exist, because every query is scoped by the token's tenant and customer.
 */
export function portalListRoutes<Q extends z.ZodType, L extends z.ZodType, D extends z.ZodType>(deps: Deps, resource: PortalResource<Q, L, D>) {
  const listRoute = createRoute({
    method: 'get',
    path: `/v1/portal/${resource.path}`,
    tags: ['Portal API'],
    summary: `List ${resource.noun}s`,
    description: resource.description,
    security: portalSecurity,
    request: { query: resource.query as never },
    responses: {
      200: { description: 'A page, with `nextCursor`.', content: { 'application/json': { schema: resource.list } } },
      ...errorResponses(ErrorBody, 400, 401, 403),
    },
  });
  const detailRoute = createRoute({
    method: 'get',
    path: `/v1/portal/${resource.path}/{id}`,
    tags: ['Portal API'],
    summary: `One ${resource.noun}`,
    security: portalSecurity,
    request: { params: IdParam },
    responses: {
      200: { description: `The ${resource.noun}.`, content: { 'application/json': { schema: resource.detail } } },
      ...errorResponses(ErrorBody, 400, 401, 403, 404),
    },
  });
  const scope = (tenantId: string, customerId: string): Scope => ({ db: deps.db, tenantId, customerId, today: deps.clock.today() });

  return createRouter<PortalEnv>()
    .openapi(listRoute, async (c) => {
      const result = await resource.fetchList(scope(c.get('tenant').id, c.get('customerId')), c.req.valid('query' as never) as z.output<Q>);
      return c.json(result as never, 200);
    })
    .openapi(detailRoute, async (c) => {
      const { id } = c.req.valid('param');
      const record = await resource.fetchOne(scope(c.get('tenant').id, c.get('customerId')), id);
      if (!record) throw notFound(`${resource.noun} ${id}`);
      return c.json(record as never, 200);
    });
}
