/**
 * The outbox of live updates: one row per (customer, kind) that a write changed, in the
 * write's own transaction, so an event exists exactly when its data committed. Frozen:
 * change the schema with a new migration.
 *
 * `id` is one identity for the whole table (not per tenant): each API process follows
 * the outbox with a single cursor, and a stream's `Last-Event-ID` is that id. Writers
 * take a transaction-level advisory lock before inserting (events/outbox.ts), so ids
 * become visible in increasing order and "everything after id X" never skips a row that
 * commits late.
 *
 * Retention: rows older than `SSP_EVENTS_RETENTION_DAYS` (default 7) are deleted by the
 * writers themselves, now and then (events/outbox.ts); a client resuming from an id
 * older than what is kept gets a `resync` event and refetches.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('change_events')
    .addColumn('tenant_id', 'text', (col) => col.notNull())
    .addColumn('id', 'bigint', (col) => col.notNull().generatedAlwaysAsIdentity())
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) =>
      col.notNull().check(sql`kind in ('invoice', 'payment', 'credit_note', 'sales_order', 'schedule', 'customer')`),
    )
    // Host ids of the records written; for payments and credit notes `invoice_ids` holds
    // the invoices whose balance moved (old and new allocations).
    .addColumn('ids', 'jsonb', (col) => col.notNull())
    .addColumn('invoice_ids', 'jsonb')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('change_events_pkey', ['tenant_id', 'id'])
    .execute();
  // A stream's replay: one customer's events after its Last-Event-ID.
  await db.schema.createIndex('change_events_customer').on('change_events').columns(['tenant_id', 'customer_id', 'id']).execute();
  // A process catching up after its LISTEN connection dropped (every tenant, by id), and
  // the retention sweep, which deletes from the low end of the same index.
  await db.schema.createIndex('change_events_id').on('change_events').column('id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('change_events').execute();
}
