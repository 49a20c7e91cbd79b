import { Task, TaskStatus } from '@lit/task';
import { emailStatement, getStatement, statementCsv, statementPdf } from '@ssp/client';
import type { CurrencyStatement, Statement } from '@ssp/schemas';
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { Downloads, downloadStyles } from '../core/download.ts';
import { listStyles } from '../core/list-styles.ts';
import { PortalElement } from '../core/portal-element.ts';
import { styles } from './account-statement.styles.ts';
import { SspPeriodChangeEvent } from './events.ts';
import statementStrings from '../i18n/en/statement.ts';
import summaryStrings from '../i18n/en/summary.ts';
import documentsStrings from '../i18n/en/documents.ts';
import tablesStrings from '../i18n/en/tables.ts';
import paymentsStrings from '../i18n/en/payments.ts';
import { forms } from '../styles/forms.ts';
import { more } from '../styles/more.ts';

const BUCKETS = ['current', 'days1to30', 'days31to60', 'days61to90', 'days90plus'] as const;
const PRESETS = ['this-month', 'last-month', 'this-year', 'last-12-months', 'all-time'] as const;
type Preset = (typeof PRESETS)[number];

/** `YYYY-MM-DD` of a UTC calendar day; months and days overflow as `Date.UTC` does. */
const day = (year: number, month: number, date: number) => new Date(Date.UTC(year, month, date)).toISOString().slice(0, 10);

/** A preset's [from, to] as of `today`; an empty `from` means since the first record. */
function presetRange(preset: Preset, today: string): [string, string] {
  const [year, month, date] = today.split('-').map(Number) as [number, number, number];
  switch (preset) {
    case 'this-month':
      return [day(year, month - 1, 1), today];
    case 'last-month':
      return [day(year, month - 2, 1), day(year, month - 1, 0)];
    case 'this-year':
      return [`${year}-01-01`, today];
    case 'last-12-months':
      return [day(year - 1, month - 1, date + 1), today];
    default:
      return ['', today];
  }
}

/**
 * The account statement for a period: per currency, the opening balance, every
 * invoice (debit), payment and credit note (credit) in date order with a running
 * balance, the totals, the closing balance and the aging at the end date. The period
 * comes from presets (this month, last month, this year, last 12 months, all time) or
 * two date fields; printing hides the controls and keeps the period as a heading. The
 * period downloads as a PDF or CSV, and with `allow-email` the customer can have the
 * PDF emailed to their billing address; outcomes and failures are announced.
 *
 * @example
 * <account-statement api-url="https://billing.example.com" token="…" from="2026-01-01" to="2026-03-31"></account-statement>
 *
 * @fires ssp-period-change - The customer picked another period (`from`, `to`).
 * @fires ssp-session-expired - The session ended and no fresh token could be had.
 * @slot actions - Extra buttons for the toolbar, before Print.
 * @csspart filters - The period controls.
 * @csspart preset - A preset button (with `button`).
 * @csspart actions - The toolbar (downloads, email, the `actions` slot and Print, whose button is also `print`).
 * @csspart download - The PDF, CSV and "Email me" buttons (with `button`).
 * @csspart message - The outcome of a download or email (also `error` when it failed).
 * @csspart period - The heading naming the period shown.
 * @csspart currency - One currency's statement.
 * @csspart table - The statement lines table.
 * @csspart row - A statement line.
 * @csspart amount - A money figure (also `opening`, `debits`, `credits`, `closing`).
 * @csspart aging - The aging table.
 * @csspart empty - The "no transactions" state.
 * @csspart error - The error state (its Retry or "Sign in again" button is also `retry`).
 * @cssprop --ssp-color-accent - Accent colour (pressed preset, focus).
 */
export class AccountStatement extends PortalElement {
  static override styles = [...PortalElement.styles, more, forms, listStyles, downloadStyles, styles];
  // payments: the method names of payment lines.
  static override strings = [...PortalElement.strings, tablesStrings, statementStrings, summaryStrings, documentsStrings, paymentsStrings];
  static override liveKinds = ['invoice', 'payment', 'credit_note'];
  static override properties = { from: {}, to: {}, asOf: { attribute: 'as-of' }, allowEmail: { type: Boolean, attribute: 'allow-email' }, invalid: { attribute: false } };

