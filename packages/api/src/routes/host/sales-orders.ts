import { SalesOrderDetail, SalesOrderInput } from '@ssp/schemas';
import type { SalesOrderRow } from '../../db/database.ts';
import type { Deps } from '../../env.ts';
import { changesByCustomer } from '../../events/change.ts';
import { upsertSalesOrders } from '../../ingest/sales-orders.ts';
import { getSalesOrder } from '../../queries/sales-orders.ts';
import { hostResourceRoutes } from './ingest-routes.ts';

export const salesOrderRoutes = (deps: Deps) =>
  hostResourceRoutes(deps, {
    path: 'sales-orders',
    noun: 'sales order',
    table: 'sales_orders',
    input: SalesOrderInput,
    output: SalesOrderDetail,
    ingest: {
      resource: 'sales_orders',
      write: upsertSalesOrders,
      read: (trx, tenantId, item, today) => getSalesOrder(trx, tenantId, item.customerId, item.id, today),
      changes: (items) => changesByCustomer('sales_order', items),
    },
    toWire: (db, tenantId, rows, today) =>
      Promise.all((rows as SalesOrderRow[]).map((row) => getSalesOrder(db, tenantId, row.customer_id, row.id, today))),
  });
