export { PortalClient, type PortalClientOptions, type Query, type RequestOptions } from './client.ts';
export { type Download, type ExportFormat, type StatementQuery, download, emailStatement, exportInvoices, exportPayments, filenameOf, invoicePdf, statementCsv, statementPdf } from './client.ts';
export { NetworkError, PortalError, SessionExpiredError, isAbort } from './errors.ts';
