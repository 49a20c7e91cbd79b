import { SspSelectEvent } from '../core/list-element.ts';

/** Fired when the customer opens an invoice's detail; `detail.id` is the invoice's id. */
export class SspInvoiceSelectEvent extends SspSelectEvent {
  static readonly type = 'ssp-invoice-select';
  constructor(detail: { id: string }) {
    super(SspInvoiceSelectEvent.type, detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'ssp-invoice-select': SspInvoiceSelectEvent;
  }
}
