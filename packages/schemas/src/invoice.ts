import { z } from 'zod';
import {
  CurrencyCode, Cursor, Id, IsoDate, Limit, MinorUnits, NonNegativeMinorUnits, PositiveMinorUnits,
  Text, csvOf, listOf,
} from './common.ts';

export const InvoiceStatus = z
  .enum(['open', 'partially_paid', 'paid', 'overdue', 'void'])
  .meta({
    id: 'InvoiceStatus',
    description:
      'Derived as of today: void if voided; paid when the balance is zero; overdue when a balance remains after the due date; partially_paid when something was applied; else open.',
  });
export type InvoiceStatus = z.infer<typeof InvoiceStatus>;

const Quantity = z
  .number()
  .min(-1e12)
  .max(1e12)
  .refine((value) => Number.isInteger(Math.round(value * 1e6)) && Math.abs(value * 1e6 - Math.round(value * 1e6)) < 1e-6, 'at most 6 decimals');

export const InvoiceLineInput = z.object({
  description: Text(500).min(1),
  quantity: Quantity.default(1),
  unitPrice: MinorUnits,
  amount: MinorUnits.meta({ description: 'Line amount before tax, in minor units (negative for a discount).' }),
  taxRate: z.number().min(0).max(100).nullish().meta({ description: 'Tax rate in percent, for display.' }),
  taxAmount: MinorUnits.default(0),
});

export const InvoiceInput = z
  .object({
    id: Id,
    customerId: Id,
    number: Text(64).min(1),
    currency: CurrencyCode,
    issueDate: IsoDate,
    dueDate: IsoDate,
    void: z.boolean().default(false),
    salesOrderId: Id.nullish(),
    memo: Text(2000).nullish(),
    lines: z.array(InvoiceLineInput).min(1).max(1000),
  })
  .refine((invoice) => invoice.dueDate >= invoice.issueDate, { path: ['dueDate'], message: 'must not be before issueDate' })
  .meta({ id: 'InvoiceInput', description: 'Totals are computed from the lines: subtotal = Σ amount, tax = Σ taxAmount.' });
export type InvoiceInput = z.infer<typeof InvoiceInput>;

export const Invoice = z
  .object({
    id: z.string(),
    customerId: z.string(),
    number: z.string(),
    currency: z.string(),
    issueDate: z.string(),
    dueDate: z.string(),
    subtotal: MinorUnits,
    tax: MinorUnits,
    total: NonNegativeMinorUnits,
    amountPaid: NonNegativeMinorUnits,
    amountCredited: NonNegativeMinorUnits,
    balance: NonNegativeMinorUnits,
    status: InvoiceStatus,
    salesOrderId: z.string().nullable(),
    memo: z.string().nullable(),
  })
  .meta({ id: 'Invoice' });
export type Invoice = z.infer<typeof Invoice>;

export const InvoiceLine = z.object({
  position: z.number().int(),
  description: z.string(),
  quantity: z.number(),
  unitPrice: MinorUnits,
  amount: MinorUnits,
  taxRate: z.number().nullable(),
  taxAmount: MinorUnits,
});

export const AppliedPayment = z.object({
  paymentId: z.string(),
  date: z.string(),
  method: z.string(),
  reference: z.string().nullable(),
  amount: PositiveMinorUnits,
  appliedOn: z.string(),
});

export const AppliedCredit = z.object({
  creditNoteId: z.string(),
  number: z.string(),
  date: z.string(),
  amount: PositiveMinorUnits,
  appliedOn: z.string(),
});

export const InvoiceDetail = Invoice.extend({
  lines: z.array(InvoiceLine),
  payments: z.array(AppliedPayment),
  credits: z.array(AppliedCredit),
}).meta({ id: 'InvoiceDetail' });
export type InvoiceDetail = z.infer<typeof InvoiceDetail>;

export const InvoiceSort = z
  .enum(['issueDate', '-issueDate', 'dueDate', '-dueDate', 'number', '-number', 'total', '-total', 'balance', '-balance'])
  .default('-issueDate');
export type InvoiceSort = z.infer<typeof InvoiceSort>;

export const InvoiceListQuery = z.object({
  status: csvOf(InvoiceStatus).optional().meta({ description: 'Comma-separated statuses, e.g. `open,overdue`.' }),
  from: IsoDate.optional().meta({ description: 'Issued on or after.' }),
  to: IsoDate.optional().meta({ description: 'Issued on or before.' }),
  q: Text(64).optional().meta({ description: 'Search in the invoice number (case-insensitive, substring).' }),
  currency: CurrencyCode.optional(),
  sort: InvoiceSort,
  limit: Limit,
  cursor: Cursor.optional(),
});
export type InvoiceListQuery = z.infer<typeof InvoiceListQuery>;

export const CurrencyTotals = z.object({
  currency: z.string(),
  count: z.number().int(),
  total: MinorUnits,
  balance: MinorUnits,
});

export const InvoiceList = listOf(Invoice)
  .extend({ totals: z.array(CurrencyTotals).meta({ description: 'Totals of the whole filtered set, per currency.' }) })
  .meta({ id: 'InvoiceList' });
export type InvoiceList = z.infer<typeof InvoiceList>;
