import { getSchedule, listSchedules } from '@ssp/client';
import { Task, TaskStatus, initialState } from '@lit/task';
import type { Schedule, ScheduleDetail, ScheduleItem, ScheduleKind } from '@ssp/schemas';
import { html, nothing } from 'lit';
import { listStyles } from '../core/list-styles.ts';
import { PortalElement } from '../core/portal-element.ts';
import { styles } from './schedule-list.styles.ts';
import { SspScheduleSelectEvent } from './events.ts';
import schedulesStrings from '../i18n/en/schedules.ts';
import tablesStrings from '../i18n/en/tables.ts';
import { forms } from '../styles/forms.ts';
import { more } from '../styles/more.ts';

const KINDS: ScheduleKind[] = ['payment_plan', 'billing_arrangement', 'service'];
// "Done" means paid for an instalment and billed for a billing date.
const DONE: Record<ScheduleKind, string> = { payment_plan: 'paid', billing_arrangement: 'billed', service: 'done' };
const TONE: Record<string, string> = { active: 'good', done: 'good', missed: 'bad', completed: 'quiet', cancelled: 'quiet' };

/**
 * The customer's schedules, next commitment first: payment plans (instalments),
 * billing arrangements (recurring billing dates) and service schedules (visits or
 * deliveries with a time window). Each shows its kind, status and next item, and
 * opens to every item's date, window, amount and status, all in words.
 *
 * @example
 * <schedule-list api-url="https://billing.example.com" token="…" kind="payment_plan"></schedule-list>
 *
 * @fires ssp-schedule-select - The customer opened a schedule's items (`detail.id`).
 * @fires ssp-session-expired - The session ended and no fresh token could be had.
 * @csspart filters - The kind filter.
 * @csspart table - The schedules table.
 * @csspart row - A schedule.
 * @csspart toggle - The button that opens a schedule's items (with `button`).
 * @csspart status - A status badge.
 * @csspart next - The next item's date and time window.
 * @csspart amount - A money figure.
 * @csspart counts - How many items are upcoming, done and missed.
 * @csspart detail - The opened schedule's items.
 * @csspart empty - The empty state.
 * @csspart error - The error state (its Retry or "Sign in again" button is also `retry`).
 * @cssprop --ssp-color-success - Active schedules, done items.
 * @cssprop --ssp-color-danger - Missed items.
 */
export class ScheduleList extends PortalElement {
  static override styles = [...PortalElement.styles, more, forms, listStyles, styles];
  static override strings = [...PortalElement.strings, tablesStrings, schedulesStrings];
  static override liveKinds = ['schedule'];
  static override properties = { kind: {}, open: { attribute: false } };

  /** Only schedules of this kind: `payment_plan`, `billing_arrangement` or `service`; empty for all. */
  kind: ScheduleKind | '' = '';

  private open: string | undefined;

  // A customer has a handful of schedules, and the API orders them all: one page holds them.
  private readonly list = new Task(this, {
    task: ([session, , kind], { signal }) => this.guard(listSchedules(session.client, { kind, limit: 100 }, signal)),
    args: () => [...this.sessionArgs, this.kind] as const,
  });

  private readonly detail = new Task(this, {
    task: ([session, , id], { signal }) => (id ? this.guard(getSchedule(session.client, id, signal)) : initialState),
    args: () => [...this.sessionArgs, this.open] as const,
  });

  /** Reloads the schedules and the opened one's items (the elements call this on live updates). */
  override refresh(): Promise<unknown> {
    return Promise.all([this.list.run(), this.open ? this.detail.run() : undefined]);
  }

  private toggle(id: string) {
    this.open = this.open === id ? undefined : id;
    if (this.open) this.dispatchEvent(new SspScheduleSelectEvent({ id }));
  }

  private itemStatus(status: ScheduleItem['status'], kind: ScheduleKind) {
    const word = status === 'done' ? DONE[kind] : status;
    return html`<span class="status ${TONE[status] ?? ''}" part="status">${this.t(`schedules.item.${word}`)}</span>`;
  }

  private window(item: ScheduleItem) {
    return item.windowStart ? [item.windowStart, item.windowEnd].filter(Boolean).join('–') : '';
  }

  override render() {
    return html`<section aria-labelledby="title">
      <div class="head">
        <h2 id="title">${this.t('schedules.title')}</h2>
        <label part="filters">${this.t('schedules.kind')}
          <select @change=${(event: Event) => {
            this.kind = (event.target as HTMLSelectElement).value as ScheduleKind | '';
            this.open = undefined;
          }}>
            <option value="" ?selected=${!this.kind}>${this.t('schedules.allKinds')}</option>
            ${KINDS.map((kind) => html`<option value=${kind} ?selected=${this.kind === kind}>${this.t(`schedules.kind.${kind}`)}</option>`)}
          </select>
        </label>
      </div>
      ${this.renderTask(this.list, () => this.renderSkeleton(), ({ data }) => this.renderList(data))}
    </section>`;
  }

