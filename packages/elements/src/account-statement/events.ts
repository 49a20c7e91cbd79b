/**
 * Fired when the customer picks another period on `account-statement` (a preset or the
 * date fields), with the new range; `from` is empty for "all time". A host can keep the
 * range in its URL, or offer its own downloads for the same period.
 */
export class SspPeriodChangeEvent extends Event {
  static readonly type = 'ssp-period-change';
  constructor(readonly from: string, readonly to: string) {
    super(SspPeriodChangeEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'ssp-period-change': SspPeriodChangeEvent;
  }
}
