/**
 * JSX types for using the tags directly in React 19, which sets a custom element's
 * props as properties (so `fetchToken` can be a function) and adds `on<event-name>`
 * props as listeners: `<quick-actions onssp-navigate={…}>`. Import for its types only:
 * `import type {} from '@ssp/react/jsx'`, and register the tags with `@ssp/elements/define`.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  AccountInfo,
  AccountStatement,
  AccountSummary,
  CreditNoteList,
  CustomerProfile,
  InvoiceList,
  PaymentHistory,
  QuickActions,
  SalesOrderList,
  ScheduleList,
  SelfServicePortal,
  SspSession,
} from '@ssp/elements';

type SspEvent = Extract<keyof HTMLElementEventMap, `ssp-${string}`>;
type Listeners<E extends SspEvent> = { [K in E as `on${K}`]?: (event: HTMLElementEventMap[K]) => void };
/** What every portal element takes (attributes and properties alike, as React 19 sets them). */
type Common = 'apiUrl' | 'token' | 'fetchToken' | 'locale' | 'theme';
type Tag<T extends HTMLElement, P extends keyof T, E extends SspEvent> = DetailedHTMLProps<HTMLAttributes<T>, T> &
  Partial<Pick<T, P>> & { 'api-url'?: string } & Listeners<E | 'ssp-session-expired'>;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'self-service-portal': Tag<SelfServicePortal, Common | 'routing' | 'allowEmail' | 'view', 'ssp-navigate' | 'ssp-period-change' | 'ssp-profile-save'>;
      'ssp-session': DetailedHTMLProps<HTMLAttributes<SspSession>, SspSession> & Partial<Pick<SspSession, 'apiUrl' | 'token' | 'fetchToken'>> & { 'api-url'?: string };
      'account-summary': Tag<AccountSummary, Common, never>;
      'account-info': Tag<AccountInfo, Common, never>;
      'quick-actions': Tag<QuickActions, Common | 'hide', 'ssp-navigate'> & { [href: `href-${string}`]: string | undefined };
      'invoice-list': Tag<InvoiceList, Common, 'ssp-invoice-select'>;
      'payment-history': Tag<PaymentHistory, Common, 'ssp-payment-select'>;
      'account-statement': Tag<AccountStatement, Common, 'ssp-period-change'>;
      'credit-note-list': Tag<CreditNoteList, Common, 'ssp-credit-note-select'>;
      'sales-order-list': Tag<SalesOrderList, Common, 'ssp-sales-order-select'>;
      'schedule-list': Tag<ScheduleList, Common, 'ssp-schedule-select'>;
      'customer-profile': Tag<CustomerProfile, Common, 'ssp-profile-save'>;
    }
  }
}
