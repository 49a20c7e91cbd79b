/** Element classes, without registering any tag: register them with `define.ts`, or under names of your own. */
export { AccountInfo } from './account-info/account-info.ts';
export { AccountStatement } from './account-statement/account-statement.ts';
export { AccountSummary } from './account-summary/account-summary.ts';
export { CreditNoteList } from './credit-note-list/credit-note-list.ts';
export { CustomerProfile } from './customer-profile/customer-profile.ts';
export { InvoiceList } from './invoice-list/invoice-list.ts';
export { PaymentHistory } from './payment-history/payment-history.ts';
export { QuickActions } from './quick-actions/quick-actions.ts';
export { SalesOrderList } from './sales-order-list/sales-order-list.ts';
export { ScheduleList } from './schedule-list/schedule-list.ts';
export { SelfServicePortal } from './self-service-portal/self-service-portal.ts';
export { SspSession } from './ssp-session/ssp-session.ts';
export { PortalElement } from './core/portal-element.ts';
export { PortalSession, sessionContext } from './core/session.ts';
export { SspSessionExpiredEvent } from './core/events.ts';
export { SspNavigateEvent, type PortalView } from './core/navigate-event.ts';
export { defineElement } from './core/define-element.ts';
