import { z } from 'zod';
import { Cursor, Id, Limit } from './common.ts';

/** Most items one ingest request may carry; larger loads are split by the host. */
export const MAX_BATCH = 500;

/**
 * An upsert body: either one record, or `{ "data": [...] }` with up to MAX_BATCH records.
 * A batch is atomic: it all lands, or nothing does.
 */
export function upsertBody<T extends z.ZodType>(item: T) {
  return z.union([z.object({ data: z.array(item).min(1).max(MAX_BATCH) }).strict(), item]);
}

export function upsertResult<T extends z.ZodType>(item: T) {
  return z.union([z.object({ data: z.array(item) }), item]);
}

export const HostListQuery = z.object({
  customerId: Id.optional(),
  limit: Limit,
  cursor: Cursor.optional(),
});
export type HostListQuery = z.infer<typeof HostListQuery>;
