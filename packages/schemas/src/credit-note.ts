import { z } from 'zod';
import { CurrencyCode, Cursor, Id, IsoDate, Limit, NonNegativeMinorUnits, PositiveMinorUnits, Text, listOf } from './common.ts';
import { Allocation, AllocationInput } from './payment.ts';

export const CreditNoteInput = z
  .object({
    id: Id,
    customerId: Id,
    number: Text(64).min(1),
    currency: CurrencyCode,
    date: IsoDate,
    amount: PositiveMinorUnits,
    reason: Text(500).nullish(),
    allocations: z.array(AllocationInput).max(1000).default([]),
  })
  .meta({ id: 'CreditNoteInput' });
export type CreditNoteInput = z.infer<typeof CreditNoteInput>;

export const CreditNote = z
  .object({
    id: z.string(),
    customerId: z.string(),
    number: z.string(),
    currency: z.string(),
    date: z.string(),
    amount: PositiveMinorUnits,
    reason: z.string().nullable(),
    amountApplied: NonNegativeMinorUnits,
    remaining: NonNegativeMinorUnits.meta({ description: 'Credit still available to apply.' }),
    status: z.enum(['open', 'applied']).meta({ description: 'applied once nothing remains.' }),
    allocations: z.array(Allocation),
  })
  .meta({ id: 'CreditNote' });
export type CreditNote = z.infer<typeof CreditNote>;

export const CreditNoteListQuery = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  q: Text(64).optional().meta({ description: 'Search in the number.' }),
  currency: CurrencyCode.optional(),
  sort: z.enum(['date', '-date', 'amount', '-amount']).default('-date'),
  limit: Limit,
  cursor: Cursor.optional(),
});
export type CreditNoteListQuery = z.infer<typeof CreditNoteListQuery>;

export const CreditNoteTotals = z.object({
  currency: z.string(),
  count: z.number().int(),
  amount: NonNegativeMinorUnits,
  remaining: NonNegativeMinorUnits,
});

export const CreditNoteList = listOf(CreditNote).extend({ totals: z.array(CreditNoteTotals) }).meta({ id: 'CreditNoteList' });
export type CreditNoteList = z.infer<typeof CreditNoteList>;
