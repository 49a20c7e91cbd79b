import { exportInvoices, getInvoice, invoicePdf, listInvoices, type PortalClient, type Query } from '@ssp/client';
import type { Invoice, InvoiceDetail, InvoiceList as InvoicePage } from '@ssp/schemas';
import { html } from 'lit';
import { Downloads, downloadStyles } from '../core/download.ts';
import { invoiceTones } from '../core/invoice-status.ts';
import { type Choice, type Column, ListElement } from '../core/list-element.ts';
import { SspInvoiceSelectEvent } from './events.ts';
import { styles } from './invoice-list.styles.ts';
import invoicesStrings from '../i18n/en/invoices.ts';
import paymentsStrings from '../i18n/en/payments.ts';
import creditsStrings from '../i18n/en/credits.ts';
import documentsStrings from '../i18n/en/documents.ts';

type Totals = InvoicePage['totals'][number];

/**
 * Every invoice of the customer: number, issue and due dates, total, balance and status
 * in words. Filter by status, issue-date range, number and currency; sort by any figure
 * or date; "Load more" pages through the API's keyset cursor; the footer totals the
 * whole filtered set per currency; each row opens its detail (lines, tax, payments and
 * credits applied, balance). Each invoice downloads as a PDF (in its row and its detail),
 * and the toolbar exports the filtered list as CSV or Excel; the session token travels
 * in a header, and a failed download is announced beside the toolbar.
 *
 * @example
 * <invoice-list api-url="https://billing.example.com" token="…" status="overdue"></invoice-list>
 *
 * @fires ssp-invoice-select - The customer opened an invoice's detail (`detail.id`).
 * @fires ssp-session-expired - The session ended and no fresh token could be had.
 * @slot actions - Buttons beside the filters (downloads, exports).
 * @csspart filters - The filter bar.
 * @csspart actions - The area around the `actions` slot.
 * @csspart table - The invoices table.
 * @csspart row - One invoice's row.
 * @csspart detail - The open invoice's detail row.
 * @csspart totals - A currency's totals row.
 * @csspart status - A status badge.
 * @csspart amount - A money cell.
 * @csspart cell - Any other cell of a row.
 * @csspart button - Every button (also `sort`, `toggle`, `load-more`, `download`).
 * @csspart message - The outcome of a download (also `error` when it failed).
 * @csspart count - "Showing n of m".
 * @csspart empty - The empty state.
 * @csspart error - The error state (its Retry or "Sign in again" button is also `retry`).
 * @cssprop --ssp-color-accent - Links, focus and the open-detail toggles.
 * @cssprop --ssp-density-row - Row height.
 */
export class InvoiceList extends ListElement<Invoice, Totals, InvoiceDetail> {
  static override styles = [...ListElement.styles, downloadStyles, styles];
  static override strings = [...ListElement.strings, invoicesStrings, paymentsStrings, creditsStrings, documentsStrings];
  static override liveKinds = ['invoice', 'payment', 'credit_note'];
  static override properties = { status: {} };

  /** Statuses to show, comma-separated: `overdue`, `open,partially_paid`; empty for all. */
  status = '';
  override sort = '-issueDate';

  protected readonly area = 'invoices';
  protected readonly selectEvent = SspInvoiceSelectEvent;
  private readonly downloads = new Downloads(this);
  protected readonly columns: Column<Invoice, Totals>[] = [
    { label: 'invoices.number', sort: 'number', cell: (invoice) => invoice.number },
    { label: 'invoices.issueDate', sort: 'issueDate', cell: (invoice) => this.date(invoice.issueDate) },
    { label: 'invoices.dueDate', sort: 'dueDate', cell: (invoice) => this.date(invoice.dueDate) },
    { label: 'common.total', sort: 'total', num: true, cell: (invoice) => this.money(invoice.total, invoice.currency), total: (sum) => this.money(sum.total, sum.currency) },
    { label: 'common.balance', sort: 'balance', num: true, cell: (invoice) => this.money(invoice.balance, invoice.currency), total: (sum) => this.money(sum.balance, sum.currency) },
    { label: 'common.status', cell: (invoice) => this.badge(this.t(`invoices.status.${invoice.status}`), invoiceTones[invoice.status]) },
    { label: 'documents.download', cell: (invoice) => this.pdf(invoice, 'PDF') },
  ];

  /** The invoice's PDF, in the element's language. */
  protected override rowState(invoice: Invoice): unknown {
    return this.downloads.isBusy(`pdf:${invoice.id}`);
  }

  private pdf({ id, number }: Invoice, label: string) {
    return this.downloads.button(`pdf:${id}`, label, (client, signal) => invoicePdf(client, id, this.i18n.locale, signal), this.t('documents.pdfOf', { number }));
  }

  /** Export CSV and Export Excel of the invoices the filters select. */
  protected override renderActions() {
    return this.downloads.exports((format) => (client, signal) => exportInvoices(client, format, this.query(), signal));
  }

  protected override choices(): Choice[] {
    return [{ name: 'status', label: this.t('common.status'), options: Object.keys(invoiceTones).map((status) => [status, this.t(`invoices.status.${status}`)]) }];
  }

  protected fetchPage(client: PortalClient, query: Query, signal: AbortSignal) {
    return listInvoices(client, query, signal);
  }

  protected fetchDetail(client: PortalClient, id: string, signal: AbortSignal) {
    return getInvoice(client, id, signal);
  }

  protected renderDetail(invoice: InvoiceDetail) {
    const m = (amount: number) => this.money(amount, invoice.currency);
    return html`${this.table(
        this.t('invoices.lines'),
        [[this.t('invoices.description')], [this.t('invoices.quantity'), true], [this.t('invoices.unitPrice'), true], [this.t('invoices.tax'), true], [this.t('common.amount'), true]],
        invoice.lines.map((line) => [line.description, this.number(line.quantity), m(line.unitPrice), m(line.taxAmount), m(line.amount)]),
      )}
      ${this.figures([
        [this.t('invoices.subtotal'), m(invoice.subtotal)],
        [this.t('invoices.tax'), m(invoice.tax)],
        [this.t('common.total'), m(invoice.total)],
        [this.t('invoices.paid'), m(invoice.amountPaid)],
        [this.t('invoices.credited'), m(invoice.amountCredited)],
        [this.t('common.balance'), m(invoice.balance)],
      ])}
      ${this.table(
        this.t('invoices.payments'),
        [[this.t('common.date')], [this.t('payments.method')], [this.t('payments.reference')], [this.t('common.amount'), true]],
        invoice.payments.map((payment) => [this.date(payment.appliedOn), this.t(`payments.method.${payment.method}`), payment.reference ?? this.t('common.none'), m(payment.amount)]),
      )}
      ${this.table(
        this.t('invoices.credits'),
        [[this.t('credits.number')], [this.t('common.date')], [this.t('common.amount'), true]],
        invoice.credits.map((credit) => [credit.number, this.date(credit.appliedOn), m(credit.amount)]),
      )}
      ${invoice.memo ? html`<p>${invoice.memo}</p>` : null}
      <p>${this.pdf(invoice, this.t('documents.pdf'))}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'invoice-list': InvoiceList;
  }
}
