import { createRoute } from '@hono/zod-openapi';
import { Health } from '@ssp/schemas';
import { sql } from 'kysely';
import type { Deps } from '../env.ts';
import { createRouter } from '../openapi.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/health',
  tags: ['Health'],
  summary: 'Liveness and database reachability',
  responses: {
    200: { description: 'Up, database reachable.', content: { 'application/json': { schema: Health } } },
    503: { description: 'Up, database unreachable.', content: { 'application/json': { schema: Health } } },
  },
});

export function healthRoutes(deps: Deps) {
  return createRouter().openapi(route, async (c) => {
    try {
      await sql`select 1`.execute(deps.db);
      return c.json({ status: 'ok' as const, database: deps.dbKind }, 200);
    } catch {
      return c.json({ status: 'unavailable' as const, database: deps.dbKind }, 503);
    }
  });
}
