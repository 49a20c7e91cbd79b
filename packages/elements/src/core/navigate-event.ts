// Its own module: a class with a static field cannot be tree-shaken, so an element that
// never navigates (account-summary alone) must not import the module that holds it.

/** The portal's views, as `quick-actions` and `self-service-portal` name them. */
export type PortalView = 'dashboard' | 'invoices' | 'payments' | 'statement' | 'sales-orders' | 'credit-notes' | 'schedules' | 'profile';

/**
 * Fired when the customer asks for another view (a quick action). Inside
 * `self-service-portal` the portal switches views; a host page may listen and route
 * to its own pages instead (`preventDefault()` stops a link from being followed).
 */
export class SspNavigateEvent extends Event {
  static readonly type = 'ssp-navigate';
  constructor(readonly view: PortalView, readonly href?: string) {
    super(SspNavigateEvent.type, { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'ssp-navigate': SspNavigateEvent;
  }
}
