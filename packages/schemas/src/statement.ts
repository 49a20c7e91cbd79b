import { z } from 'zod';
import { IsoDate, MinorUnits, NonNegativeMinorUnits } from './common.ts';
import { PaymentMethod } from './payment.ts';
import { Aging } from './summary.ts';

export const StatementQuery = z
  .object({
    from: IsoDate.optional().meta({ description: 'First day (inclusive); omitted means from the first record.' }),
    to: IsoDate.optional().meta({ description: 'Last day (inclusive); omitted means today.' }),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { path: ['to'], message: 'must not be before from' });
export type StatementQuery = z.infer<typeof StatementQuery>;

export const StatementLine = z.object({
  date: z.string(),
  type: z.enum(['invoice', 'payment', 'credit_note']),
  id: z.string(),
  reference: z.string().meta({ description: 'Invoice or credit note number, or the payment reference.' }),
  description: z.string().meta({ description: 'The line in English words, e.g. "Invoice INV-2, due 2026-03-31". Displays in other languages compose their own from `type` and the fields below.' }),
  dueDate: IsoDate.optional().meta({ description: 'Invoice lines: the due date.' }),
  method: PaymentMethod.optional().meta({ description: 'Payment lines: how it was paid.' }),
  reason: z.string().optional().meta({ description: 'Credit note lines: the reason given, when there is one.' }),
  debit: NonNegativeMinorUnits,
  credit: NonNegativeMinorUnits,
  balance: MinorUnits.meta({ description: 'Running balance after this line.' }),
});
export type StatementLine = z.infer<typeof StatementLine>;

export const CurrencyStatement = z.object({
  currency: z.string(),
  openingBalance: MinorUnits,
  lines: z.array(StatementLine),
  totals: z.object({ debits: NonNegativeMinorUnits, credits: NonNegativeMinorUnits }),
  closingBalance: MinorUnits.meta({ description: 'openingBalance + debits − credits.' }),
  aging: Aging.meta({ description: 'Open invoice balances as they stood at the end date.' }),
});
export type CurrencyStatement = z.infer<typeof CurrencyStatement>;

export const Statement = z
  .object({
    from: z.string().nullable(),
    to: z.string(),
    customer: z.object({ id: z.string(), name: z.string() }),
    currencies: z.array(CurrencyStatement),
  })
  .meta({ id: 'Statement' });
export type Statement = z.infer<typeof Statement>;
