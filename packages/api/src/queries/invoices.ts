import type { Invoice, InvoiceDetail, InvoiceList, InvoiceListQuery, InvoiceStatus } from '@ssp/schemas';
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Database, InvoiceRow } from '../db/database.ts';
import { PREPARE } from '../db/prepared.ts';
import { findOwned } from './owned.ts';
import { afterCursor, containsPattern, page, sortSpec } from './keyset.ts';

/** The status rule of SPEC.md, as of `today`. Keep in step with `statusSql`. */
export function invoiceStatus(
  row: Pick<InvoiceRow, 'is_void' | 'balance' | 'due_date' | 'amount_paid' | 'amount_credited'>,
  today: string,
): InvoiceStatus {
  if (row.is_void) return 'void';
  if (row.balance === 0) return 'paid';
  if (row.due_date < today) return 'overdue';
  if (row.amount_paid + row.amount_credited > 0) return 'partially_paid';
  return 'open';
}

/** The same rule in SQL, for filtering by status. */
export function statusSql(today: string) {
  return sql<InvoiceStatus>`case
    when invoices.is_void then 'void'
    when invoices.balance = 0 then 'paid'
    when invoices.due_date < ${today}::date then 'overdue'
    when invoices.amount_paid + invoices.amount_credited > 0 then 'partially_paid'
    else 'open' end`;
}

/** The columns an invoice's wire shape is made of (not the row's timestamps, which would be parsed for nothing). */
const WIRE_COLUMNS = [
  'invoices.id', 'invoices.customer_id', 'invoices.number', 'invoices.currency', 'invoices.issue_date', 'invoices.due_date',
  'invoices.subtotal', 'invoices.tax', 'invoices.total', 'invoices.amount_paid', 'invoices.amount_credited', 'invoices.balance',
  'invoices.is_void', 'invoices.sales_order_id', 'invoices.memo',
] as const;

type WireRow = Pick<InvoiceRow, 'id' | 'customer_id' | 'number' | 'currency' | 'issue_date' | 'due_date' | 'subtotal' | 'tax' | 'total' | 'amount_paid' | 'amount_credited' | 'balance' | 'is_void' | 'sales_order_id' | 'memo'>;

export function toInvoice(row: WireRow, today: string): Invoice {
  return {
    id: row.id,
    customerId: row.customer_id,
    number: row.number,
    currency: row.currency,
    issueDate: row.issue_date,
    dueDate: row.due_date,
    subtotal: row.subtotal,
    tax: row.tax,
    total: row.total,
    amountPaid: row.amount_paid,
    amountCredited: row.amount_credited,
    balance: row.balance,
    status: invoiceStatus(row, today),
    salesOrderId: row.sales_order_id,
    memo: row.memo,
  };
}

const SORT_COLUMNS = { issueDate: 'issue_date', dueDate: 'due_date', number: 'number', total: 'total', balance: 'balance' };

type InvoiceQuery = SelectQueryBuilder<Database, 'invoices', {}>;

function filtered(db: Kysely<Database>, tenantId: string, customerId: string, query: InvoiceListQuery, today: string): InvoiceQuery {
  let q: InvoiceQuery = db.selectFrom('invoices').where('invoices.tenant_id', '=', tenantId).where('invoices.customer_id', '=', customerId);
  if (query.status?.length) {
    q = q.where(statusSql(today), 'in', query.status);
    // Open, partly paid and overdue invoices all have a balance: said outright, the partial
    // index of open invoices serves them instead of a walk through the whole history.
    if (query.status.every((status) => status === 'open' || status === 'partially_paid' || status === 'overdue')) {
      q = q.where('invoices.balance', '>', 0).where('invoices.is_void', '=', false);
    }
  }
  if (query.from) q = q.where('invoices.issue_date', '>=', query.from);
  if (query.to) q = q.where('invoices.issue_date', '<=', query.to);
  if (query.currency) q = q.where('invoices.currency', '=', query.currency);
  if (query.q) q = q.where('invoices.number', 'ilike', containsPattern(query.q));
  return q;
}

/**
 * One keyset page of the filtered set in the query's sort order: what the list shows,
 * and what an export walks page after page (with a larger `limit`) to stream everything.
 */