  private renderSkeleton() {
    return html`<div aria-busy="true" role="status">
      <span class="visually-hidden">${this.t('common.loading')}</span>
      ${[0, 1, 2, 3].map(() => html`<span class="skeleton sk-row"></span>`)}
    </div>`;
  }

  private renderList(schedules: Schedule[]) {
    const busy = String(this.list.status === TaskStatus.PENDING);
    if (!schedules.length) {
      return html`<div class="state" part="empty" aria-busy=${busy}><p>${this.t(this.kind ? 'schedules.emptyKind' : 'schedules.empty')}</p></div>`;
    }
    const heads = ['schedules.name', 'schedules.kind', 'common.status', 'schedules.next', 'common.amount', 'schedules.items'];
    return html`<table class="list" part="table" aria-busy=${busy}>
      <caption class="visually-hidden">${this.t('schedules.caption')}</caption>
      <thead>
        <tr>${heads.map((key, index) => html`<th scope="col" class=${index === 4 ? 'num' : ''}>${this.t(key)}</th>`)}</tr>
      </thead>
      <tbody>
        ${schedules.map((schedule, index) => this.renderRow(schedule, index))}
      </tbody>
    </table>`;
  }

  private renderRow(schedule: Schedule, index: number) {
    const { nextItem: next, counts, kind } = schedule;
    const open = this.open === schedule.id;
    const slot = next && this.window(next);
    // Until this schedule's items arrive, the previously opened one's must not show here.
    const loading = () => html`<div aria-busy="true" role="status"><span class="visually-hidden">${this.t('common.loading')}</span><span class="skeleton sk-detail"></span></div>`;
    return html`<tr part="row" data-id=${schedule.id}>
        <th scope="row">
          <button type="button" class="toggle" part="button toggle" aria-expanded=${String(open)} aria-controls="detail-${index}"
            @click=${() => this.toggle(schedule.id)}>${schedule.name}</button>
        </th>
        <td data-label=${this.t('schedules.kind')}>${this.t(`schedules.kind.${kind}`)}</td>
        <td data-label=${this.t('common.status')}><span class="status ${TONE[schedule.status]}" part="status">${this.t(`schedules.status.${schedule.status}`)}</span></td>
        <td part="next" data-label=${this.t('schedules.next')}>
          <span>${next ? this.date(next.date) : this.t('schedules.noNext')}${slot ? html` <span class="window">${slot}</span>` : nothing}</span>
        </td>
        <td class="num" part="amount" data-label=${this.t('common.amount')}>${next?.amount != null && schedule.currency ? this.money(next.amount, schedule.currency) : nothing}</td>
        <td part="counts" data-label=${this.t('schedules.items')}>
          <span>${([['upcoming', counts.upcoming], [DONE[kind], counts.done], ['missed', counts.missed]] as const).map(
            ([word, n]) => html`<span class="tally">${this.t('schedules.count', { label: this.t(`schedules.item.${word}`), n })}</span>`,
          )}</span>
        </td>
      </tr>
      ${open
        ? html`<tr class="detail" id="detail-${index}" part="detail">
            <td colspan="6">
              ${this.renderTask(this.detail, loading, (detail) => (detail?.id === schedule.id ? this.renderItems(detail) : loading()))}
            </td>
          </tr>`
        : nothing}`;
  }

  private renderItems(schedule: ScheduleDetail) {
    const { items, currency, kind } = schedule;
    const windows = items.some((item) => item.windowStart);
    const notes = items.some((item) => item.note);
    return html`${schedule.description ? html`<p class="muted">${schedule.description}</p>` : nothing}
      <table class="list items">
        <caption>${this.t('schedules.itemsOf', { name: schedule.name })}</caption>
        <thead>
          <tr>
            <th scope="col">${this.t('common.date')}</th>
            ${windows ? html`<th scope="col">${this.t('schedules.window')}</th>` : nothing}
            ${currency ? html`<th scope="col" class="num">${this.t('common.amount')}</th>` : nothing}
            <th scope="col">${this.t('common.status')}</th>
            ${notes ? html`<th scope="col">${this.t('schedules.note')}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${items.map(
            (item) => html`<tr data-id=${item.id}>
              <td data-label=${this.t('common.date')}>${this.date(item.date)}</td>
              ${windows ? html`<td data-label=${this.t('schedules.window')}>${this.window(item)}</td>` : nothing}
              ${currency ? html`<td class="num" data-label=${this.t('common.amount')}>${item.amount == null ? nothing : this.money(item.amount, currency)}</td>` : nothing}
              <td data-label=${this.t('common.status')}>${this.itemStatus(item.status, kind)}</td>
              ${notes ? html`<td data-label=${this.t('schedules.note')}>${item.note ?? nothing}</td>` : nothing}
            </tr>`,
          )}
        </tbody>
      </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'schedule-list': ScheduleList;
  }
}
