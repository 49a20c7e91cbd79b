import { SalesOrderDetail, SalesOrderList, SalesOrderListQuery } from '@ssp/schemas';
import type { Deps } from '../../env.ts';
import { getSalesOrder, listSalesOrders } from '../../queries/sales-orders.ts';
import { portalListRoutes } from './list-routes.ts';

export const portalSalesOrderRoutes = (deps: Deps) =>
  portalListRoutes(deps, {
    path: 'sales-orders',
    noun: 'sales order',
    description: 'Sales orders with their service period, status, total and the invoices billed from each (view-only).',
    query: SalesOrderListQuery,
    list: SalesOrderList,
    detail: SalesOrderDetail,
    fetchList: (s, query) => listSalesOrders(s.db, s.tenantId, s.customerId, query),
    fetchOne: (s, id) => getSalesOrder(s.db, s.tenantId, s.customerId, id, s.today),
  });
