import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Issues } from './issues.ts';

/**
 * Checks that every item's customerId is a customer of this tenant, and that records
 * which already exist are not being moved to another customer (which would hand one
 * customer's history to another).
 */
export async function checkCustomers(
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

/** Existing rows of `table` with these ids, locked (in id order, so batches cannot deadlock), by id. */
export async function lockExisting<T extends Owned>(
  trx: Kysely<Database>,
  table: T,
  tenantId: string,
  ids: string[],
): Promise<Map<string, Selectable<Database[T]>>> {
  if (ids.length === 0) return new Map();
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

export function checkSameCustomer(
  existing: Map<string, { customer_id: string }>,
  items: { id: string; customerId: string }[],
  issues: Issues,
): void {
  items.forEach((item, index) => {
    const row = existing.get(item.id);
    if (row && row.customer_id !== item.customerId) issues.add(index, ['customerId'], `${item.id} belongs to another customer and cannot be moved`);
  });
}
