import { z } from 'zod';
import { CurrencyCode, Cursor, Id, IsoDate, Limit, MinorUnits, NonNegativeMinorUnits, Text, csvOf, listOf } from './common.ts';
import { Invoice } from './invoice.ts';

export const SalesOrderStatus = z.enum(['open', 'in_progress', 'completed', 'cancelled']).meta({ id: 'SalesOrderStatus' });
export type SalesOrderStatus = z.infer<typeof SalesOrderStatus>;

export const SalesOrderInput = z
  .object({
    id: Id,
    customerId: Id,
    number: Text(64).min(1),
    currency: CurrencyCode,
    orderDate: IsoDate,
    servicePeriodStart: IsoDate.nullish(),
    servicePeriodEnd: IsoDate.nullish(),
    status: SalesOrderStatus.default('open'),
    lines: z
      .array(
        z.object({
          description: Text(500).min(1),
          quantity: z.number().min(-1e12).max(1e12).default(1),
          unitPrice: MinorUnits,
          amount: MinorUnits,
        }),
      )
      .min(1)
      .max(1000),
  })
  .refine((order) => !order.servicePeriodStart || !order.servicePeriodEnd || order.servicePeriodEnd >= order.servicePeriodStart, {
    path: ['servicePeriodEnd'],
    message: 'must not be before servicePeriodStart',
  })
  .meta({ id: 'SalesOrderInput' });
export type SalesOrderInput = z.infer<typeof SalesOrderInput>;

export const SalesOrder = z
  .object({
    id: z.string(),
    customerId: z.string(),
    number: z.string(),
    currency: z.string(),
    orderDate: z.string(),
    servicePeriod: z.object({ start: z.string().nullable(), end: z.string().nullable() }).nullable(),
    status: SalesOrderStatus,
    total: NonNegativeMinorUnits,
    lineCount: z.number().int(),
    invoiced: NonNegativeMinorUnits.meta({ description: 'Sum of the totals of the invoices billed from this order.' }),
    invoices: z.array(z.object({ id: z.string(), number: z.string() })).meta({ description: 'Invoices billed from this order.' }),
  })
  .meta({ id: 'SalesOrder' });
export type SalesOrder = z.infer<typeof SalesOrder>;

export const SalesOrderDetail = SalesOrder.extend({
  lines: z.array(
    z.object({ position: z.number().int(), description: z.string(), quantity: z.number(), unitPrice: MinorUnits, amount: MinorUnits }),
  ),
  billedInvoices: z.array(Invoice),
}).meta({ id: 'SalesOrderDetail' });
export type SalesOrderDetail = z.infer<typeof SalesOrderDetail>;

export const SalesOrderListQuery = z.object({
  status: csvOf(SalesOrderStatus).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  q: Text(64).optional().meta({ description: 'Search in the number.' }),
  sort: z.enum(['orderDate', '-orderDate', 'total', '-total']).default('-orderDate'),
  limit: Limit,
  cursor: Cursor.optional(),
});
export type SalesOrderListQuery = z.infer<typeof SalesOrderListQuery>;

export const SalesOrderList = listOf(SalesOrder).meta({ id: 'SalesOrderList' });
export type SalesOrderList = z.infer<typeof SalesOrderList>;
