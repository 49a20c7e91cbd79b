import { getCreditNote, listCreditNotes } from '@ssp/client';
import type { PortalClient, Query } from '@ssp/client';
import type { CreditNote, CreditNoteList as CreditNotePage } from '@ssp/schemas';
import { html } from 'lit';
import { type Column, ListElement } from '../core/list-element.ts';
import { SspCreditNoteSelectEvent } from './events.ts';
import { styles } from './credit-note-list.styles.ts';
import creditsStrings from '../i18n/en/credits.ts';

type Totals = CreditNotePage['totals'][number];

/**
 * Every credit note of the customer: number, date, amount, reason, the invoices it was
 * applied to, the credit that remains, and its status in words (open while credit
 * remains, else applied). Filter by date range, number and currency; sort by date or
 * amount; "Load more"; totals per currency; each row opens its allocations.
 *
 * @example
 * <credit-note-list api-url="https://billing.example.com" token="…"></credit-note-list>
 *
 * @fires ssp-credit-note-select - The customer opened a credit note's detail (`detail.id`).
 * @fires ssp-session-expired - The session ended and no fresh token could be had.
 * @slot actions - Buttons beside the filters (exports).
 * @csspart filters - The filter bar.
 * @csspart actions - The area around the `actions` slot.
 * @csspart table - The credit notes table.
 * @csspart row - One credit note's row.
 * @csspart detail - The open credit note's detail row.
 * @csspart totals - A currency's totals row.
 * @csspart status - A status badge.
 * @csspart amount - A money cell.
 * @csspart cell - Any other cell of a row.
 * @csspart button - Every button (also `sort`, `toggle`, `load-more`).
 * @csspart count - "Showing n of m".
 * @csspart empty - The empty state.
 * @csspart error - The error state (its Retry or "Sign in again" button is also `retry`).
 * @cssprop --ssp-color-accent - Links, focus and the open-detail toggles.
 * @cssprop --ssp-density-row - Row height.
 */
export class CreditNoteList extends ListElement<CreditNote, Totals, CreditNote> {
  static override styles = [...ListElement.styles, styles];
  static override strings = [...ListElement.strings, creditsStrings];
  static override liveKinds = ['credit_note'];

  override sort = '-date';

  protected readonly area = 'credits';
  protected readonly selectEvent = SspCreditNoteSelectEvent;
  protected readonly columns: Column<CreditNote, Totals>[] = [
    { label: 'credits.number', cell: (note) => note.number },
    { label: 'common.date', sort: 'date', cell: (note) => this.date(note.date) },
    { label: 'common.amount', sort: 'amount', num: true, cell: (note) => this.money(note.amount, note.currency), total: (sum) => this.money(sum.amount, sum.currency) },
    { label: 'credits.reason', cell: (note) => note.reason },
    { label: 'credits.appliedTo', cell: (note) => this.numbers(note.allocations) },
    { label: 'credits.remaining', num: true, cell: (note) => this.money(note.remaining, note.currency), total: (sum) => this.money(sum.remaining, sum.currency) },
    { label: 'common.status', cell: (note) => this.badge(this.t(`credits.status.${note.status}`), note.status === 'open' ? 'good' : 'quiet') },
  ];

  protected fetchPage(client: PortalClient, query: Query, signal: AbortSignal) {
    return listCreditNotes(client, query, signal);
  }

  protected fetchDetail(client: PortalClient, id: string, signal: AbortSignal) {
    return getCreditNote(client, id, signal);
  }

  protected renderDetail(note: CreditNote) {
    const m = (amount: number) => this.money(amount, note.currency);
    return html`${this.table(
        this.t('credits.allocations'),
        [[this.t('credits.invoice')], [this.t('credits.appliedOn')], [this.t('common.amount'), true]],
        note.allocations.map((allocation) => [allocation.invoiceNumber, this.date(allocation.appliedOn), m(allocation.amount)]),
      )}
      ${this.figures([
        [this.t('common.amount'), m(note.amount)],
        [this.t('credits.applied'), m(note.amountApplied)],
        [this.t('credits.remaining'), m(note.remaining)],
      ])}
      ${note.reason ? html`<p>${this.t('credits.reason')}: ${note.reason}</p>` : null}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'credit-note-list': CreditNoteList;
  }
}
