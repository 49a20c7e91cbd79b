import { SspSelectEvent } from '../core/list-element.ts';

/** Fired when the customer opens a sales order's detail; `detail.id` is its id. */
export class SspSalesOrderSelectEvent extends SspSelectEvent {
  static readonly type = 'ssp-sales-order-select';
  constructor(detail: { id: string }) {
    super(SspSalesOrderSelectEvent.type, detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'ssp-sales-order-select': SspSalesOrderSelectEvent;
  }
}
