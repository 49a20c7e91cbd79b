import { getSummary } from '@ssp/client';
import { Task } from '@lit/task';
import type { CurrencySummary, Summary } from '@ssp/schemas';
import { html, svg } from 'lit';
import { PortalElement } from '../core/portal-element.ts';
import { styles } from './account-summary.styles.ts';
import summaryStrings from '../i18n/en/summary.ts';

const BUCKETS = ['current', 'days1to30', 'days31to60', 'days61to90', 'days90plus'] as const;

const zero = { amount: 0, count: 0 };
/** Stand-in figures for the loading state's shape: one currency, twelve months. */
const PLACEHOLDER = {
  currency: 'USD',
  outstanding: 0,
  overdue: zero,
  upcoming: zero,
  totalPaid: 0,
  availableCredit: { total: 0 },
  aging: { current: 0, days1to30: 0, days31to60: 0, days61to90: 0, days90plus: 0 },
  monthly: Array.from({ length: 12 }, (_, index) => ({ month: `2026-${String(index + 1).padStart(2, '0')}`, invoiced: 0, paid: 0 })),
} as unknown as CurrencySummary;

/**
 * The account at a glance, one block per currency: outstanding balance, status in
 * words, overdue and upcoming invoices, total paid, available credit, aging and the
 * last 12 months invoiced and paid (an inline SVG chart, with a table for screen readers).
 *
 * @example
 * <account-summary api-url="https://billing.example.com" token="…"></account-summary>
 *
 * @fires ssp-session-expired - The session ended and no fresh token could be had.
 * @csspart currency - One currency's block.
 * @csspart amount - A money figure (also `outstanding`, `overdue`, `upcoming`, `paid`, `credit`).
 * @csspart status - The account status badge.
 * @csspart error - The error state (its Retry or "Sign in again" button is also `retry`).
 * @cssprop --ssp-color-accent - Accent colour (chart bars, buttons).
 */
export class AccountSummary extends PortalElement {
  static override styles = [...PortalElement.styles, styles];
  static override strings = [...PortalElement.strings, summaryStrings];
  static override liveKinds = ['invoice', 'payment', 'credit_note'];
  static override liveMessage = 'summary.updated';

