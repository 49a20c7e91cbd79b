/**
 * React components for the portal's custom elements, made with `@lit/react`: every
 * property is a typed prop (set as a property, so `fetchToken` can be a function), and
 * every `ssp-*` event is an `on…` prop with the event's own type. Works on React 18,
 * which passes only strings to custom elements, as well as on React 19.
 *
 * Importing this module registers the tags (`@ssp/elements/define`; a tag already
 * defined is skipped with a warning).
 *
 * @example
 * <SelfServicePortal apiUrl="https://billing.example.com" token={token}
 *   fetchToken={renewToken} onNavigate={(event) => console.log(event.view)} />
 */
import { type EventName, createComponent } from '@lit/react';
import * as React from 'react';
import '@ssp/elements/define';
import {
  AccountInfo as AccountInfoElement,
  AccountStatement as AccountStatementElement,
  AccountSummary as AccountSummaryElement,
  CreditNoteList as CreditNoteListElement,
  CustomerProfile as CustomerProfileElement,
  InvoiceList as InvoiceListElement,
  PaymentHistory as PaymentHistoryElement,
  QuickActions as QuickActionsElement,
  SalesOrderList as SalesOrderListElement,
  ScheduleList as ScheduleListElement,
  SelfServicePortal as SelfServicePortalElement,
  SspSession as SspSessionElement,
} from '@ssp/elements';

// Typed through the elements' own HTMLElementEventMap entries, so a handler receives
// the event class (`event.view`, `event.detail.id`, …) without importing it.
const event = <K extends keyof HTMLElementEventMap>(name: K) => name as EventName<HTMLElementEventMap[K]>;

const sessionEvents = { onSessionExpired: event('ssp-session-expired') };
const navigateEvents = { ...sessionEvents, onNavigate: event('ssp-navigate') };

export const SelfServicePortal = createComponent({
  react: React,
  tagName: 'self-service-portal',
  elementClass: SelfServicePortalElement,
  events: { ...navigateEvents, onPeriodChange: event('ssp-period-change'), onProfileSave: event('ssp-profile-save') },
});

/** Shares one session with every portal component rendered inside it. */
export const SspSession = createComponent({ react: React, tagName: 'ssp-session', elementClass: SspSessionElement });

export const AccountSummary = createComponent({ react: React, tagName: 'account-summary', elementClass: AccountSummaryElement, events: sessionEvents });
export const AccountInfo = createComponent({ react: React, tagName: 'account-info', elementClass: AccountInfoElement, events: sessionEvents });
export const QuickActions = createComponent({ react: React, tagName: 'quick-actions', elementClass: QuickActionsElement, events: navigateEvents });
export const InvoiceList = createComponent({
  react: React,
  tagName: 'invoice-list',
  elementClass: InvoiceListElement,
  events: { ...sessionEvents, onInvoiceSelect: event('ssp-invoice-select') },
});
export const PaymentHistory = createComponent({
  react: React,
  tagName: 'payment-history',
  elementClass: PaymentHistoryElement,
  events: { ...sessionEvents, onPaymentSelect: event('ssp-payment-select') },
});
export const AccountStatement = createComponent({
  react: React,
  tagName: 'account-statement',
  elementClass: AccountStatementElement,
  events: { ...sessionEvents, onPeriodChange: event('ssp-period-change') },
});
export const CreditNoteList = createComponent({
  react: React,
  tagName: 'credit-note-list',
  elementClass: CreditNoteListElement,
  events: { ...sessionEvents, onCreditNoteSelect: event('ssp-credit-note-select') },
});
export const SalesOrderList = createComponent({
  react: React,
  tagName: 'sales-order-list',
  elementClass: SalesOrderListElement,
  events: { ...sessionEvents, onSalesOrderSelect: event('ssp-sales-order-select') },
});
export const ScheduleList = createComponent({
  react: React,
  tagName: 'schedule-list',
  elementClass: ScheduleListElement,
  events: { ...sessionEvents, onScheduleSelect: event('ssp-schedule-select') },
});
export const CustomerProfile = createComponent({
  react: React,
  tagName: 'customer-profile',
  elementClass: CustomerProfileElement,
  events: { ...sessionEvents, onProfileSave: event('ssp-profile-save') },
});
