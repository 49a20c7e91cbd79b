import { z } from 'zod';
import {
  CurrencyCode, Cursor, Id, IsoDate, Limit, NonNegativeMinorUnits, PositiveMinorUnits, Text, csvOf, listOf,
} from './common.ts';

export const PaymentMethod = z
  .enum(['card', 'bank_transfer', 'direct_debit', 'cash', 'check', 'wallet', 'other'])
  .meta({ id: 'PaymentMethod' });
export type PaymentMethod = z.infer<typeof PaymentMethod>;

export const AllocationInput = z.object({
  invoiceId: Id,
  amount: PositiveMinorUnits,
  appliedOn: IsoDate.nullish().meta({ description: "Defaults to the later of the payment's (or credit note's) date and the invoice's issue date." }),
});

export const PaymentInput = z
  .object({
    id: Id,
    customerId: Id,
    currency: CurrencyCode,
    amount: PositiveMinorUnits,
    date: IsoDate,
    method: PaymentMethod,
    reference: Text(100).nullish(),
    allocations: z.array(AllocationInput).max(1000).default([]),
  })
  .meta({ id: 'PaymentInput' });
export type PaymentInput = z.infer<typeof PaymentInput>;

export const Allocation = z.object({
  invoiceId: z.string(),
  invoiceNumber: z.string(),
  amount: PositiveMinorUnits,
  appliedOn: z.string(),
});

export const Payment = z
  .object({
    id: z.string(),
    customerId: z.string(),
    currency: z.string(),
    amount: PositiveMinorUnits,
    date: z.string(),
    method: PaymentMethod,
    reference: z.string().nullable(),
    amountApplied: NonNegativeMinorUnits,
    unapplied: NonNegativeMinorUnits.meta({ description: 'Amount not applied to any invoice (an overpayment or a prepayment).' }),
    allocations: z.array(Allocation),
  })
  .meta({ id: 'Payment' });
export type Payment = z.infer<typeof Payment>;

export const PaymentListQuery = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  method: csvOf(PaymentMethod).optional(),
  q: Text(64).optional().meta({ description: 'Search in the reference (case-insensitive, substring).' }),
  currency: CurrencyCode.optional(),
  sort: z.enum(['date', '-date', 'amount', '-amount']).default('-date'),
  limit: Limit,
  cursor: Cursor.optional(),
});
export type PaymentListQuery = z.infer<typeof PaymentListQuery>;

export const PaymentTotals = z.object({
  currency: z.string(),
  count: z.number().int(),
  amount: NonNegativeMinorUnits,
  unapplied: NonNegativeMinorUnits,
});

export const PaymentList = listOf(Payment).extend({ totals: z.array(PaymentTotals) }).meta({ id: 'PaymentList' });
export type PaymentList = z.infer<typeof PaymentList>;
