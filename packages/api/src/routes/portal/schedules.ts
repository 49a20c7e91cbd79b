import { ScheduleDetail, ScheduleList, ScheduleListQuery } from '@ssp/schemas';
import type { Deps } from '../../env.ts';
import { getSchedule, listSchedules } from '../../queries/schedules.ts';
import { portalListRoutes } from './list-routes.ts';

export const portalScheduleRoutes = (deps: Deps) =>
  portalListRoutes(deps, {
    path: 'schedules',
    noun: 'schedule',
    description: 'Payment plans, billing arrangements and service schedules, next commitment first.',
    query: ScheduleListQuery,
    list: ScheduleList,
    detail: ScheduleDetail,
    fetchList: (s, query) => listSchedules(s.db, s.tenantId, s.customerId, query, s.today),
    fetchOne: (s, id) => getSchedule(s.db, s.tenantId, s.customerId, id, s.today),
  });
