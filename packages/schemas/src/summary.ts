import { z } from 'zod';
import { MinorUnits, NonNegativeMinorUnits } from './common.ts';

export const Aging = z
  .object({
    current: NonNegativeMinorUnits.meta({ description: 'Balances not yet due.' }),
    days1to30: NonNegativeMinorUnits,
    days31to60: NonNegativeMinorUnits,
    days61to90: NonNegativeMinorUnits,
    days90plus: NonNegativeMinorUnits,
  })
  .meta({ id: 'Aging', description: 'Open balances by days past due.' });
export type Aging = z.infer<typeof Aging>;

export const AccountStatus = z.enum(['current', 'past_due']);
export type AccountStatus = z.infer<typeof AccountStatus>;

const CountAndAmount = z.object({ count: z.number().int(), amount: NonNegativeMinorUnits });

export const CurrencySummary = z
  .object({
    currency: z.string(),
    outstanding: NonNegativeMinorUnits.meta({ description: 'Sum of open balances.' }),
    overdue: CountAndAmount,
    upcoming: CountAndAmount.meta({ description: 'Open invoices due in the next 30 days (not yet overdue).' }),
    totalPaid: NonNegativeMinorUnits.meta({ description: 'All payments ever received.' }),
    availableCredit: z.object({
      total: NonNegativeMinorUnits,
      unappliedPayments: NonNegativeMinorUnits,
      openCreditNotes: NonNegativeMinorUnits,
    }),
    netBalance: MinorUnits.meta({ description: 'outstanding − available credit: what the statement closes at today.' }),
    status: AccountStatus,
    aging: Aging,
    monthly: z
      .array(z.object({ month: z.string().meta({ example: '2026-06' }), invoiced: NonNegativeMinorUnits, paid: NonNegativeMinorUnits }))
      .meta({ description: 'The last 12 calendar months, oldest first, this month last.' }),
  })
  .meta({ id: 'CurrencySummary' });
export type CurrencySummary = z.infer<typeof CurrencySummary>;

export const Summary = z
  .object({
    asOf: z.string().meta({ description: 'The date the time-dependent figures are computed for.' }),
    customerId: z.string(),
    status: AccountStatus.meta({ description: 'past_due when anything is overdue in any currency.' }),
    currencies: z.array(CurrencySummary).meta({ description: 'One block per currency the customer has used; default currency first.' }),
  })
  .meta({ id: 'Summary' });
export type Summary = z.infer<typeof Summary>;