  /** First day of the period (`YYYY-MM-DD`); empty means since the first record. Default: the last 12 months. */
  from: string | undefined;
  /** Last day of the period (`YYYY-MM-DD`); empty means today. */
  to: string | undefined;
  /** "Today" for the presets (`YYYY-MM-DD`); default: the browser's date. */
  asOf: string | undefined;
  /** Offers "Email me": the statement PDF sent to the customer's billing email (the tenant may still refuse it). */
  allowEmail = false;

  private readonly downloads = new Downloads(this);

  private invalid = false;

  private readonly data = new Task(this, {
    task: ([session, , from, to], { signal }) => this.guard(getStatement(session.client, { from: from || undefined, to: to || undefined }, signal)),
    args: () => [...this.sessionArgs, this.from, this.to] as const,
  });

  /** Reloads the statement (the elements call this on live updates). */
  override refresh(): Promise<unknown> {
    return this.data.run();
  }

  /** The period shown, for the documents, in the element's language. */
  private get period() {
    return { from: this.from || undefined, to: this.to || undefined, locale: this.i18n.locale };
  }

  private get today(): string {
    if (this.asOf) return this.asOf;
    const now = new Date();
    return day(now.getFullYear(), now.getMonth(), now.getDate());
  }

  protected override willUpdate(): void {
    if (this.from === undefined && this.to === undefined) [this.from, this.to] = presetRange('last-12-months', this.today);
    // Open ends spelled out, so that the date fields and the presets show them.
    this.from ??= '';
    this.to ||= this.today;
  }

  private choose(from: string, to: string) {
    this.invalid = !!from && !!to && from > to;
    if (this.invalid || (from === this.from && to === this.to)) return;
    this.from = from;
    this.to = to;
    this.dispatchEvent(new SspPeriodChangeEvent(from, to));
  }

  private onDate() {
    const [from, to] = [...this.renderRoot.querySelectorAll('input')].map((input) => input.value);
    this.choose(from ?? '', to || this.today);
  }

  override render() {
    const today = this.today;
    return html`<section aria-labelledby="title">
      <div class="head">
        <h2 id="title">${this.t('statement.title')}</h2>
        <div class="actions" part="actions">
          ${this.downloads.button('pdf', this.t('documents.pdf'), (client, signal) => statementPdf(client, this.period, signal))}
          ${this.downloads.button('csv', this.t('statement.csv'), (client, signal) => statementCsv(client, this.period, signal))}
          ${this.allowEmail
            ? this.downloads.button('email', this.t('statement.email'), async (client, signal) =>
                this.t('statement.emailSent', { email: (await emailStatement(client, this.period, signal)).sentTo }),
              )
            : nothing}
          <slot name="actions"></slot>
          <button type="button" part="button print" @click=${() => window.print()}>${this.t('statement.print')}</button>
          ${this.downloads.messages()}
        </div>
      </div>
      <fieldset part="filters">
        <legend>${this.t('statement.periodLabel')}</legend>
        <div class="presets">
          ${PRESETS.map((preset) => {
            const [from, to] = presetRange(preset, today);
            return html`<button type="button" part="button preset" aria-pressed=${String(from === this.from && to === this.to)} @click=${() => this.choose(from, to)}>
              ${this.t(`statement.preset.${preset}`)}
            </button>`;
          })}
        </div>
        <div class="dates">
          <label>${this.t('common.from')}<input type="date" .value=${live(this.from ?? '')} max=${this.to ?? today} aria-invalid=${String(this.invalid)} aria-describedby="range-error" @change=${this.onDate} /></label>
          <label>${this.t('common.to')}<input type="date" .value=${live(this.to ?? '')} min=${this.from || nothing} aria-invalid=${String(this.invalid)} aria-describedby="range-error" @change=${this.onDate} /></label>
          <p id="range-error" class="error" role="alert">${this.invalid ? this.t('statement.invalidRange') : nothing}</p>
        </div>
      </fieldset>
      ${this.renderTask(this.data, () => this.renderSkeleton(), (statement) => this.renderStatement(statement))}
    </section>`;
  }

