import { getSalesOrder, listSalesOrders } from '@ssp/client';
import type { PortalClient, Query } from '@ssp/client';
import type { SalesOrder, SalesOrderDetail, SalesOrderStatus } from '@ssp/schemas';
import { html } from 'lit';
import { invoiceTones } from '../core/invoice-status.ts';
import { type Choice, type Column, ListElement } from '../core/list-element.ts';
import { SspSalesOrderSelectEvent } from './events.ts';
import { styles } from './sales-order-list.styles.ts';
import ordersStrings from '../i18n/en/orders.ts';
import invoicesStrings from '../i18n/en/invoices.ts';

/** Each status's colour, an extra to its name in words. */
const TONES: Record<SalesOrderStatus, string> = { open: '', in_progress: 'info', completed: 'good', cancelled: 'quiet' };

/**
 * The customer's sales orders, view-only: number, order date, service period, status in
 * words, total, number of lines, amount invoiced so far and the invoices billed from
 * each. Filter by status, order-date range and number; sort by date or total; "Load
 * more"; each row opens its lines and billed invoices.
 *
 * @example
 * <sales-order-list api-url="https://billing.example.com" token="…" status="open,in_progress"></sales-order-list>
 *
 * @fires ssp-sales-order-select - The customer opened a sales order's detail (`detail.id`).
 * @fires ssp-session-expired - The session ended and no fresh token could be had.
 * @slot actions - Buttons beside the filters.
 * @csspart filters - The filter bar.
 * @csspart actions - The area around the `actions` slot.
 * @csspart table - The sales orders table.
 * @csspart row - One order's row.
 * @csspart detail - The open order's detail row.
 * @csspart status - A status badge.
 * @csspart amount - A money or count cell.
 * @csspart cell - Any other cell of a row.
 * @csspart button - Every button (also `sort`, `toggle`, `load-more`).
 * @csspart count - "Showing n orders".
 * @csspart empty - The empty state.
 * @csspart error - The error state (its Retry or "Sign in again" button is also `retry`).
 * @cssprop --ssp-color-accent - Links, focus, the open-detail toggles and "in progress".
 * @cssprop --ssp-density-row - Row height.
 */
export class SalesOrderList extends ListElement<SalesOrder, never, SalesOrderDetail> {
  static override styles = [...ListElement.styles, styles];
  static override strings = [...ListElement.strings, ordersStrings, invoicesStrings];
  static override liveKinds = ['sales_order', 'invoice'];
  static override properties = { status: {} };

  /** Statuses to show, comma-separated (`open`, `in_progress`, `completed`, `cancelled`); empty for all. */
  status = '';
  override sort = '-orderDate';

  protected readonly area = 'orders';
  protected readonly selectEvent = SspSalesOrderSelectEvent;
  protected readonly columns: Column<SalesOrder, never>[] = [
    { label: 'orders.number', cell: (order) => order.number },
    { label: 'orders.orderDate', sort: 'orderDate', cell: (order) => this.date(order.orderDate) },
    { label: 'orders.servicePeriod', cell: ({ servicePeriod: period }) => (period ? [period.start, period.end].map((day) => (day ? this.date(day) : '…')).join(' – ') : this.t('common.none')) },
    { label: 'common.status', cell: (order) => this.badge(this.t(`orders.status.${order.status}`), TONES[order.status]) },
    { label: 'common.total', sort: 'total', num: true, cell: (order) => this.money(order.total, order.currency) },
    { label: 'orders.lines', num: true, cell: (order) => this.number(order.lineCount) },
    { label: 'orders.invoiced', num: true, cell: (order) => this.money(order.invoiced, order.currency) },
    { label: 'orders.invoices', cell: (order) => this.numbers(order.invoices) },
  ];

  protected override choices(): Choice[] {
    return [{ name: 'status', label: this.t('common.status'), options: Object.keys(TONES).map((status) => [status, this.t(`orders.status.${status}`)]) }];
  }

  protected fetchPage(client: PortalClient, query: Query, signal: AbortSignal) {
    return listSalesOrders(client, query, signal);
  }

  protected fetchDetail(client: PortalClient, id: string, signal: AbortSignal) {
    return getSalesOrder(client, id, signal);
  }

  protected renderDetail(order: SalesOrderDetail) {
    const m = (amount: number) => this.money(amount, order.currency);
    return html`${this.table(
        this.t('orders.lines'),
        [[this.t('invoices.description')], [this.t('invoices.quantity'), true], [this.t('invoices.unitPrice'), true], [this.t('common.amount'), true]],
        order.lines.map((line) => [line.description, this.number(line.quantity), m(line.unitPrice), m(line.amount)]),
      )}
      ${this.table(
        this.t('orders.billed'),
        [[this.t('invoices.number')], [this.t('invoices.issueDate')], [this.t('common.total'), true], [this.t('common.status')]],
        order.billedInvoices.map((invoice) => [
          invoice.number,
          this.date(invoice.issueDate),
          this.money(invoice.total, invoice.currency),
          this.badge(this.t(`invoices.status.${invoice.status}`), invoiceTones[invoice.status]),
        ]),
      )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sales-order-list': SalesOrderList;
  }
}