export async function invoicePage(
  db: Kysely<Database>,
  tenantId: string,
  customerId: string,
  query: InvoiceListQuery,
  today: string,
): Promise<{ data: Invoice[]; nextCursor: string | null }> {
  const sort = sortSpec(query.sort, SORT_COLUMNS);
  const direction = sort.descending ? 'desc' : 'asc';
  // Prepared (db/prepared.ts): the list's pages are the most frequent reads after the summary.
  let rowsQuery = filtered(db, tenantId, customerId, query, today).select(WIRE_COLUMNS).modifyFront(PREPARE);
  if (query.cursor) rowsQuery = rowsQuery.where(afterCursor('invoices', sort, query.cursor));
  const rows = await rowsQuery
    .orderBy(sql.ref(`invoices.${sort.column}`), direction)
    .orderBy('invoices.id', direction)
    .limit(query.limit + 1)
    .execute();
  const result = page(rows, query.limit, sort, (row) => row[sort.column as keyof WireRow] as string | number);
  return { data: result.rows.map((row) => toInvoice(row, today)), nextCursor: result.nextCursor };
}

/** Totals of the filtered set: from `customer_totals` when only the currency narrows it, else summed. */
function invoiceTotals(db: Kysely<Database>, tenantId: string, customerId: string, query: InvoiceListQuery, today: string) {
  if (!query.status?.length && !query.from && !query.to && !query.q) {
    let totals = db
      .selectFrom('customer_totals')
      .modifyFront(PREPARE)
      .select(['currency', 'invoice_count as count', 'invoice_total as total', 'invoice_balance as balance'])
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', customerId)
      .where('invoice_count', '>', 0);
    if (query.currency) totals = totals.where('currency', '=', query.currency);
    return totals.orderBy('currency').execute();
  }
  return filtered(db, tenantId, customerId, query, today)
    .select((eb) => [
      'invoices.currency',
      eb.fn.countAll<number>().as('count'),
      eb.fn.coalesce(eb.fn.sum<number>('invoices.total'), sql<number>`0`).as('total'),
      eb.fn.coalesce(eb.fn.sum<number>('invoices.balance'), sql<number>`0`).as('balance'),
    ])
    .groupBy('invoices.currency')
    .orderBy('invoices.currency')
    .execute();
}

export async function listInvoices(
  db: Kysely<Database>,
  tenantId: string,
  customerId: string,
  query: InvoiceListQuery,
  today: string,
): Promise<InvoiceList> {
  const [result, totals] = await Promise.all([invoicePage(db, tenantId, customerId, query, today), invoiceTotals(db, tenantId, customerId, query, today)]);
  return {
    ...result,
    totals: totals.map((row) => ({ currency: row.currency, count: row.count, total: row.total, balance: row.balance })),
  };
}

export async function getInvoice(
  db: Kysely<Database>,
  tenantId: string,
  customerId: string,
  invoiceId: string,
  today: string,
): Promise<InvoiceDetail | undefined> {
  const row = await findOwned(db, 'invoices', { tenantId, customerId }, invoiceId);
  if (!row) return undefined;
  const [lines, payments, credits] = await Promise.all([
    db
      .selectFrom('invoice_lines')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('invoice_id', '=', invoiceId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('payment_allocations as a')
      .innerJoin('payments as p', (join) => join.onRef('p.tenant_id', '=', 'a.tenant_id').onRef('p.id', '=', 'a.payment_id'))
      .select(['p.id', 'p.date', 'p.method', 'p.reference', 'a.amount', 'a.applied_on'])
      .where('a.tenant_id', '=', tenantId)
      .where('a.invoice_id', '=', invoiceId)
      .orderBy('a.applied_on')
      .orderBy('p.id')
      .execute(),
    db
      .selectFrom('credit_allocations as a')
      .innerJoin('credit_notes as n', (join) => join.onRef('n.tenant_id', '=', 'a.tenant_id').onRef('n.id', '=', 'a.credit_note_id'))
      .select(['n.id', 'n.number', 'n.date', 'a.amount', 'a.applied_on'])
      .where('a.tenant_id', '=', tenantId)
      .where('a.invoice_id', '=', invoiceId)
      .orderBy('a.applied_on')
      .orderBy('n.id')
      .execute(),
  ]);
  return {
    ...toInvoice(row, today),
    lines: lines.map((line) => ({
      position: line.position,
      description: line.description,
      quantity: line.quantity,
      unitPrice: line.unit_price,
      amount: line.amount,
      taxRate: line.tax_rate,
      taxAmount: line.tax_amount,
    })),
    payments: payments.map((p) => ({ paymentId: p.id, date: p.date, method: p.method, reference: p.reference, amount: p.amount, appliedOn: p.applied_on })),
    credits: credits.map((n) => ({ creditNoteId: n.id, number: n.number, date: n.date, amount: n.amount, appliedOn: n.applied_on })),
  };
}
