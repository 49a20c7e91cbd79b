import { ScheduleDetail, ScheduleInput } from '@ssp/schemas';
import type { ScheduleRow } from '../../db/database.ts';
import type { Deps } from '../../env.ts';
import { changesByCustomer } from '../../events/change.ts';
import { upsertSchedules } from '../../ingest/schedules.ts';
import { getSchedule } from '../../queries/schedules.ts';
import { hostResourceRoutes } from './ingest-routes.ts';

export const scheduleRoutes = (deps: Deps) =>
  hostResourceRoutes(deps, {
    path: 'schedules',
    noun: 'schedule',
    table: 'schedules',
    input: ScheduleInput,
    output: ScheduleDetail,
    ingest: {
      resource: 'schedules',
      write: upsertSchedules,
      read: (trx, tenantId, item, today) => getSchedule(trx, tenantId, item.customerId, item.id, today),
      changes: (items) => changesByCustomer('schedule', items),
    },
    toWire: (db, tenantId, rows, today) =>
      Promise.all((rows as ScheduleRow[]).map((row) => getSchedule(db, tenantId, row.customer_id, row.id, today))),
  });