  readonly #data = new Task(this, {
    task: ([session], { signal }) => this.guard(getSummary(session.client, signal)),
    args: () => this.sessionArgs,
  });

  /** Reloads the figures (the elements call this on live updates). */
  override refresh(): Promise<unknown> {
    return this.#data.run();
  }

  override render() {
    return html`<section aria-labelledby="title">
      <h2 id="title">${this.t('summary.title')}</h2>
      ${this.renderTask(this.#data, () => this.#renderSkeleton(), (summary) => this.#renderSummary(summary))}
    </section>`;
  }

  // The loaded layout itself, drawn from one currency's zero figures as bars (see `[inert]`
  // in the shared styles): a one-currency account replaces it without moving anything.
  #renderSkeleton() {
    return html`<div aria-busy="true" role="status">
      <span class="visually-hidden">${this.t('common.loading')}</span>
      <div inert>${this.#renderCurrency(PLACEHOLDER, false)}</div>
    </div>`;
  }

  #renderSummary(summary: Summary) {
    return html`${summary.currencies.map((block) => this.#renderCurrency(block, summary.currencies.length > 1))}`;
  }

  #renderCurrency(block: CurrencySummary, labelled: boolean) {
    const m = (amount: number) => this.money(amount, block.currency);
    const pastDue = block.status === 'past_due';
    return html`<div class="currency" part="currency" data-currency=${block.currency}>
      ${labelled ? html`<h3>${block.currency}</h3>` : null}
      <div class="headline">
        <div>
          <div class="muted">${this.t('summary.outstanding')}</div>
          <p class="outstanding" part="amount outstanding">${m(block.outstanding)}</p>
        </div>
        <span class="status ${pastDue ? 'bad' : 'good'}" part="status">${this.t(pastDue ? 'summary.pastDue' : 'summary.current')}</span>
      </div>
      <dl class="figures">
        <div>
          <dt>${this.t('summary.overdue')}</dt>
          <dd part="amount overdue">${m(block.overdue.amount)}<small>${this.t('summary.invoiceCount', { count: block.overdue.count })}</small></dd>
        </div>
        <div>
          <dt>${this.t('summary.upcoming')}</dt>
          <dd part="amount upcoming">${m(block.upcoming.amount)}<small>${this.t('summary.invoiceCount', { count: block.upcoming.count })}</small></dd>
        </div>
        <div>
          <dt>${this.t('summary.totalPaid')}</dt>
          <dd part="amount paid">${m(block.totalPaid)}</dd>
        </div>
        <div>
          <dt>${this.t('summary.credit')}</dt>
          <dd part="amount credit">${m(block.availableCredit.total)}</dd>
        </div>
      </dl>
      ${this.#renderAging(block)} ${this.#renderChart(block)}
    </div>`;
  }

  #renderAging(block: CurrencySummary) {
    const total = BUCKETS.reduce((sum, bucket) => sum + block.aging[bucket], 0);
    let x = 0;
    return html`<h3 id="aging-${block.currency}">${this.t('summary.aging')}</h3>
      <svg class="aging-bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true">
        ${total === 0
          ? svg`<rect width="100" height="4" class="paid" opacity="0.3"></rect>`
          : BUCKETS.map((bucket, index) => {
              const width = (block.aging[bucket] / total) * 100;
              const bar = svg`<rect x=${x} width=${width} height="4" class="b${index}"></rect>`;
              x += width;
              return bar;
            })}
      </svg>
      <table class="aging" aria-labelledby="aging-${block.currency}">
        <tbody class="legend-table">
          ${BUCKETS.map(
            (bucket, index) =>
              html`<tr><th scope="row"><i class="b${index}"></i>${this.t(`summary.bucket.${bucket}`)}</th><td class="num">${this.money(block.aging[bucket], block.currency)}</td></tr>`,
          )}
        </tbody>
      </table>`;
  }

  #renderChart(block: CurrencySummary) {
    const max = Math.max(1, ...block.monthly.flatMap((month) => [month.invoiced, month.paid]));
    const slot = 400 / block.monthly.length;
    // The drawing is 400 × 100: bars up to 86 high standing on y = 88, the month below.
    const bar = (value: number) => (value / max) * 86;
    return html`<h3 id="chart-${block.currency}">${this.t('summary.chart')}</h3>
      <svg class="chart" viewBox="0 0 400 100" role="img" aria-labelledby="chart-${block.currency}">
        ${block.monthly.map((month, index) => {
          const x = index * slot;
          return svg`<rect class="invoiced" x=${x + slot * 0.12} y=${88 - bar(month.invoiced)} width=${slot * 0.36} height=${bar(month.invoiced)}></rect>
            <rect class="paid" x=${x + slot * 0.52} y=${88 - bar(month.paid)} width=${slot * 0.36} height=${bar(month.paid)}></rect>
            <text x=${x + slot / 2} y="98" text-anchor="middle">${this.date(month.month, 'month')}</text>`;
        })}
      </svg>
      <ul class="legend" aria-hidden="true">
        <li><i class="invoiced"></i>${this.t('summary.invoiced')}</li>
        <li><i class="paid"></i>${this.t('summary.paid')}</li>
      </ul>
      <table class="visually-hidden">
        <caption>${this.t('summary.chart')} (${block.currency})</caption>
        <thead>
          <tr><th scope="col">${this.t('summary.month')}</th><th scope="col">${this.t('summary.invoiced')}</th><th scope="col">${this.t('summary.paid')}</th></tr>
        </thead>
        <tbody>
          ${block.monthly.map(
            (month) => html`<tr><th scope="row">${this.date(month.month, 'month')}</th><td>${this.money(month.invoiced, block.currency)}</td><td>${this.money(month.paid, block.currency)}</td></tr>`,
          )}
        </tbody>
      </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'account-summary': AccountSummary;
  }
}
