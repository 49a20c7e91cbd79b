import { Task, TaskStatus, initialState } from '@lit/task';
import type { PortalClient, Query } from '@ssp/client';
import { type PropertyDeclarations, type TemplateResult, html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { listStyles, recordRows } from './list-styles.ts';
import { PortalElement } from './portal-element.ts';
import { forms } from '../styles/forms.ts';
import tablesStrings from '../i18n/en/tables.ts';
import { more } from '../styles/more.ts';
import { same } from './same.ts';

/**
 * New rows drawn per task (see `drawn`): 25 at first, then as many as fit in `BUDGET` ms
 * at the pace of the last slice, up to 100 (cards, which are all laid out, cost more).
 */
const SLICE = 25;
/** Script per slice, ms: a third of a long task, so that a busy machine stays under 50. */
const BUDGET = 16;

/** One column of a list: its header, its cell, and its figure in the totals rows. */
export interface Column<Row, Totals> {
  /** i18n key of the header (also the cell's label in the narrow, card layout). */
  label: string;
  /** The API's sort name (`issueDate` for `sort=issueDate|-issueDate`) when sortable. */
  sort?: string;
  /** Money or a count: aligned to the end, tabular figures, part `amount`. */
  num?: boolean;
  cell(row: Row): unknown;
  total?(totals: Totals): unknown;
}

/** A select in the filter bar; `name` is both the element's property and the API's query key. */
export interface Choice {
  name: string;
  label: string;
  options: [value: string, text: string][];
}

export interface Page<Row, Totals> {
  data: Row[];
  nextCursor: string | null;
  totals?: Totals[];
}

/** The lists' `ssp-<noun>-select` events: the customer opened the detail of record `detail.id`. */
export class SspSelectEvent extends Event {
  constructor(type: string, readonly detail: { id: string }) {
    super(type, { bubbles: true, composed: true });
  }
}

/**
 * What the four record lists share: filters kept in properties (so a host presets them
 * with attributes), the API's sort behind `aria-sort` header buttons, keyset "Load more"
 * appending to the rows already shown, per-currency totals of the filtered set in the
 * table footer, one expandable detail row at a time, and cards instead of rows when the
 * element is narrow. A list says only what differs: its columns, filters and detail.
 */
export abstract class ListElement<Row extends { id: string }, Totals extends { currency: string; count: number }, Detail> extends PortalElement {
  static override styles = [...PortalElement.styles, more, forms, listStyles, recordRows];
  static override strings = [...PortalElement.strings, tablesStrings];
  // Internal state is declared `attribute: false`: the manifest's analyzer would list
  // `state: true` properties as attributes.
  static override properties: PropertyDeclarations = {
    from: {},
    to: {},
    search: {},
    currency: {},
    sort: {},
    rows: { attribute: false },
    open: { attribute: false },
    more: { attribute: false },
    moreError: { attribute: false },
    reloading: { attribute: false },
  };

  /** Earliest date shown, `YYYY-MM-DD`. */
  from = '';
  /** Latest date shown, `YYYY-MM-DD`. */
  to = '';
  /** Text searched for in the records' numbers (payments: references). */
  search = '';
  /** Only this ISO 4217 currency (offered as a filter when the customer has several). */
  currency = '';
  /** The API's sort: a column name, with `-` first for descending. */
  sort = '';

  /** i18n area: `<area>.title`, `.search`, `.empty`, `.shown`, `.totals`. */
  protected abstract readonly area: string;
  protected abstract readonly columns: Column<Row, Totals>[];
  /** The class of the `ssp-<noun>-select` event. */
  protected abstract readonly selectEvent: new (detail: { id: string }) => Event;
  protected abstract fetchPage(client: PortalClient, query: Query, signal: AbortSignal): Promise<Page<Row, Totals>>;
  protected abstract fetchDetail(client: PortalClient, id: string, signal: AbortSignal): Promise<Detail>;
  protected abstract renderDetail(detail: Detail): TemplateResult;

  /** What a row shows besides its record and the language (a busy download button), so that it re-renders when that changes. */
  protected rowState(_row: Row): unknown {
    return undefined;
  }

  /** Filters beyond the date range, search and currency. */
  protected choices(): Choice[] {
    return [];
  }

  /** The list's own buttons in the toolbar, before the `actions` slot (exports). */
  protected renderActions(): unknown {
    return nothing;
  }

  private rows: Row[] = [];
  private open: string | undefined;
  private more: AbortController | undefined;
  private moreError: unknown;
  private totals: Totals[] = [];
  private cursor: string | null = null;
  private readonly currencies = new Set<string>();
  private typing: ReturnType<typeof setTimeout> | undefined;
  /**
   * How many of the rows are drawn. Hundreds of new rows in one response (a page of
   * 1,000) took one task of hundreds of ms to create, so new rows come a slice at a time:
   * the first in the task that received them, each next one in a task of its own after
   * the frame that painted the last. The results are busy until every row is drawn.
   */
  private drawn = 0;
  private slice = SLICE;
  /** When the slice being drawn began (0: none is). */
  private sliced = 0;
  /** The slice that is due (0: none), so that it is drawn once: after a frame or a timeout. */
  private due = 0;
  /** Slices scheduled so far: each is `due` under its own number. */
  private slices = 0;

  // The query travels as JSON so that the task reruns when a filter's value changes,
  // not whenever a new (equal) query object is built.
  private readonly list = new Task(this, {
    task: async ([session, , query], { signal }) => {
      this.more?.abort();
      const page = await this.guard(this.fetchPage(session.client, JSON.parse(query) as Query, signal));
      signal.throwIfAborted();
      this.take(page, page.data);
      return page;
    },
    args: () => [...this.sessionArgs, JSON.stringify(this.query())] as const,
  });

  /** Whose detail the detail task holds (while another loads, it still holds the last one). */
  private detailOf: string | undefined;

  private readonly detail = new Task(this, {
    task: async ([session, , id], { signal }) => {
      if (!id) return initialState;
      const detail = await this.guard(this.fetchDetail(session.client, id, signal));
      this.detailOf = id;
      return detail;
    },
    args: () => [...this.sessionArgs, this.open] as const,
  });

  private reloading: AbortController | undefined;

  /**
   * Reloads with the current filters. Once rows are shown, as many rows as are shown are
   * fetched again (page by page, by keyset), so that a live update neither drops the
   * rows the customer loaded nor moves the scroll position; an open detail reloads too.
   */
  override async refresh(): Promise<unknown> {
    const detail = this.open ? this.detail.run() : undefined;
    if (this.list.status !== TaskStatus.COMPLETE || !this.rows.length) return Promise.all([this.list.run(), detail]);
    this.reloading?.abort();
    const reloading = (this.reloading = new AbortController());
    const wanted = this.rows.length;
    const query = this.query();
    let rows: Row[] = [];
    let page: Page<Row, Totals> | undefined;
    try {
      do {
        const limit = Math.min(100, Math.max(25, wanted - rows.length));
        page = await this.guard(this.fetchPage(this.session.client, { ...query, limit, cursor: page?.nextCursor }, reloading.signal));
        rows = [...rows, ...page.data];
      } while (rows.length < wanted && page.nextCursor);
      if (this.reloading === reloading) {
        // Rows that come back unchanged keep their object, so that their guard holds and
        // only the changed ones are drawn again (all 1,000 rows of a long list were, on
        // every live update).
        const shown = new Map(this.rows.map((row) => [row.id, row]));
        this.take(
          page,
          rows.map((row) => {
            const old = shown.get(row.id);
            return old && same(old, row) ? old : row;
          }),
        );
      }
    } catch {
      // The rows on screen stay; the next event or a filter change tries again.
    } finally {
      if (this.reloading === reloading) this.reloading = undefined;
    }
    return detail;
  }

  /** The API query of the filters shown (exports send the same). */
  protected query(): Query {
    const query: Query = { from: this.from, to: this.to, q: this.search, currency: this.currency, sort: this.sort };
    for (const { name } of this.choices()) query[name] = this.value(name);
    return query;
  }

  private value(name: string): string {
    return (this as unknown as Record<string, string>)[name] ?? '';
  }

  private take(page: Page<Row, Totals>, rows: Row[]) {
    // The rows drawn stay drawn (a reload keeps them), and a slice more at once.
    this.drawn = Math.min(this.drawn, this.rows.length) + this.slice;
    this.rows = rows;
    this.cursor = page.nextCursor;
    this.totals = page.totals ?? [];
    this.moreError = undefined;
    for (const { currency } of this.totals) this.currencies.add(currency);
  }

  // ICU loads a locale's number and date data when they are first formatted (~25 ms on a
  // slow machine): here, while the rows are on their way, rather than in the task that
  // draws the first of them.
  protected override firstUpdated(): void {
    setTimeout(() => this.money(0, 'EUR') + this.date('2000-01-01'));
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (this.sliced) this.slice = Math.min(4 * SLICE, Math.max(SLICE, (this.slice * BUDGET) / (performance.now() - this.sliced)));
    this.sliced = 0;
    if (this.drawn < this.rows.length && !this.due) {
      const due = (this.due = ++this.slices);
      const draw = () => {
        if (this.due !== due) return;
        this.due = 0;
        this.sliced = performance.now();
        this.drawn += this.slice;
        this.requestUpdate();
      };
      // In a task of its own once the last slice is painted; a hidden page paints no
      // frames, so there the timeout draws it.
      requestAnimationFrame(() => setTimeout(draw));
      setTimeout(draw, 100);
    }
  }

  private async loadMore(event?: Event) {
    // A click with a pointer has `detail` ≥ 1; Enter or Space on the button gives 0.
    const byKeyboard = !(event instanceof MouseEvent) || event.detail === 0;
    if (this.more || this.list.status !== TaskStatus.COMPLETE || !this.cursor) return;
    const more = (this.more = new AbortController());
    const first = this.rows.length;
    try {
      const page = await this.guard(this.fetchPage(this.session.client, { ...this.query(), cursor: this.cursor }, more.signal));
      more.signal.throwIfAborted();
      this.take(page, [...this.rows, ...page.data]);
      this.more = undefined;
      await this.updateComplete;
      // Keyboard users carry on reading from the first new row; the count is announced.
      // Not for a pointer's click: focusing lays the whole table out at once, a long task
      // once hundreds of rows are shown, and the pointer is where the reader already is.
      if (byKeyboard) this.renderRoot.querySelectorAll<HTMLElement>('tbody .toggle')[first]?.focus();
    } catch (error) {
      if (!more.signal.aborted) this.moreError = error;
    } finally {
      if (this.more === more) this.more = undefined;
    }
  }

  private set({ name, value }: HTMLInputElement) {
    clearTimeout(this.typing);
    (this as unknown as Record<string, string>)[name] = value;
  }

  private sortBy(name: string) {
    this.sort = this.sort === name ? `-${name}` : name;
  }

  private toggle(id: string) {
    this.open = this.open === id ? undefined : id;
    if (this.open) this.dispatchEvent(new this.selectEvent({ id }));
  }

  /** Escape anywhere in the table closes the open detail and returns to its toggle. */
  private close(event: KeyboardEvent) {
    if (event.key !== 'Escape' || !this.open) return;
    this.renderRoot.querySelector<HTMLElement>(`[aria-controls="detail-${CSS.escape(this.open)}"]`)?.focus();
    this.open = undefined;
  }

  override render() {
    const title = this.t(`${this.area}.title`);
    const choices = this.choices();
    if (this.currencies.size > 1 || this.currency) choices.push({ name: 'currency', label: this.t('common.currency'), options: [...this.currencies].map((code) => [code, code]) });
    return html`<section aria-labelledby="title">
      <h2 id="title">${title}</h2>
      <div class="toolbar">
        <form class="filters" part="filters" @submit=${(event: Event) => event.preventDefault()} @change=${(event: Event) => this.set(event.target as HTMLInputElement)}>
          <label class="grow">${this.t(`${this.area}.search`)}
            <input type="search" name="search" .value=${this.search}
              @keydown=${(event: KeyboardEvent) => event.key === 'Enter' && this.set(event.target as HTMLInputElement)}
              @input=${(event: Event) => {
                // The event's target is gone once it has been dispatched (shadow DOM): keep the input.
                const input = event.target as HTMLInputElement;
                clearTimeout(this.typing);
                this.typing = setTimeout(() => this.set(input), 300);
              }}>
          </label>
          <label>${this.t('common.from')}<input type="date" name="from" .value=${this.from}></label>
          <label>${this.t('common.to')}<input type="date" name="to" .value=${this.to}></label>
          ${choices.map((choice) => this.renderChoice(choice))}
        </form>
        <div class="actions" part="actions">${this.renderActions()}<slot name="actions"></slot></div>
      </div>
      ${this.renderTask(this.list, () => this.renderSkeleton(), () => this.renderList(title))}
    </section>`;
  }

  private renderChoice({ name, label, options }: Choice) {
    const value = this.value(name);
    // A preset the select does not offer (`status="open,overdue"`) is shown as it is.
    const preset = value && !options.some(([option]) => option === value);
    const text = (list: string) => list.split(',').map((part) => options.find(([option]) => option === part)?.[1] ?? part).join(', ');
    return html`<label>${label}
      <select name=${name}>
        <option value="" ?selected=${!value}>${this.t('common.all')}</option>
        ${preset ? html`<option value=${value} selected>${text(value)}</option>` : nothing}
        ${options.map(([option, optionText]) => html`<option value=${option} ?selected=${option === value}>${optionText}</option>`)}
      </select>
    </label>`;
  }

  private renderSkeleton() {
    return html`<div aria-busy="true" role="status" class="sk">
      <span class="visually-hidden">${this.t('common.loading')}</span>
      ${[0, 1, 2, 3, 4, 5, 6].map(() => html`<span class="skeleton"></span>`)}
    </div>`;
  }

  private renderList(title: string) {
    const { rows, cursor, totals, columns } = this;
    // Changes when the locale does or another language's strings arrive ("Load more" is
    // a phrase every catalogue translates differently).
    const words = `${this.i18n.locale} ${this.t('common.loadMore')}`;
    const busy = this.list.status === TaskStatus.PENDING || !!this.more || !!this.reloading || this.drawn < rows.length;
    const count = totals.reduce((sum, { count }) => sum + count, 0);
    // One live region, kept across reloads: it announces the count after every filter
    // change and every "Load more", and is itself the empty state.
    return html`<div class="results" aria-busy=${busy}>
      <p role="status" part=${rows.length ? 'count' : 'empty'} class=${rows.length ? 'count' : 'state'}>
        ${rows.length ? this.t(`${this.area}.shown`, { shown: rows.length, count }) : this.t(`${this.area}.empty`)}
      </p>
      ${rows.length
        ? html`<table class="list" part="table">
              <caption class="visually-hidden">${title}</caption>
              <thead>
                <tr>${columns.map((column) => this.renderHeader(column))}</tr>
              </thead>
              <tbody @keydown=${this.close}>${rows.slice(0, this.drawn).map((row) =>
                // A row is evaluated again only when it, the language or its own state
                // changed: with hundreds of rows shown, redoing them all on every "Load
                // more" was a long task. The open row follows its detail as it loads.
                this.open === row.id ? this.renderRow(row) : guard([row, words, this.rowState(row)], () => this.renderRow(row)),
              )}</tbody>
              ${totals.length ? html`<tfoot>${totals.map((figures) => this.renderTotals(figures))}</tfoot>` : nothing}
            </table>
            ${this.moreError ? this.renderError(this.moreError, () => void this.loadMore()) : nothing}
            ${cursor
              ? html`<button type="button" class="more" part="button load-more" aria-disabled=${busy} @click=${this.loadMore}>${this.t('common.loadMore')}</button>`
              : nothing}`
        : nothing}
    </div>`;
  }

  private renderHeader({ label, sort, num }: Column<Row, Totals>) {
    const text = this.t(label);
    if (!sort) return html`<th scope="col" class=${num ? 'num' : ''}>${text}</th>`;
    const order = this.sort === sort ? 'ascending' : this.sort === `-${sort}` ? 'descending' : 'none';
    return html`<th scope="col" class=${num ? 'num' : ''} aria-sort=${order}>
      <button type="button" part="button sort" @click=${() => this.sortBy(sort)}>${text}</button>
    </th>`;
  }

  private renderRow(row: Row) {
    const [first, ...rest] = this.columns;
    const open = this.open === row.id;
    return html`<tr part="row">
        <th scope="row" data-label=${this.t(first!.label)}>
          <button type="button" class="toggle" part="button toggle" aria-expanded=${open} aria-controls="detail-${row.id}" @click=${() => this.toggle(row.id)}>
            ${first!.cell(row)}
          </button>
        </th>
        ${rest.map((column) => this.renderCell(column, column.cell(row)))}
      </tr>
      ${open
        ? html`<tr class="detail" id="detail-${row.id}" part="detail">
            <td colspan=${this.columns.length}>
              ${this.detail.render({
                // A reload (live update) keeps the detail on screen until the new one arrives.
                pending: () =>
                  this.detail.value && this.detailOf === row.id
                    ? this.renderDetail(this.detail.value)
                    : html`<div aria-busy="true" role="status"><span class="visually-hidden">${this.t('common.loading')}</span><span class="skeleton sk-detail"></span></div>`,
                complete: (detail) => this.renderDetail(detail),
                error: (error) => this.renderError(error, () => void this.detail.run()),
              })}
            </td>
          </tr>`
        : nothing}`;
  }

  // A template for each kind of cell, its class and part written out: two bindings a cell
  // rather than four, thousands fewer once hundreds of rows are drawn.
  private renderCell({ label, num }: Column<Row, Totals>, content: unknown) {
    return num
      ? html`<td class="num" part="amount" data-label=${this.t(label)}>${content ?? nothing}</td>`
      : html`<td part="cell" data-label=${this.t(label)}>${content ?? nothing}</td>`;
  }

  private renderTotals(figures: Totals) {
    const at = this.columns.findIndex((column) => column.total);
    return html`<tr part="totals">
      <th scope="row" colspan=${at}>${this.t(`${this.area}.totals`, { currency: figures.currency, count: figures.count })}</th>
      ${this.columns.slice(at).map((column) => this.renderCell(column, column.total?.(figures)))}
    </tr>`;
  }

  /** A status in words, coloured by `tone` (good, warn, bad, quiet) as an extra. */
  protected badge(text: string, tone = '') {
    return html`<span class="status ${tone}" part="status">${text}</span>`;
  }

  /** A small table inside a detail (lines, allocations); `head` pairs a label with "is a figure". */
  protected table(caption: string, head: [string, boolean?][], rows: unknown[][]) {
    if (!rows.length) return html`<p class="muted">${caption}: ${this.t('common.none')}</p>`;
    const cell = (content: unknown, index: number) => {
      const [label, num] = head[index]!;
      return html`<td class=${num ? 'num' : ''} data-label=${label}>${content}</td>`;
    };
    return html`<table class="list">
      <caption>${caption}</caption>
      <thead>
        <tr>${head.map(([label, num]) => html`<th scope="col" class=${num ? 'num' : ''}>${label}</th>`)}</tr>
      </thead>
      <tbody>${rows.map((row) => html`<tr>${row.map(cell)}</tr>`)}</tbody>
    </table>`;
  }

  /** Label–value pairs of a detail (subtotal, tax, total, balance). */
  protected figures(pairs: [string, unknown][]) {
    return html`<dl class="figures">${pairs.map(([label, value]) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`)}</dl>`;
  }

  /** A quantity or count in the locale's digits. */
  protected number(value: number): string {
    return value.toLocaleString(this.i18n.locale);
  }

  /** Numbers of the invoices a record was applied to or billed by. */
  protected numbers(list: { number?: string; invoiceNumber?: string }[]): string {
    return list.map((item) => item.number ?? item.invoiceNumber).join(', ') || this.t('common.none');
  }
}
