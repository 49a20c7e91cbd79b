import type { ScheduleInput } from '@ssp/schemas';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { replaceChildren } from './children.ts';
import { type Issues, duplicates } from './issues.ts';
import { checkOwnedBatch } from './ownership.ts';

/** Upserts schedules with their items (replaced wholesale). */
export async function upsertSchedules(trx: Kysely<Database>, tenantId: string, items: ScheduleInput[], issues: Issues): Promise<void> {
  items.forEach((item, index) => {
    const itemIds = duplicates(item.items.map((entry) => entry.id));
    item.items.forEach((entry, position) => {
      if (itemIds.has(entry.id)) issues.add(index, ['items', position, 'id'], `item ${entry.id} appears more than once`);
    });
  });
  await checkOwnedBatch(trx, 'schedules', 'schedule', tenantId, items, issues);
  issues.throwIfAny();

  const now = new Date();
  await trx
    .insertInto('schedules')
    .values(
      items.map((item) => ({
        tenant_id: tenantId,
        id: item.id,
        customer_id: item.customerId,
        kind: item.kind,
        name: item.name,
        description: item.description ?? null,
        currency: item.currency ?? null,
        is_cancelled: item.cancelled,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'id']).doUpdateSet((eb) => ({
        kind: eb.ref('excluded.kind'),
        name: eb.ref('excluded.name'),
        description: eb.ref('excluded.description'),
        currency: eb.ref('excluded.currency'),
        is_cancelled: eb.ref('excluded.is_cancelled'),
        updated_at: now,
      })),
    )
    .execute();
  const rows = items.flatMap((item) =>
    item.items.map((entry) => ({
      tenant_id: tenantId,
      schedule_id: item.id,
      id: entry.id,
      date: entry.date,
      window_start: entry.windowStart ?? null,
      window_end: entry.windowEnd ?? null,
      amount: entry.amount ?? null,
      status: entry.status,
      note: entry.note ?? null,
    })),
  );
  await replaceChildren(trx, 'schedule_items', tenantId, items.map((item) => item.id), rows);
}
