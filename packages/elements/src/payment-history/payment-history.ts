import { exportPayments, getPayment, listPayments, type PortalClient, type Query } from '@ssp/client';
import type { Payment, PaymentList } from '@ssp/schemas';
import { html } from 'lit';
import { Downloads, downloadStyles } from '../core/download.ts';
import { type Choice, type Column, ListElement } from '../core/list-element.ts';
import { SspPaymentSelectEvent } from './events.ts';
import { styles } from './payment-history.styles.ts';
import paymentsStrings from '../i18n/en/payments.ts';
import documentsStrings from '../i18n/en/documents.ts';

const METHODS = ['card', 'bank_transfer', 'direct_debit', 'cash', 'check', 'wallet', 'other'];

type Totals = PaymentList['totals'][number];

/**
 * Every payment of the customer: date, amount, method in words, reference, the invoices
 * it was applied to, and what is left unapplied (an overpayment or a prepayment).
 * Filter by date range, method, reference and currency; sort by date or amount; "Load
 * more"; totals of the filtered set per currency; each row opens its allocations. The
 * toolbar exports the filtered payments as CSV or Excel.
 *
 * @example
 * <payment-history api-url="https://billing.example.com" token="…" method="card"></payment-history>
 *
 * @fires ssp-payment-select - The customer opened a payment's detail (`detail.id`).
 * @fires ssp-session-expired - The session ended and no fresh token could be had.
 * @slot actions - Buttons beside the filters (exports).
 * @csspart filters - The filter bar.
 * @csspart actions - The area around the `actions` slot.
 * @csspart table - The payments table.
 * @csspart row - One payment's row.
 * @csspart detail - The open payment's detail row.
 * @csspart totals - A currency's totals row.
 * @csspart amount - A money cell.
 * @csspart cell - Any other cell of a row.
 * @csspart button - Every button (also `sort`, `toggle`, `load-more`, `download`).
 * @csspart message - The outcome of an export (also `error` when it failed).
 * @csspart count - "Showing n of m".
 * @csspart empty - The empty state.
 * @csspart error - The error state (its Retry or "Sign in again" button is also `retry`).
 * @cssprop --ssp-color-accent - Links, focus and the open-detail toggles.
 * @cssprop --ssp-density-row - Row height.
 */
export class PaymentHistory extends ListElement<Payment, Totals, Payment> {
  static override styles = [...ListElement.styles, downloadStyles, styles];
  static override strings = [...ListElement.strings, paymentsStrings, documentsStrings];
  static override liveKinds = ['payment'];
  static override properties = { method: {} };

  /** Payment methods to show, comma-separated (`card`, `bank_transfer`, …); empty for all. */
  method = '';
  override sort = '-date';

  protected readonly area = 'payments';
  protected readonly selectEvent = SspPaymentSelectEvent;
  private readonly downloads = new Downloads(this);
  protected readonly columns: Column<Payment, Totals>[] = [
    { label: 'common.date', sort: 'date', cell: (payment) => this.date(payment.date) },
    { label: 'common.amount', sort: 'amount', num: true, cell: (payment) => this.money(payment.amount, payment.currency), total: (sum) => this.money(sum.amount, sum.currency) },
    { label: 'payments.method', cell: (payment) => this.t(`payments.method.${payment.method}`) },
    { label: 'payments.reference', cell: (payment) => payment.reference },
    { label: 'payments.appliedTo', cell: (payment) => this.numbers(payment.allocations) },
    { label: 'payments.unapplied', num: true, cell: (payment) => this.money(payment.unapplied, payment.currency), total: (sum) => this.money(sum.unapplied, sum.currency) },
  ];

  protected override choices(): Choice[] {
    return [{ name: 'method', label: this.t('payments.method'), options: METHODS.map((method) => [method, this.t(`payments.method.${method}`)]) }];
  }

  /** Export CSV and Export Excel of the payments the filters select. */
  protected override renderActions() {
    return this.downloads.exports((format) => (client, signal) => exportPayments(client, format, this.query(), signal));
  }

  protected fetchPage(client: PortalClient, query: Query, signal: AbortSignal) {
    return listPayments(client, query, signal);
  }

  protected fetchDetail(client: PortalClient, id: string, signal: AbortSignal) {
    return getPayment(client, id, signal);
  }

  protected renderDetail(payment: Payment) {
    const m = (amount: number) => this.money(amount, payment.currency);
    return html`${this.table(
        this.t('payments.allocations'),
        [[this.t('payments.invoice')], [this.t('payments.appliedOn')], [this.t('common.amount'), true]],
        payment.allocations.map((allocation) => [allocation.invoiceNumber, this.date(allocation.appliedOn), m(allocation.amount)]),
      )}
      ${this.figures([
        [this.t('common.amount'), m(payment.amount)],
        [this.t('payments.applied'), m(payment.amountApplied)],
        [this.t('payments.unapplied'), m(payment.unapplied)],
      ])}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'payment-history': PaymentHistory;
  }
}
