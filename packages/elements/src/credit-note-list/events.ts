import { SspSelectEvent } from '../core/list-element.ts';

/** Fired when the customer opens a credit note's detail; `detail.id` is its id. */
export class SspCreditNoteSelectEvent extends SspSelectEvent {
  static readonly type = 'ssp-credit-note-select';
  constructor(detail: { id: string }) {
    super(SspCreditNoteSelectEvent.type, detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'ssp-credit-note-select': SspCreditNoteSelectEvent;
  }
}
