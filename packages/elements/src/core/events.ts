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

/**
 * Fired when the session token has expired and no fresh one could be had (no
 * `fetchToken`, or it failed): the host should sign the customer in again and set a
 * new `token`.
 */
export class SspSessionExpiredEvent extends Event {
  static readonly type = 'ssp-session-expired';
  constructor() {
    super(SspSessionExpiredEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'ssp-navigate': SspNavigateEvent;
    'ssp-session-expired': SspSessionExpiredEvent;
  }
}
