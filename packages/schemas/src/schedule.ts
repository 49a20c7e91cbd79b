import { z } from 'zod';
import { CurrencyCode, Cursor, Id, IsoDate, Limit, NonNegativeMinorUnits, Text, csvOf, listOf } from './common.ts';

export const ScheduleKind = z
  .enum(['payment_plan', 'billing_arrangement', 'service'])
  .meta({ id: 'ScheduleKind', description: 'Instalments, recurring billing dates, or visits/deliveries.' });
export type ScheduleKind = z.infer<typeof ScheduleKind>;

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time, HH:MM');

export const ScheduleItemInput = z
  .object({
    id: Id,
    date: IsoDate,
    windowStart: Time.nullish(),
    windowEnd: Time.nullish(),
    amount: NonNegativeMinorUnits.nullish(),
    status: z.enum(['scheduled', 'done', 'missed', 'cancelled']).default('scheduled'),
    note: Text(500).nullish(),
  })
  .refine((item) => !item.windowStart || !item.windowEnd || item.windowEnd > item.windowStart, {
    path: ['windowEnd'],
    message: 'must be after windowStart',
  });

export const ScheduleInput = z
  .object({
    id: Id,
    customerId: Id,
    kind: ScheduleKind,
    name: Text(200).min(1),
    description: Text(2000).nullish(),
    currency: CurrencyCode.nullish(),
    cancelled: z.boolean().default(false),
    items: z.array(ScheduleItemInput).max(1000).default([]),
  })
  .refine((schedule) => schedule.currency || schedule.items.every((item) => item.amount == null), {
    path: ['currency'],
    message: 'required when an item has an amount',
  })
  .meta({ id: 'ScheduleInput' });
export type ScheduleInput = z.infer<typeof ScheduleInput>;

export const ScheduleItemStatus = z
  .enum(['upcoming', 'done', 'missed', 'cancelled'])
  .meta({ description: 'A scheduled item is upcoming until its date has passed, then missed unless the host marked it done.' });

export const ScheduleItem = z.object({
  id: z.string(),
  date: z.string(),
  windowStart: z.string().nullable(),
  windowEnd: z.string().nullable(),
  amount: NonNegativeMinorUnits.nullable(),
  status: ScheduleItemStatus,
  note: z.string().nullable(),
});
export type ScheduleItem = z.infer<typeof ScheduleItem>;

export const Schedule = z
  .object({
    id: z.string(),
    customerId: z.string(),
    kind: ScheduleKind,
    name: z.string(),
    description: z.string().nullable(),
    currency: z.string().nullable(),
    status: z.enum(['active', 'completed', 'cancelled']),
    nextItem: ScheduleItem.nullable().meta({ description: 'The next upcoming item, if any.' }),
    counts: z.object({ upcoming: z.number().int(), done: z.number().int(), missed: z.number().int(), cancelled: z.number().int() }),
    totalAmount: NonNegativeMinorUnits.nullable(),
    remainingAmount: NonNegativeMinorUnits.nullable().meta({ description: 'Sum of the upcoming and missed items.' }),
  })
  .meta({ id: 'Schedule' });
export type Schedule = z.infer<typeof Schedule>;

export const ScheduleDetail = Schedule.extend({ items: z.array(ScheduleItem) }).meta({ id: 'ScheduleDetail' });
export type ScheduleDetail = z.infer<typeof ScheduleDetail>;

export const ScheduleListQuery = z.object({
  kind: csvOf(ScheduleKind).optional(),
  limit: Limit,
  cursor: Cursor.optional(),
});
export type ScheduleListQuery = z.infer<typeof ScheduleListQuery>;

export const ScheduleList = listOf(Schedule).meta({ id: 'ScheduleList' });
export type ScheduleList = z.infer<typeof ScheduleList>;
