import type { InvoiceInput } from '@ssp/schemas';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { replaceChildren } from './children.ts';
import type { Issues } from './issues.ts';
import { checkOwnedBatch } from './ownership.ts';

/**
 * Upserts invoices with their lines (replaced wholesale). Totals come from the lines.
 * An update may not strand what was already applied: the new total must cover it, a
 * voided invoice must have nothing applied, and its currency cannot change under it.
 */
export async function upsertInvoices(trx: Kysely<Database>, tenantId: string, items: InvoiceInput[], issues: Issues): Promise<void> {
  const existing = await checkOwnedBatch(trx, 'invoices', 'invoice', tenantId, items, issues);

  const orderIds = [...new Set(items.flatMap((item) => (item.salesOrderId ? [item.salesOrderId] : [])))];
  const orders = new Map(
    orderIds.length
      ? (await trx.selectFrom('sales_orders').select(['id', 'customer_id', 'currency']).where('tenant_id', '=', tenantId).where('id', 'in', orderIds).execute()).map((row) => [row.id, row])
      : [],
  );

  const totals = items.map((item, index) => {
    const subtotal = item.lines.reduce((sum, line) => sum + line.amount, 0);
    const tax = item.lines.reduce((sum, line) => sum + line.taxAmount, 0);
    const total = subtotal + tax;
    if (!Number.isSafeInteger(total)) issues.add(index, ['lines'], 'the total is too large');
    else if (total < 0) issues.add(index, ['lines'], `the invoice total would be negative (${total}); issue a credit note instead`);
    const before = existing.get(item.id);
    if (before) {
      const applied = before.amount_paid + before.amount_credited;
      if (applied > 0 && item.void) issues.add(index, ['void'], `invoice ${item.number} has ${applied} applied; remove the allocations before voiding it`);
      if (applied > 0 && before.currency !== item.currency) issues.add(index, ['currency'], 'cannot change the currency of an invoice with payments or credits applied');
      if (total < applied) issues.add(index, ['lines'], `the new total ${total} is less than the ${applied} already applied`);
    }
    if (item.salesOrderId) {
      const order = orders.get(item.salesOrderId);
      if (!order || order.customer_id !== item.customerId) issues.add(index, ['salesOrderId'], `unknown sales order ${item.salesOrderId} for customer ${item.customerId}`);
      else if (order.currency !== item.currency) issues.add(index, ['salesOrderId'], `sales order ${item.salesOrderId} is in ${order.currency}`);
    }
    return { subtotal, tax, total };
  });
  issues.throwIfAny();

  const now = new Date();
  await trx
    .insertInto('invoices')
    .values(
      items.map((item, index) => ({
        tenant_id: tenantId,
        id: item.id,
        customer_id: item.customerId,
        number: item.number,
        currency: item.currency,
        issue_date: item.issueDate,
        due_date: item.dueDate,
        is_void: item.void,
        sales_order_id: item.salesOrderId ?? null,
        memo: item.memo ?? null,
        ...totals[index]!,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'id']).doUpdateSet((eb) => ({
        number: eb.ref('excluded.number'),
        currency: eb.ref('excluded.currency'),
        issue_date: eb.ref('excluded.issue_date'),
        due_date: eb.ref('excluded.due_date'),
        is_void: eb.ref('excluded.is_void'),
        sales_order_id: eb.ref('excluded.sales_order_id'),
        memo: eb.ref('excluded.memo'),
        subtotal: eb.ref('excluded.subtotal'),
        tax: eb.ref('excluded.tax'),
        total: eb.ref('excluded.total'),
        updated_at: now,
      })),
    )
    .execute();

  const lines = items.flatMap((item) =>
    item.lines.map((line, position) => ({
      tenant_id: tenantId,
      invoice_id: item.id,
      // 1-based, as people number lines.
      position: position + 1,
      description: line.description,
      quantity: line.quantity,
      unit_price: line.unitPrice,
      amount: line.amount,
      tax_rate: line.taxRate ?? null,
      tax_amount: line.taxAmount,
    })),
  );
  await replaceChildren(trx, 'invoice_lines', tenantId, items.map((item) => item.id), lines);
}
