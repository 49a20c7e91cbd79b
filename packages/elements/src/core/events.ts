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
    'ssp-session-expired': SspSessionExpiredEvent;
  }
}
