import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database.ts';

type CustomerOwned = 'invoices' | 'payments' | 'credit_notes' | 'sales_orders' | 'schedules';

/**
 * One record by id, only if it belongs to this tenant's customer: the single query
 * shape behind every portal detail route, so a foreign id is indistinguishable from a
 * missing one.
 */
export async function findOwned<T extends CustomerOwned>(
  db: Kysely<Database>,
  table: T,
  scope: { tenantId: string; customerId: string },
  id: string,
): Promise<Selectable<Database[T]> | undefined> {
  // One query for five tables; Kysely cannot type a union of table names here.
  const row = await db
    .selectFrom(table as CustomerOwned as 'invoices')
    .selectAll()
    .where('tenant_id', '=', scope.tenantId)
    .where('customer_id', '=', scope.customerId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row as Selectable<Database[T]> | undefined;
}
