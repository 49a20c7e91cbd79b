import type { Payment, PaymentList, PaymentListQuery, PaymentMethod } from '@ssp/schemas';
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Database, PaymentRow } from '../db/database.ts';
import { type AllocationView, allocationsOf } from './allocations.ts';
import { afterCursor, containsPattern, page, sortSpec } from './keyset.ts';

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

const SORT_COLUMNS = { date: 'date', amount: 'amount' };

type PaymentQuery = SelectQueryBuilder<Database, 'payments', {}>;

function filtered(db: Kysely<Database>, tenantId: string, customerId: string, query: PaymentListQuery): PaymentQuery {
  let q: PaymentQuery = db.selectFrom('payments').where('payments.tenant_id', '=', tenantId).where('payments.customer_id', '=', customerId);
  if (query.from) q = q.where('payments.date', '>=', query.from);
  if (query.to) q = q.where('payments.date', '<=', query.to);
  if (query.method?.length) q = q.where('payments.method', 'in', query.method);
  if (query.currency) q = q.where('payments.currency', '=', query.currency);
  if (query.q) q = q.where('payments.reference', 'ilike', containsPattern(query.q));
  return q;
}

export async function listPayments(db: Kysely<Database>, tenantId: string, customerId: string, query: PaymentListQuery): Promise<PaymentList> {
  const sort = sortSpec(query.sort, SORT_COLUMNS);
  const direction = sort.descending ? 'desc' : 'asc';
  let rowsQuery = filtered(db, tenantId, customerId, query).selectAll('payments');
  if (query.cursor) rowsQuery = rowsQuery.where(afterCursor('payments', sort, query.cursor));
  const [rows, totals] = await Promise.all([
    rowsQuery.orderBy(sql.ref(`payments.${sort.column}`), direction).orderBy('payments.id', direction).limit(query.limit + 1).execute(),
    filtered(db, tenantId, customerId, query)
      .select((eb) => [
        'payments.currency',
        eb.fn.countAll<number>().as('count'),
        eb.fn.coalesce(eb.fn.sum<number>('payments.amount'), sql<number>`0`).as('amount'),
        eb.fn.coalesce(eb.fn.sum<number>(sql`payments.amount - payments.amount_applied`), sql<number>`0`).as('unapplied'),
      ])
      .groupBy('payments.currency')
      .orderBy('payments.currency')
      .execute(),
  ]);
  const result = page(rows, query.limit, sort, (row) => row[sort.column as keyof PaymentRow] as string | number);
  const allocations = await allocationsOf(db, tenantId, 'payment', result.rows.map((row) => row.id));
  return {
    data: result.rows.map((row) => toPayment(row, allocations.get(row.id) ?? [])),
    nextCursor: result.nextCursor,
    totals: totals.map((row) => ({ currency: row.currency, count: row.count, amount: row.amount, unapplied: row.unapplied })),
  };
}

export async function getPayment(db: Kysely<Database>, tenantId: string, customerId: string, id: string): Promise<Payment | undefined> {
  const row = await db
    .selectFrom('payments')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const allocations = await allocationsOf(db, tenantId, 'payment', [row.id]);
  return toPayment(row, allocations.get(row.id) ?? []);
}
