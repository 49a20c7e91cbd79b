import { Payment, PaymentInput } from '@ssp/schemas';
import type { PaymentRow } from '../../db/database.ts';
import type { Deps } from '../../env.ts';
import { changesByCustomer } from '../../events/change.ts';
import { upsertPayments } from '../../ingest/payments.ts';
import { allocationsOf } from '../../queries/allocations.ts';
import { getPayment, toPayment } from '../../queries/payments.ts';
import { hostResourceRoutes } from './ingest-routes.ts';

export const paymentRoutes = (deps: Deps) =>
  hostResourceRoutes(deps, {
    path: 'payments',
    noun: 'payment',
    table: 'payments',
    input: PaymentInput,
    output: Payment,
    ingest: {
      resource: 'payments',
      write: upsertPayments,
      read: (trx, tenantId, item) => getPayment(trx, tenantId, item.customerId, item.id),
      changes: (items, invoices: Awaited<ReturnType<typeof upsertPayments>>) => changesByCustomer('payment', items, invoices),
    },
    toWire: async (db, tenantId, rows) => {
      const allocations = await allocationsOf(db, tenantId, 'payment', rows.map((row) => row.id));
      return (rows as PaymentRow[]).map((row) => toPayment(row, allocations.get(row.id) ?? []));
    },
  });
