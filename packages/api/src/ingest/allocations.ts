import type { Kysely } from 'kysely';
import type { Database, InvoiceRow } from '../db/database.ts';
import { ALLOCATION_TABLES, type AllocationSource } from '../queries/allocations.ts';
import type { Issues } from './issues.ts';

export interface AllocationRequest {
  invoiceId: string;
  amount: number;
  appliedOn?: string | null | undefined;
}

export interface AllocationOwner {
  id: string;
  customerId: string;
  currency: string;
  amount: number;
  date: string;
  allocations: AllocationRequest[];
}

/**
 * Replaces the allocations of payments (or credit notes) and keeps the invoices'
 * amount_paid / amount_credited and the sources' amount_applied in step, in the
 * caller's transaction. Returns the invoices whose balance may have moved (those of the
 * old allocations and of the new), for the change events of live updates.
 *
 * Every invoice touched (by the old allocations or the new) is locked first, in id
 * order, so concurrent batches allocating to the same invoices serialise instead of
 * over-applying; the database's CHECK constraints are the last line behind this.
 */
export async function replaceAllocations(
  trx: Kysely<Database>,
  tenantId: string,
  source: AllocationSource,
  owners: AllocationOwner[],
  issues: Issues,
): Promise<{ id: string; customerId: string }[]> {
  if (owners.length === 0) return [];
  const { table, sourceColumn, invoiceColumn, sourceTable } = ALLOCATION_TABLES[source];
  const label = source === 'payment' ? 'payment' : 'credit note';
  const ownerIds = owners.map((owner) => owner.id);

  const previous = await trx
    .selectFrom(table as 'payment_allocations')
    .select([`${sourceColumn} as owner_id` as 'payment_id as owner_id', 'invoice_id', 'amount'])
    .where('tenant_id', '=', tenantId)
    .where(sourceColumn as 'payment_id', 'in', ownerIds)
    .execute();

  const invoiceIds = [...new Set([...previous.map((row) => row.invoice_id), ...owners.flatMap((owner) => owner.allocations.map((a) => a.invoiceId))])].sort();
  const invoices = new Map<string, InvoiceRow>();
  if (invoiceIds.length) {
    const rows = await trx.selectFrom('invoices').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', invoiceIds).orderBy('id').forUpdate().execute();
    for (const row of rows) invoices.set(row.id, row);
  }

  // What each invoice has applied from sources other than the ones being replaced.
  const appliedElsewhere = new Map<string, number>();
  for (const [id, invoice] of invoices) appliedElsewhere.set(id, invoice.amount_paid + invoice.amount_credited);
  for (const row of previous) appliedElsewhere.set(row.invoice_id, (appliedElsewhere.get(row.invoice_id) ?? 0) - row.amount);

  const inserts: { tenant_id: string; invoice_id: string; amount: number; applied_on: string; owner: string }[] = [];
  owners.forEach((owner, index) => {
    let total = 0;
    const seen = new Set<string>();
    owner.allocations.forEach((allocation, position) => {
      const path = ['allocations', position];
      const invoice = invoices.get(allocation.invoiceId);
      total += allocation.amount;
      if (seen.has(allocation.invoiceId)) return issues.add(index, [...path, 'invoiceId'], `invoice ${allocation.invoiceId} is allocated twice`);
      seen.add(allocation.invoiceId);
      if (!invoice || invoice.customer_id !== owner.customerId) {
        return issues.add(index, [...path, 'invoiceId'], `unknown invoice ${allocation.invoiceId} for customer ${owner.customerId}`);
      }
      if (invoice.currency !== owner.currency) {
        return issues.add(index, [...path, 'invoiceId'], `invoice ${invoice.number} is in ${invoice.currency}, the ${label} in ${owner.currency}`);
      }
      if (invoice.is_void) return issues.add(index, [...path, 'invoiceId'], `invoice ${invoice.number} is void`);
      const appliedOn = allocation.appliedOn ?? (owner.date > invoice.issue_date ? owner.date : invoice.issue_date);
      if (appliedOn < owner.date) return issues.add(index, [...path, 'appliedOn'], `must not be before the ${label}'s date ${owner.date}`);
      if (appliedOn < invoice.issue_date) return issues.add(index, [...path, 'appliedOn'], `must not be before invoice ${invoice.number}'s issue date`);
      const already = appliedElsewhere.get(invoice.id) ?? 0;
      if (already + allocation.amount > invoice.total) {
        return issues.add(index, [...path, 'amount'], `exceeds the balance of invoice ${invoice.number} (${invoice.total - already} left)`);
      }
      appliedElsewhere.set(invoice.id, already + allocation.amount);
      inserts.push({ tenant_id: tenantId, invoice_id: invoice.id, amount: allocation.amount, applied_on: appliedOn, owner: owner.id });
    });
    if (total > owner.amount) issues.add(index, ['allocations'], `allocations total ${total}, more than the ${label}'s amount ${owner.amount}`);
  });
  issues.throwIfAny();

  await trx.deleteFrom(table as 'payment_allocations').where('tenant_id', '=', tenantId).where(sourceColumn as 'payment_id', 'in', ownerIds).execute();
  for (let start = 0; start < inserts.length; start += 1000) {
    await trx
      .insertInto(table as 'payment_allocations')
      .values(inserts.slice(start, start + 1000).map(({ owner, ...row }) => ({ ...row, [sourceColumn]: owner }) as never))
      .execute();
  }
  if (invoiceIds.length) {
    await trx
      .updateTable('invoices')
      .set({
        [invoiceColumn]: (eb: any) =>
          eb.fn.coalesce(
            eb.selectFrom(`${table} as a`).select(eb.fn.sum('a.amount').as('s')).whereRef('a.tenant_id', '=', 'invoices.tenant_id').whereRef('a.invoice_id', '=', 'invoices.id'),
            eb.lit(0),
          ),
        updated_at: new Date(),
      } as never)
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', invoiceIds)
      .execute();
  }
  await trx
    .updateTable(sourceTable as 'payments')
    .set((eb: any) => ({
      amount_applied: eb.fn.coalesce(
        eb.selectFrom(`${table} as a`).select(eb.fn.sum('a.amount').as('s')).whereRef('a.tenant_id', '=', `${sourceTable}.tenant_id`).whereRef(`a.${sourceColumn}`, '=', `${sourceTable}.id`),
        eb.lit(0),
      ),
    }))
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ownerIds)
    .execute();
  return [...invoices.values()].map((invoice) => ({ id: invoice.id, customerId: invoice.customer_id }));
}
