import { InvoiceDetail, InvoiceList, InvoiceListQuery } from '@ssp/schemas';
import type { Deps } from '../../env.ts';
import { getInvoice, listInvoices } from '../../queries/invoices.ts';
import { portalListRoutes } from './list-routes.ts';

export const portalInvoiceRoutes = (deps: Deps) =>
  portalListRoutes(deps, {
    path: 'invoices',
    noun: 'invoice',
    description: 'Filter by status, issue-date range, currency and number; sort; keyset pagination; totals of the whole filtered set per currency.',
    query: InvoiceListQuery,
    list: InvoiceList,
    detail: InvoiceDetail,
    fetchList: (s, query) => listInvoices(s.db, s.tenantId, s.customerId, query, s.today),
    fetchOne: (s, id) => getInvoice(s.db, s.tenantId, s.customerId, id, s.today),
  });
