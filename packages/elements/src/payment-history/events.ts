import { SspSelectEvent } from '../core/list-element.ts';

/** Fired when the customer opens a payment's detail; `detail.id` is its id. */
export class SspPaymentSelectEvent extends SspSelectEvent {
  static readonly type = 'ssp-payment-select';
  constructor(detail: { id: string }) {
    super(SspPaymentSelectEvent.type, detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'ssp-payment-select': SspPaymentSelectEvent;
  }
}
