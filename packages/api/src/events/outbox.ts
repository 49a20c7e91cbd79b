import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Change, ChangeEvent } from './change.ts';

/** The NOTIFY channel every API process LISTENs on. */
export const CHANNEL = 'ssp_changes';

// Arbitrary constants naming the two advisory locks. The ingest's per-record locks
// (ingest/ownership.ts) share the bigint keyspace through 64-bit hashes of record keys, so
// a clash with these two is a 1-in-2^63 chance.
const ORDER_LOCK = 0x55_50_5f_63_68_61_6e_67n;
const SWEEP_LOCK = ORDER_LOCK + 1n;

/** NOTIFY payloads must stay below 8,000 bytes; above this the payload only points at the outbox. */
const INLINE_BYTES = 4_000;
/** One write in this many also deletes expired events (bounded, see `sweep`). */
const SWEEP_EVERY = 500;
const SWEEP_BATCH = 5_000;

/**
 * Records `changes` in the outbox and notifies every API process, inside the caller's
 * transaction: the events exist, and the notification goes out, exactly when the data
 * commits (PostgreSQL delivers NOTIFY on commit and drops it on rollback).
 *
 * Ordering: an identity value is taken at insert but becomes visible at commit, so two
 * writers could commit ids 11 then 10, and a reader that saw 11 and moved its cursor past
 * it would never see 10. The transaction-level advisory lock taken just before the insert
 * is held until commit, so writers pass through "insert event → commit" one at a time and
 * ids become visible in increasing order: "every event with id > X" is complete whenever
 * it is read. Callers record their changes as the very last statement of the transaction,
 * after every row lock they need, so the lock is held only for this statement's end and
 * the commit, and cannot take part in a deadlock. The cost is that commits of writes serialise (one
 * commit's fsync at a time across the whole database); see docs/architecture.md.
 */
export async function recordChanges(trx: Kysely<Database>, tenantId: string, changes: Change[], retentionDays: number): Promise<void> {
  if (changes.length === 0) return;
  if (Math.floor(Math.random() * SWEEP_EVERY) === 0) await sweep(trx, retentionDays);
  const rows = changes.map((change) => ({ customer_id: change.customerId, kind: change.kind, ids: change.ids, invoice_ids: change.invoiceIds ?? null }));
  // One statement takes the lock, inserts and notifies, so that the lock is held for the
  // rest of this round trip and the COMMIT's, no more. The insert reads its rows through
  // `ordered`, whose (volatile, hence never inlined) lock call must return before the
  // first row, and so the first id, exists. The payload is what decodeNotification reads:
  // the id range, with the events packed as arrays when that fits in INLINE_BYTES.
  await sql`
    with ordered as (select pg_advisory_xact_lock(${ORDER_LOCK}) as locked),
    inserted as (
      insert into change_events (tenant_id, customer_id, kind, ids, invoice_ids)
      select ${tenantId}, c.customer_id, c.kind, c.ids, c.invoice_ids
      from ordered cross join jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as c(customer_id text, kind text, ids jsonb, invoice_ids jsonb)
      returning id, tenant_id, customer_id, kind, ids, invoice_ids
    ),
    payload as (
      select
        jsonb_build_object('from', min(id), 'to', max(id)) as short_form,
        jsonb_build_object('from', min(id), 'to', max(id), 'e', jsonb_agg(jsonb_build_array(id, tenant_id, customer_id, kind, ids, invoice_ids) order by id)) as long_form
      from inserted
    )
    select pg_notify(${CHANNEL}, case when octet_length(long_form::text) <= ${INLINE_BYTES} then long_form::text else short_form::text end) from payload
  `.execute(trx);
}

/** What a notification says: the id range it covers, and the events themselves when they fit. */
export interface Notification {
  from: number;
  to: number;
  events?: ChangeEvent[];
}

/** An event in a payload: `[id, tenantId, customerId, kind, ids, invoiceIds]`. */
type Packed = [id: number, tenantId: string, customerId: string, kind: ChangeEvent['kind'], ids: string[], invoiceIds: string[] | null];

export function decodeNotification(payload: string): Notification | undefined {
  try {
    const parsed = JSON.parse(payload) as { from: number; to: number; e?: Packed[] };
    if (!Number.isSafeInteger(parsed.from) || !Number.isSafeInteger(parsed.to)) return undefined;
    const events = parsed.e?.map(([id, tenantId, customerId, kind, ids, invoiceIds]) => ({
      id,
      tenantId,
      customerId,
      kind,
      ids,
      ...(invoiceIds ? { invoiceIds } : {}),
    }));
    return { from: parsed.from, to: parsed.to, ...(events ? { events } : {}) };
  } catch {
    return undefined;
  }
}

function toEvent(row: { id: number; tenant_id: string; customer_id: string; kind: ChangeEvent['kind']; ids: string[]; invoice_ids: string[] | null }): ChangeEvent {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    customerId: row.customer_id,
    kind: row.kind,
    ids: row.ids,
    ...(row.invoice_ids ? { invoiceIds: row.invoice_ids } : {}),
  };
}

/** Every tenant's events after `afterId`, in id order: a process catching up. */
export async function eventsAfter(db: Kysely<Database>, afterId: number, limit: number): Promise<ChangeEvent[]> {
  const rows = await db.selectFrom('change_events').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
  return rows.map(toEvent);
}

/** One customer's events after `afterId`, in id order: a stream resuming from Last-Event-ID. */
export async function customerEventsAfter(db: Kysely<Database>, tenantId: string, customerId: string, afterId: number, limit: number): Promise<ChangeEvent[]> {
  const rows = await db
    .selectFrom('change_events')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toEvent);
}

/** The oldest and newest ids still in the outbox (0 when it is empty). */
export async function outboxBounds(db: Kysely<Database>): Promise<{ oldest: number; latest: number }> {
  const row = await db
    .selectFrom('change_events')
    .select((eb) => [eb.fn.min<number | null>('id').as('oldest'), eb.fn.max<number | null>('id').as('latest')])
    .executeTakeFirst();
  return { oldest: Number(row?.oldest ?? 0), latest: Number(row?.latest ?? 0) };
}

/**
 * Retention: deletes up to SWEEP_BATCH of the oldest events older than `retentionDays`.
 * It reads from the low end of the id index, so it costs what it deletes, and only one
 * writer at a time sweeps (the others skip rather than queue behind it).
 */
export async function sweep(db: Kysely<Database>, retentionDays: number): Promise<void> {
  const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${SWEEP_LOCK}) as locked`.execute(db);
  if (!rows[0]?.locked) return;
  await sql`
    with oldest as (select tenant_id, id, created_at from change_events order by id limit ${SWEEP_BATCH})
    delete from change_events e using oldest
    where e.tenant_id = oldest.tenant_id and e.id = oldest.id
      and oldest.created_at < now() - make_interval(days => ${retentionDays})
  `.execute(db);
}
