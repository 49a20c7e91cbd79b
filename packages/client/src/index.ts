export { PortalClient, type PortalClientOptions, type Query, type RequestOptions } from './client.ts';
export { type Download, type ExportFormat, type StatementQuery, download, emailStatement, exportInvoices, exportPayments, filenameOf, invoicePdf, statementCsv, statementPdf } from './client.ts';
export { NetworkError, PortalError, SessionExpiredError, isAbort } from './errors.ts';
export {
  getAccount, getCreditNote, getInvoice, getPayment, getProfile, getSalesOrder, getSchedule, getStatement, getSummary,
  listCreditNotes, listInvoices, listPayments, listSalesOrders, listSchedules, updateProfile,
} from './resources.ts';
export { type ChangeKind, type LiveChange, type LiveListener, type LiveOptions, LiveUpdates } from './live.ts';
