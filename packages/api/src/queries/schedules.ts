import type { Schedule, ScheduleDetail, ScheduleItem, ScheduleKind, ScheduleList, ScheduleListQuery } from '@ssp/schemas';
import type { Kysely } from 'kysely';
import type { Database, ScheduleItemRow, ScheduleRow } from '../db/database.ts';
import { findOwned } from './owned.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';

/** The host's status, with "scheduled" read against today: upcoming until its date passes, then missed. */
export function itemStatus(row: Pick<ScheduleItemRow, 'status' | 'date'>, today: string): ScheduleItem['status'] {
  if (row.status === 'scheduled') return row.date >= today ? 'upcoming' : 'missed';
  return row.status as ScheduleItem['status'];
}

function toItem(row: ScheduleItemRow, today: string): ScheduleItem {
  return {
    id: row.id,
    date: row.date,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    amount: row.amount,
    status: itemStatus(row, today),
    note: row.note,
  };
}

function toSchedule(row: ScheduleRow, items: ScheduleItem[]): Schedule {
  const counts = { upcoming: 0, done: 0, missed: 0, cancelled: 0 };
  for (const item of items) counts[item.status] += 1;
  const amounts = items.filter((item) => item.amount !== null);
  const sum = (list: ScheduleItem[]) => list.reduce((total, item) => total + (item.amount ?? 0), 0);
  const nextItem = row.is_cancelled ? null : (items.find((item) => item.status === 'upcoming') ?? null);
  return {
    id: row.id,
    customerId: row.customer_id,
    kind: row.kind as ScheduleKind,
    name: row.name,
    description: row.description,
    currency: row.currency,
    status: row.is_cancelled ? 'cancelled' : counts.upcoming > 0 ? 'active' : 'completed',
    nextItem,
    counts,
    totalAmount: amounts.length ? sum(amounts.filter((item) => item.status !== 'cancelled')) : null,
    remainingAmount: amounts.length ? sum(amounts.filter((item) => item.status === 'upcoming' || item.status === 'missed')) : null,
  };
}

async function itemsOf(db: Kysely<Database>, tenantId: string, scheduleIds: string[], today: string) {
  const grouped = new Map<string, ScheduleItem[]>(scheduleIds.map((id) => [id, []]));
  if (scheduleIds.length === 0) return grouped;
  const rows = await db
    .selectFrom('schedule_items')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('schedule_id', 'in', scheduleIds)
    .orderBy('schedule_id')
    .orderBy('date')
    .orderBy('window_start')
    .orderBy('id')
    .execute();
  for (const row of rows) grouped.get(row.schedule_id)!.push(toItem(row, today));
  return grouped;
}

/**
 * Next commitment first: schedules ordered by their next upcoming item's date (those
 * with none last, then by name). A customer has a handful of schedules, so the order is
 * computed over all of them and the cursor is an offset into it.
 */
export async function listSchedules(
  db: Kysely<Database>,
  tenantId: string,
  customerId: string,
  query: ScheduleListQuery,
  today: string,
): Promise<ScheduleList> {
  let q = db.selectFrom('schedules').selectAll().where('tenant_id', '=', tenantId).where('customer_id', '=', customerId);
  if (query.kind?.length) q = q.where('kind', 'in', query.kind);
  const rows = await q.execute();
  const items = await itemsOf(db, tenantId, rows.map((row) => row.id), today);
  const schedules = rows
    .map((row) => toSchedule(row, items.get(row.id)!))
    .sort((a, b) => {
      const left = a.nextItem?.date ?? '9999-12-31';
      const right = b.nextItem?.date ?? '9999-12-31';
      return left < right ? -1 : left > right ? 1 : a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1);
    });
  const start = query.cursor ? Number(decodeCursor(query.cursor, 'next').key) : 0;
  const data = schedules.slice(start, start + query.limit);
  const end = start + data.length;
  return { data, nextCursor: end < schedules.length ? encodeCursor('next', end, data.at(-1)!.id) : null };
}

export async function getSchedule(
  db: Kysely<Database>,
  tenantId: string,
  customerId: string,
  id: string,
  today: string,
): Promise<ScheduleDetail | undefined> {
  const row = await findOwned(db, 'schedules', { tenantId, customerId }, id);
  if (!row) return undefined;
  const items = (await itemsOf(db, tenantId, [id], today)).get(id)!;
  return { ...toSchedule(row, items), items };
}
