import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

export type AllocationSource = 'payment' | 'credit_note';

/** Where each kind of allocation lives: the one place the two kinds differ. */
export const ALLOCATION_TABLES = {
  payment: { table: 'payment_allocations', sourceColumn: 'payment_id', invoiceColumn: 'amount_paid', sourceTable: 'payments' },
  credit_note: { table: 'credit_allocations', sourceColumn: 'credit_note_id', invoiceColumn: 'amount_credited', sourceTable: 'credit_notes' },
} as const;

export interface AllocationView {
  invoiceId: string;
  invoiceNumber: string;
  amount: number;
  appliedOn: string;
}

/** The allocations of several payments (or credit notes), with invoice numbers, grouped by source id. */
export async function allocationsOf(
  db: Kysely<Database>,
  tenantId: string,
  source: AllocationSource,
  sourceIds: string[],
): Promise<Map<string, AllocationView[]>> {
  const grouped = new Map<string, AllocationView[]>();
  if (sourceIds.length === 0) return grouped;
  const { table, sourceColumn } = ALLOCATION_TABLES[source];
  const rows = await db
    .selectFrom(`${table} as a` as 'payment_allocations as a')
    .innerJoin('invoices as i', (join) => join.onRef('i.tenant_id', '=', 'a.tenant_id').onRef('i.id', '=', 'a.invoice_id'))
    .select([`a.${sourceColumn} as source_id` as 'a.payment_id as source_id', 'a.invoice_id', 'i.number', 'a.amount', 'a.applied_on'])
    .where('a.tenant_id', '=', tenantId)
    .where(`a.${sourceColumn}` as 'a.payment_id', 'in', sourceIds)
    .orderBy('a.applied_on')
    .orderBy('i.number')
    .execute();
  for (const row of rows) {
    const list = grouped.get(row.source_id) ?? [];
    list.push({ invoiceId: row.invoice_id, invoiceNumber: row.number, amount: row.amount, appliedOn: row.applied_on });
    grouped.set(row.source_id, list);
  }
  return grouped;
}
