import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

type ChildTable = 'contacts' | 'invoice_lines' | 'sales_order_lines' | 'schedule_items';
const PARENT_COLUMN = { contacts: 'customer_id', invoice_lines: 'invoice_id', sales_order_lines: 'sales_order_id', schedule_items: 'schedule_id' } as const;

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for any of these tables. */
const CHUNK = 1000;

/**
 * A record's children (lines, items, contacts) are replaced wholesale on upsert: the
 * host sends the whole record, so whatever it no longer sends is gone.
 */
export async function replaceChildren<T extends ChildTable>(
  trx: Kysely<Database>,
  table: T,
  tenantId: string,
  parentIds: string[],
  rows: Insertable<Database[T]>[],
): Promise<void> {
  // One code path for four tables; Kysely cannot type a union of table names here.
  const target = table as ChildTable as 'invoice_lines';
  await trx.deleteFrom(target).where('tenant_id', '=', tenantId).where(PARENT_COLUMN[table] as 'invoice_id', 'in', parentIds).execute();
  for (let start = 0; start < rows.length; start += CHUNK) {
    await trx.insertInto(target).values(rows.slice(start, start + CHUNK) as Insertable<Database['invoice_lines']>[]).execute();
  }
}
