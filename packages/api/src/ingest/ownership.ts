import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { type Issues, duplicates } from './issues.ts';

/**
 * Checks that every item's customerId is a customer of this tenant, and that records
 * which already exist are not being moved to another customer (which would hand one
 * customer's history to another).
 */
async function checkCustomers(
  trx: Kysely<Database>,
  tenantId: string,
  items: { customerId: string }[],
  issues: Issues,
): Promise<void> {
  const ids = [...new Set(items.map((item) => item.customerId))];
  const found = new Set(
    (await trx.selectFrom('customers').select('id').where('tenant_id', '=', tenantId).where('id', 'in', ids).execute()).map((row) => row.id),
  );
  items.forEach((item, index) => {
    if (!found.has(item.customerId)) issues.add(index, ['customerId'], `unknown customer ${item.customerId}`);
  });
}

type Owned = 'invoices' | 'payments' | 'credit_notes' | 'sales_orders' | 'schedules';

/**
 * Existing rows of `table` with these ids, locked, by id.
 *
 * Row locks alone would not keep concurrent batches from deadlocking: a record that does
 * not exist yet has no row to lock, and two batches inserting the same new records in
 * different orders wait on each other's inserts. So every id, existing or not, is first
 * claimed with a transaction-scoped advisory lock, always in the same order: a batch
 * then holds all of its records before it touches any, and the other waits its turn.
 */
async function lockExisting<T extends Owned>(
  trx: Kysely<Database>,
  table: T,
  tenantId: string,
  ids: string[],
): Promise<Map<string, Selectable<Database[T]>>> {
  if (ids.length === 0) return new Map();
  // Ids and tenant ids cannot hold a '/' (see the Id schema), so keys cannot collide by concatenation.
  const keys = [...new Set(ids)].map((id) => `${tenantId}/${table}/${id}`);
  // Ordered by the lock value itself (the subquery fixes the order in which they are
  // taken), so that even two keys hashing alike cannot make two batches wait in a cycle.
  await sql`select pg_advisory_xact_lock(k) from (select distinct hashtextextended(key, 0) as k from unnest(${keys}::text[]) as key order by k) as ordered`.execute(trx);
  // One query shape for five tables; Kysely cannot type a union of table names here.
  const rows = (await trx
    .selectFrom(table as Owned as 'invoices')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute()) as unknown as Selectable<Database[T]>[];
  return new Map(rows.map((row) => [(row as { id: string }).id, row]));
}

function checkSameCustomer(
  existing: Map<string, { customer_id: string }>,
  items: { id: string; customerId: string }[],
  issues: Issues,
): void {
  items.forEach((item, index) => {
    const row = existing.get(item.id);
    if (row && row.customer_id !== item.customerId) issues.add(index, ['customerId'], `${item.id} belongs to another customer and cannot be moved`);
  });
}

/**
 * The checks every upsert of customer-owned records starts with: no id twice in the
 * batch, every customer known, no record moved to another customer. Returns the
 * records that already exist, locked for the rest of the transaction.
 */
export async function checkOwnedBatch<T extends Owned>(
  trx: Kysely<Database>,
  table: T,
  noun: string,
  tenantId: string,
  items: { id: string; customerId: string }[],
  issues: Issues,
): Promise<Map<string, Selectable<Database[T]>>> {
  const repeated = duplicates(items.map((item) => item.id));
  items.forEach((item, index) => {
    if (repeated.has(item.id)) issues.add(index, ['id'], `${noun} ${item.id} appears more than once in the batch`);
  });
  await checkCustomers(trx, tenantId, items, issues);
  const existing = await lockExisting(trx, table, tenantId, items.map((item) => item.id));
  checkSameCustomer(existing as Map<string, { customer_id: string }>, items, issues);
  return existing;
}
