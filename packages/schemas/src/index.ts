export { currencyExponent, isKnownCurrency, toMajorUnits } from './currency.ts';
export {
  Cursor, CurrencyCode, ErrorBody, ErrorCode, ErrorDetail, Id, IsoDate, Limit, MinorUnits, NonNegativeMinorUnits,
  PositiveMinorUnits, Text, csvOf, listOf,
} from './common.ts';
export { AccountManager, Address, Contact, ContactInput, Customer, CustomerInput, Profile, ProfileUpdate } from './customer.ts';
export {
  AppliedCredit, AppliedPayment, CurrencyTotals, Invoice, InvoiceDetail, InvoiceInput, InvoiceLine, InvoiceLineInput,
  InvoiceList, InvoiceListQuery, InvoiceSort, InvoiceStatus,
} from './invoice.ts';
export {
  Allocation, AllocationInput, Payment, PaymentInput, PaymentList, PaymentListQuery, PaymentMethod, PaymentTotals,
} from './payment.ts';
export { CreditNote, CreditNoteInput, CreditNoteList, CreditNoteListQuery, CreditNoteTotals } from './credit-note.ts';
export {
  SalesOrder, SalesOrderDetail, SalesOrderInput, SalesOrderList, SalesOrderListQuery, SalesOrderStatus,
} from './sales-order.ts';
export {
  Schedule, ScheduleDetail, ScheduleInput, ScheduleItem, ScheduleItemInput, ScheduleItemStatus, ScheduleKind,
  ScheduleList, ScheduleListQuery,
} from './schedule.ts';
export { AccountStatus, Aging, CurrencySummary, Summary } from './summary.ts';
export { CurrencyStatement, Statement, StatementLine, StatementQuery } from './statement.ts';
export { Health, Session, SessionRequest } from './session.ts';
export { HostListQuery, MAX_BATCH, upsertBody, upsertResult } from './ingest.ts';
