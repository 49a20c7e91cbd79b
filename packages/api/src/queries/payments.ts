import type { Payment, PaymentList, PaymentListQuery, PaymentMethod } from '@ssp/schemas';
import type { Kysely } from 'kysely';
import type { Database, PaymentRow } from '../db/database.ts';
import { type AllocationView, allocationsOf } from './allocations.ts';
import { findOwned } from './owned.ts';
import { type SourceListSpec, listSources } from './source-list.ts';

export function toPayment(row: PaymentRow, allocations: AllocationView[]): Payment {
  return {
    id: row.id,
    customerId: row.customer_id,
    currency: row.currency,
    amount: row.amount,
    date: row.date,
    method: row.method as PaymentMethod,
    reference: row.reference,
    amountApplied: row.amount_applied,
    unapplied: row.amount - row.amount_applied,
    allocations,
  };
}

/** Payments as a source list: the shared filters plus the payment method (list and export alike). */
export function paymentListSpec(query: Pick<PaymentListQuery, 'method'>): SourceListSpec<PaymentRow> {
  return {
    table: 'payments',
    source: 'payment',
    searchColumn: 'reference',
    narrow: (q) => (query.method?.length ? q.where('method', 'in', query.method) : q),
    narrows: Boolean(query.method?.length),
    toWire: toPayment,
  };
}

export async function listPayments(db: Kysely<Database>, tenantId: string, customerId: string, query: PaymentListQuery): Promise<PaymentList> {
  const list = await listSources(db, { tenantId, customerId }, query, paymentListSpec(query));
  return {
    data: list.data as Payment[],
    nextCursor: list.nextCursor,
    totals: list.totals.map((row) => ({ currency: row.currency, count: row.count, amount: row.amount, unapplied: row.open })),
  };
}

export async function getPayment(db: Kysely<Database>, tenantId: string, customerId: string, id: string): Promise<Payment | undefined> {
  const row = await findOwned(db, 'payments', { tenantId, customerId }, id);
  if (!row) return undefined;
  const allocations = await allocationsOf(db, tenantId, 'payment', [row.id]);
  return toPayment(row, allocations.get(row.id) ?? []);
}
