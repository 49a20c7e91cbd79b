import type { ChangeKind } from '../db/database.ts';

export type { ChangeKind };

/** What one write changed for one customer: the Portal API's `event: change` before it has an id. */
export interface Change {
  customerId: string;
  kind: ChangeKind;
  /** Host ids of the records written. */
  ids: string[];
  /** Payments and credit notes: the invoices whose balance moved (allocations added or removed). */
  invoiceIds?: string[] | undefined;
}

/** A change as recorded in the outbox: its global id and tenant. */
export interface ChangeEvent extends Change {
  id: number;
  tenantId: string;
}

/**
 * One change per customer for records of one kind, with the invoices each customer's
 * records moved (an allocation only ever joins a payment to its own customer's invoices).
 */
export function changesByCustomer(
  kind: ChangeKind,
  records: { id: string; customerId: string }[],
  invoices?: { id: string; customerId: string }[],
): Change[] {
  const byCustomer = new Map<string, Change>();
  const entry = (customerId: string) => {
    let change = byCustomer.get(customerId);
    if (!change) {
      change = { customerId, kind, ids: [], ...(invoices ? { invoiceIds: [] } : {}) };
      byCustomer.set(customerId, change);
    }
    return change;
  };
  for (const record of records) entry(record.customerId).ids.push(record.id);
  for (const invoice of invoices ?? []) entry(invoice.customerId).invoiceIds!.push(invoice.id);
  return [...byCustomer.values()];
}

/** The JSON of an `event: change` frame, as the contract fixes it. */
export function changeData(event: Change): string {
  return JSON.stringify({ kind: event.kind, ids: event.ids, ...(event.invoiceIds?.length ? { invoiceIds: event.invoiceIds } : {}) });
}
