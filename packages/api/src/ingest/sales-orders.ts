import type { SalesOrderInput } from '@ssp/schemas';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { replaceChildren } from './children.ts';
import type { Issues } from './issues.ts';
import { checkOwnedBatch } from './ownership.ts';

/** Upserts sales orders with their lines (replaced wholesale); the total is Σ line amounts. */
export async function upsertSalesOrders(trx: Kysely<Database>, tenantId: string, items: SalesOrderInput[], issues: Issues): Promise<void> {
  const totals = items.map((item, index) => {
    const total = item.lines.reduce((sum, line) => sum + line.amount, 0);
    if (!Number.isSafeInteger(total) || total < 0) issues.add(index, ['lines'], `the order total would be ${total < 0 ? 'negative' : 'too large'}`);
    return total;
  });
  const existing = await checkOwnedBatch(trx, 'sales_orders', 'sales order', tenantId, items, issues);
  items.forEach((item, index) => {
    const before = existing.get(item.id);
    if (before && before.currency !== item.currency) issues.add(index, ['currency'], 'cannot change the currency of a sales order');
  });
  issues.throwIfAny();

  const now = new Date();
  await trx
    .insertInto('sales_orders')
    .values(
      items.map((item, index) => ({
        tenant_id: tenantId,
        id: item.id,
        customer_id: item.customerId,
        number: item.number,
        currency: item.currency,
        order_date: item.orderDate,
        service_period_start: item.servicePeriodStart ?? null,
        service_period_end: item.servicePeriodEnd ?? null,
        status: item.status,
        total: totals[index]!,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'id']).doUpdateSet((eb) => ({
        number: eb.ref('excluded.number'),
        order_date: eb.ref('excluded.order_date'),
        service_period_start: eb.ref('excluded.service_period_start'),
        service_period_end: eb.ref('excluded.service_period_end'),
        status: eb.ref('excluded.status'),
        total: eb.ref('excluded.total'),
        updated_at: now,
      })),
    )
    .execute();
  const lines = items.flatMap((item) =>
    item.lines.map((line, position) => ({
      tenant_id: tenantId,
      sales_order_id: item.id,
      // 1-based, as people number lines.
      position: position + 1,
      description: line.description,
      quantity: line.quantity,
      unit_price: line.unitPrice,
      amount: line.amount,
    })),
  );
  await replaceChildren(trx, 'sales_order_lines', tenantId, items.map((item) => item.id), lines);
}
