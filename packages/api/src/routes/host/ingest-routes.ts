import { createRoute, z } from '@hono/zod-openapi';
import { Cursor, ErrorBody, Id, Limit, MAX_BATCH, listOf, upsertBody, upsertResult } from '@ssp/schemas';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps, HostEnv } from '../../env.ts';
import { type IngestSpec, runIngest } from '../../ingest/run.ts';
import { createRouter, errorResponses } from '../../openapi.ts';
import { decodeCursor, encodeCursor } from '../../cursor.ts';

type ListedTable = 'customers' | 'invoices' | 'payments' | 'credit_notes' | 'sales_orders' | 'schedules';

export interface HostResource<T> {
  /** URL segment: `/v1/<path>`. */
  path: string;
  /** Singular, for docs: "invoice". */
  noun: string;
  table: ListedTable;
  input: z.ZodType<T>;
  /** What an upsert answers with (per record). */
  output: z.ZodType;
  /** What the list shows per record, when lighter than `output`. */
  listItem?: z.ZodType;
  // The write's own return type stays between its `write` and `changes`.
  ingest: IngestSpec<T, any>;
  /** Serialises a page of rows (already in order) for the list. */
  toWire(db: Kysely<Database>, tenantId: string, rows: { id: string }[], today: string): Promise<unknown[]>;
}

/**
 * The Host API face of one resource: `POST /v1/<path>` (idempotent upsert, single or
 * batch) and `GET /v1/<path>` (the tenant's records by id, optionally one customer's,
 * with a cursor).
 */
export function hostResourceRoutes<T>(deps: Deps, resource: HostResource<T>) {
  const upsert = createRoute({
    method: 'post',
    path: `/v1/${resource.path}`,
    tags: ['Host API'],
    summary: `Upsert ${resource.noun}s (one, or a batch of up to ${MAX_BATCH})`,
    description:
      'Creates or replaces records by id. A batch is atomic. Send an `Idempotency-Key` header to make retries safe: the same key and body replay the first response; the same key with another body is a 409.',
    security: [{ secretKey: [] }],
    request: {
      headers: z.object({ 'idempotency-key': z.string().optional().meta({ description: 'Any unique string, up to 255 characters.' }) }),
      body: { required: true, content: { 'application/json': { schema: upsertBody(resource.input) } } },
    },
    responses: {
      200: { description: 'The stored record(s), as read back.', content: { 'application/json': { schema: upsertResult(resource.output) } } },
      ...errorResponses(ErrorBody, 400, 401, 409, 413, 415, 422),
    },
  });
  const list = createRoute({
    method: 'get',
    path: `/v1/${resource.path}`,
    tags: ['Host API'],
    summary: `List ${resource.noun}s`,
    security: [{ secretKey: [] }],
    request: { query: z.object({ customerId: Id.optional(), limit: Limit, cursor: Cursor.optional() }) },
    responses: {
      200: { description: 'A page, in id order.', content: { 'application/json': { schema: listOf(resource.listItem ?? resource.output) } } },
      ...errorResponses(ErrorBody, 400, 401),
    },
  });

  return createRouter<HostEnv>()
    .openapi(upsert, async (c) => runIngest(deps, c, c.req.valid('json') as T | { data: T[] }, resource.ingest) as never)
    .openapi(list, async (c) => {
      const { customerId, limit, cursor } = c.req.valid('query');
      const tenantId = c.get('tenant').id;
      let q = deps.db.selectFrom(resource.table as 'invoices').selectAll().where('tenant_id', '=', tenantId);
      if (customerId) q = q.where(resource.table === 'customers' ? 'id' : 'customer_id', '=', customerId);
      if (cursor) q = q.where('id', '>', decodeCursor(cursor, 'id').id);
      const rows = await q.orderBy('id').limit(limit + 1).execute();
      const pageRows = rows.slice(0, limit);
      const last = pageRows.at(-1);
      const data = await resource.toWire(deps.db, tenantId, pageRows, deps.clock.today());
      return c.json({ data, nextCursor: rows.length > limit && last ? encodeCursor('id', last.id, last.id) : null }, 200);
    });
}
