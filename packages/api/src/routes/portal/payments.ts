import { Payment, PaymentList, PaymentListQuery } from '@ssp/schemas';
import type { Deps } from '../../env.ts';
import { getPayment, listPayments } from '../../queries/payments.ts';
import { portalListRoutes } from './list-routes.ts';

export const portalPaymentRoutes = (deps: Deps) =>
  portalListRoutes(deps, {
    path: 'payments',
    noun: 'payment',
    description: 'Each payment with the invoices it was applied to and its unapplied amount; filter by date range, method, currency and reference.',
    query: PaymentListQuery,
    list: PaymentList,
    detail: Payment,
    fetchList: (s, query) => listPayments(s.db, s.tenantId, s.customerId, query),
    fetchOne: (s, id) => getPayment(s.db, s.tenantId, s.customerId, id),
  });
