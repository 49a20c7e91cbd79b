import type { Invoice, InvoiceListQuery, Payment, PaymentListQuery } from '@ssp/schemas';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { invoicePage } from '../queries/invoices.ts';
import { paymentListSpec } from '../queries/payments.ts';
import { sourcePage } from '../queries/source-list.ts';
import type { Table } from './table.ts';

/**
 * Rows per query of an export. Each page is written out before the next is fetched, so
 * this bounds what an export holds in memory; at 1000 a page costs a few milliseconds
 * and the per-query overhead is lost in it.
 */
export const EXPORT_PAGE_SIZE = 1000;

interface Scope {
  tenantId: string;
  customerId: string;
}

/** A list's filters without its paging: an export covers the whole filtered set. */
export type ExportFilters<Q> = Omit<Q, 'limit' | 'cursor'>;

/**
 * Walks a keyset-paginated list from its first page to its last. A generator, so the
 * next page is queried only when the consumer asks for it, and never once it has stopped.
 */
async function* keysetPages<T>(fetchPage: (cursor: string | undefined) => Promise<{ data: T[]; nextCursor: string | null }>): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    if (page.data.length) yield page.data;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** The invoices `GET /v1/portal/invoices` would list for `filters`, all of them, page by page. */
export function invoicePages(db: Kysely<Database>, scope: Scope, filters: ExportFilters<InvoiceListQuery>, today: string, pageSize = EXPORT_PAGE_SIZE) {
  return keysetPages((cursor) => invoicePage(db, scope.tenantId, scope.customerId, { ...filters, limit: pageSize, cursor }, today));
}

/** The payments `GET /v1/portal/payments` would list for `filters`, all of them, page by page. */
export function paymentPages(db: Kysely<Database>, scope: Scope, filters: ExportFilters<PaymentListQuery>, pageSize = EXPORT_PAGE_SIZE) {
  const spec = paymentListSpec(filters);
  return keysetPages(async (cursor) => {
    const page = await sourcePage(db, scope, { ...filters, limit: pageSize, cursor }, spec);
    return { data: page.data as Payment[], nextCursor: page.nextCursor };
  });
}

export const invoiceTable: Table<Invoice> = {
  sheet: 'Invoices',
  currency: (invoice) => invoice.currency,
  columns: [
    { kind: 'text', header: 'Number', width: 18, value: (invoice) => invoice.number },
    { kind: 'date', header: 'Issue date', width: 12, value: (invoice) => invoice.issueDate },
    { kind: 'date', header: 'Due date', width: 12, value: (invoice) => invoice.dueDate },
    // The API's status codes, as the list filters take them (`status=overdue`).
    { kind: 'text', header: 'Status', width: 15, value: (invoice) => invoice.status },
    { kind: 'text', header: 'Currency', width: 10, value: (invoice) => invoice.currency },
    { kind: 'amount', header: 'Total', width: 15, value: (invoice) => invoice.total },
    { kind: 'amount', header: 'Paid', width: 15, value: (invoice) => invoice.amountPaid },
    { kind: 'amount', header: 'Credited', width: 15, value: (invoice) => invoice.amountCredited },
    { kind: 'amount', header: 'Balance', width: 15, value: (invoice) => invoice.balance },
  ],
};

export const paymentTable: Table<Payment> = {
  sheet: 'Payments',
  currency: (payment) => payment.currency,
  columns: [
    { kind: 'date', header: 'Date', width: 12, value: (payment) => payment.date },
    { kind: 'text', header: 'Reference', width: 24, value: (payment) => payment.reference },
    { kind: 'text', header: 'Method', width: 15, value: (payment) => payment.method },
    { kind: 'text', header: 'Currency', width: 10, value: (payment) => payment.currency },
    { kind: 'amount', header: 'Amount', width: 15, value: (payment) => payment.amount },
    { kind: 'amount', header: 'Applied', width: 15, value: (payment) => payment.amountApplied },
    { kind: 'amount', header: 'Unapplied', width: 15, value: (payment) => payment.unapplied },
    { kind: 'text', header: 'Applied to', width: 30, value: (payment) => payment.allocations.map((allocation) => allocation.invoiceNumber).join(', ') || null },
  ],
};
