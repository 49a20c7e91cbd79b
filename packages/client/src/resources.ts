import type {
  CreditNote, CreditNoteList, Customer, InvoiceDetail, InvoiceList, Payment, PaymentList, Profile, ProfileUpdate,
  SalesOrderDetail, SalesOrderList, ScheduleDetail, ScheduleList, Statement, Summary,
} from '@ssp/schemas';
import type { PortalClient, Query } from './client.ts';

// One typed function per Portal API resource. They are functions of a client rather than
// methods so that a bundle carries only the calls it makes: `account-summary` alone
// ships `getSummary` and nothing else.

const item = (kind: string, id: string) => `${kind}/${encodeURIComponent(id)}`;

/** Every figure of the account, per currency. */
export const getSummary = (client: PortalClient, signal?: AbortSignal) => client.json<Summary>('summary', { signal });
/** The customer record with its contacts. */
export const getAccount = (client: PortalClient, signal?: AbortSignal) => client.json<Customer>('account', { signal });
/** The editable profile and whether the tenant allows edits. */
export const getProfile = (client: PortalClient, signal?: AbortSignal) => client.json<Profile>('profile', { signal });
/** Saves profile changes (a PortalError with `details` on a 422). */
export const updateProfile = (client: PortalClient, update: ProfileUpdate, signal?: AbortSignal) =>
  client.json<Profile>('profile', { method: 'PATCH', body: update, signal });
/** A page of invoices: filters `status`, `from`, `to`, `q`, `currency`, `sort`, `cursor`, `limit`. */
export const listInvoices = (client: PortalClient, query: Query = {}, signal?: AbortSignal) => client.json<InvoiceList>('invoices', { query, signal });
/** One invoice with its lines and what was applied to it. */
export const getInvoice = (client: PortalClient, id: string, signal?: AbortSignal) => client.json<InvoiceDetail>(item('invoices', id), { signal });
/** A page of payments: filters `from`, `to`, `method`, `q`, `currency`, `sort`, `cursor`, `limit`. */
export const listPayments = (client: PortalClient, query: Query = {}, signal?: AbortSignal) => client.json<PaymentList>('payments', { query, signal });
/** One payment with its allocations. */
export const getPayment = (client: PortalClient, id: string, signal?: AbortSignal) => client.json<Payment>(item('payments', id), { signal });
/** The statement of a period (default: the last 12 months). */
export const getStatement = (client: PortalClient, query: { from?: string | undefined; to?: string | undefined } = {}, signal?: AbortSignal) =>
  client.json<Statement>('statement', { query, signal });
/** A page of sales orders. */
export const listSalesOrders = (client: PortalClient, query: Query = {}, signal?: AbortSignal) => client.json<SalesOrderList>('sales-orders', { query, signal });
/** One sales order with its lines and the invoices billed from it. */
export const getSalesOrder = (client: PortalClient, id: string, signal?: AbortSignal) => client.json<SalesOrderDetail>(item('sales-orders', id), { signal });
/** A page of credit notes. */
export const listCreditNotes = (client: PortalClient, query: Query = {}, signal?: AbortSignal) => client.json<CreditNoteList>('credit-notes', { query, signal });
/** One credit note with its allocations. */
export const getCreditNote = (client: PortalClient, id: string, signal?: AbortSignal) => client.json<CreditNote>(item('credit-notes', id), { signal });
/** A page of schedules (`kind`: plan, billing, service). */
export const listSchedules = (client: PortalClient, query: Query = {}, signal?: AbortSignal) => client.json<ScheduleList>('schedules', { query, signal });
/** One schedule with its items. */
export const getSchedule = (client: PortalClient, id: string, signal?: AbortSignal) => client.json<ScheduleDetail>(item('schedules', id), { signal });
