import { SspSelectEvent } from '../core/list-element.ts';

/** Fired when the customer opens a schedule's items; `detail.id` is the schedule's id. */
export class SspScheduleSelectEvent extends SspSelectEvent {
  static readonly type = 'ssp-schedule-select';
  constructor(detail: { id: string }) {
    super(SspScheduleSelectEvent.type, detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'ssp-schedule-select': SspScheduleSelectEvent;
  }
}