  private renderSkeleton() {
    return html`<div aria-busy="true" role="status">
      <span class="visually-hidden">${this.t('common.loading')}</span>
      <span class="skeleton sk-period"></span>
      <span class="skeleton sk-table"></span>
      <span class="skeleton sk-aging"></span>
    </div>`;
  }

  private renderStatement(statement: Statement) {
    const to = this.date(statement.to);
    const period = statement.from ? this.t('statement.period', { from: this.date(statement.from), to }) : this.t('statement.periodAll', { to });
    return html`<div aria-busy=${String(this.data.status === TaskStatus.PENDING)}>
      <h3 class="period" part="period">${period}</h3>
      <p class="muted customer">${statement.customer.name}</p>
      ${statement.currencies.map((block) => this.renderCurrency(block, to, statement.currencies.length > 1))}
    </div>`;
  }

  private renderCurrency(block: CurrencyStatement, to: string, labelled: boolean) {
    const { currency } = block;
    const m = (amount: number) => this.money(amount, currency);
    const amount = (value: number) => (value ? m(value) : nothing);
    const label = (key: string) => this.t(`statement.${key}`);
    return html`<div class="currency" part="currency" data-currency=${currency}>
      ${labelled ? html`<h4>${currency}</h4>` : nothing}
      ${block.lines.length
        ? html`<table class="list lines" part="table">
            <caption>${this.t('statement.lines', { currency })}</caption>
            <thead>
              <tr>
                <th scope="col">${this.t('common.date')}</th>
                <th scope="col">${label('type')}</th>
                <th scope="col">${label('reference')}</th>
                <th scope="col">${label('description')}</th>
                <th scope="col" class="num">${label('debit')}</th>
                <th scope="col" class="num">${label('credit')}</th>
                <th scope="col" class="num">${this.t('common.balance')}</th>
              </tr>
            </thead>
            <tbody>
              <tr class="sum">
                <th scope="row" colspan="6">${label('opening')}</th>
                <td class="num" part="amount opening">${m(block.openingBalance)}</td>
              </tr>
              ${block.lines.map(
                (line) => html`<tr part="row" data-id=${line.id}>
                  <td data-label=${this.t('common.date')}>${this.date(line.date)}</td>
                  <td data-label=${label('type')}>${this.t(`statement.type.${line.type}`)}</td>
                  <td data-label=${label('reference')}>${line.reference}</td>
                  <td class="description" data-label=${label('description')}>${
                    // In the page's language, and without what Type and Reference already say
                    // (the API's English description from an API without these fields).
                    line.dueDate
                      ? this.t('statement.due', { date: this.date(line.dueDate) })
                      : line.method
                        ? this.t(`payments.method.${line.method}`)
                        : line.type === 'credit_note'
                          ? line.reason
                          : line.description
                  }</td>
                  <td class="num" data-label=${label('debit')}>${amount(line.debit)}</td>
                  <td class="num" data-label=${label('credit')}>${amount(line.credit)}</td>
                  <td class="num" data-label=${this.t('common.balance')}>${m(line.balance)}</td>
                </tr>`,
              )}
            </tbody>
            <tfoot>
              <tr class="sum">
                <th scope="row" colspan="4">${label('totals')}</th>
                <td class="num" part="amount debits" data-label=${label('debit')}>${m(block.totals.debits)}</td>
                <td class="num" part="amount credits" data-label=${label('credit')}>${m(block.totals.credits)}</td>
                <td></td>
              </tr>
              <tr class="sum">
                <th scope="row" colspan="6">${label('closing')}</th>
                <td class="num" part="amount closing">${m(block.closingBalance)}</td>
              </tr>
            </tfoot>
          </table>`
        : html`<div class="state" part="empty">
            <p>${label('noLines')}</p>
            <p>${this.t('statement.balanceOn', { date: to, amount: m(block.closingBalance) })}</p>
          </div>`}
      <table class="aging" part="aging">
        <caption>${this.t('statement.aging', { date: to, currency })}</caption>
        <tbody>
          ${BUCKETS.map(
            (bucket) => html`<tr><th scope="row">${this.t(`summary.bucket.${bucket}`)}</th><td class="num" data-bucket=${bucket}>${m(block.aging[bucket])}</td></tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'account-statement': AccountStatement;
  }
}
