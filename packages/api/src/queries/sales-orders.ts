import type { SalesOrder, SalesOrderDetail, SalesOrderList, SalesOrderListQuery, SalesOrderStatus } from '@ssp/schemas';
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Database, SalesOrderRow } from '../db/database.ts';
import { toInvoice } from './invoices.ts';
import { findOwned } from './owned.ts';
import { afterCursor, containsPattern, page, sortSpec } from './keyset.ts';

interface OrderExtras {
  lineCount: number;
  invoices: { id: string; number: string; total: number }[];
}

function toSalesOrder(row: SalesOrderRow, extras: OrderExtras): SalesOrder {
  const hasPeriod = row.service_period_start !== null || row.service_period_end !== null;
  return {
    id: row.id,
    customerId: row.customer_id,
    number: row.number,
    currency: row.currency,
    orderDate: row.order_date,
    servicePeriod: hasPeriod ? { start: row.service_period_start, end: row.service_period_end } : null,
    status: row.status as SalesOrderStatus,
    total: row.total,
    lineCount: extras.lineCount,
    invoiced: extras.invoices.reduce((sum, invoice) => sum + invoice.total, 0),
    invoices: extras.invoices.map(({ id, number }) => ({ id, number })),
  };
}

/** Line counts and billed invoices (not void) of several orders, in two queries. */
async function extrasOf(db: Kysely<Database>, tenantId: string, orderIds: string[]): Promise<Map<string, OrderExtras>> {
  const extras = new Map<string, OrderExtras>(orderIds.map((id) => [id, { lineCount: 0, invoices: [] }]));
  if (orderIds.length === 0) return extras;
  const [lineCounts, invoices] = await Promise.all([
    db
      .selectFrom('sales_order_lines')
      .select((eb) => ['sales_order_id', eb.fn.countAll<number>().as('count')])
      .where('tenant_id', '=', tenantId)
      .where('sales_order_id', 'in', orderIds)
      .groupBy('sales_order_id')
      .execute(),
    db
      .selectFrom('invoices')
      .select(['id', 'number', 'total', 'sales_order_id'])
      .where('tenant_id', '=', tenantId)
      .where('sales_order_id', 'in', orderIds)
      .where('is_void', '=', false)
      .orderBy('issue_date')
      .orderBy('id')
      .execute(),
  ]);
  for (const row of lineCounts) extras.get(row.sales_order_id)!.lineCount = row.count;
  for (const row of invoices) extras.get(row.sales_order_id!)!.invoices.push({ id: row.id, number: row.number, total: row.total });
  return extras;
}

const SORT_COLUMNS = { orderDate: 'order_date', total: 'total' };

type OrderQuery = SelectQueryBuilder<Database, 'sales_orders', {}>;

export async function listSalesOrders(db: Kysely<Database>, tenantId: string, customerId: string, query: SalesOrderListQuery): Promise<SalesOrderList> {
  const sort = sortSpec(query.sort, SORT_COLUMNS);
  const direction = sort.descending ? 'desc' : 'asc';
  let q: OrderQuery = db.selectFrom('sales_orders').where('tenant_id', '=', tenantId).where('customer_id', '=', customerId);
  if (query.status?.length) q = q.where('status', 'in', query.status);
  if (query.from) q = q.where('order_date', '>=', query.from);
  if (query.to) q = q.where('order_date', '<=', query.to);
  if (query.q) q = q.where('number', 'ilike', containsPattern(query.q));
  if (query.cursor) q = q.where(afterCursor('sales_orders', sort, query.cursor));
  const rows = await q.selectAll().orderBy(sql.ref(`sales_orders.${sort.column}`), direction).orderBy('id', direction).limit(query.limit + 1).execute();
  const result = page(rows, query.limit, sort, (row) => row[sort.column as keyof SalesOrderRow] as string | number);
  const extras = await extrasOf(db, tenantId, result.rows.map((row) => row.id));
  return { data: result.rows.map((row) => toSalesOrder(row, extras.get(row.id)!)), nextCursor: result.nextCursor };
}

export async function getSalesOrder(
  db: Kysely<Database>,
  tenantId: string,
  customerId: string,
  id: string,
  today: string,
): Promise<SalesOrderDetail | undefined> {
  const row = await findOwned(db, 'sales_orders', { tenantId, customerId }, id);
  if (!row) return undefined;
  const [extras, lines, invoices] = await Promise.all([
    extrasOf(db, tenantId, [id]),
    db.selectFrom('sales_order_lines').selectAll().where('tenant_id', '=', tenantId).where('sales_order_id', '=', id).orderBy('position').execute(),
    db
      .selectFrom('invoices')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', customerId)
      .where('sales_order_id', '=', id)
      .orderBy('issue_date')
      .orderBy('id')
      .execute(),
  ]);
  return {
    ...toSalesOrder(row, extras.get(id)!),
    lines: lines.map((line) => ({ position: line.position, description: line.description, quantity: line.quantity, unitPrice: line.unit_price, amount: line.amount })),
    billedInvoices: invoices.map((invoice) => toInvoice(invoice, today)),
  };
}
