import type { PaymentInput } from '@ssp/schemas';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { replaceAllocations } from './allocations.ts';
import type { Issues } from './issues.ts';
import { checkOwnedBatch } from './ownership.ts';

/** Upserts payments and replaces their allocations to invoices; returns the invoices whose balance moved. */
export async function upsertPayments(trx: Kysely<Database>, tenantId: string, items: PaymentInput[], issues: Issues) {
  await checkOwnedBatch(trx, 'payments', 'payment', tenantId, items, issues);
  issues.throwIfAny();

  const now = new Date();
  await trx
    .insertInto('payments')
    .values(
      items.map((item) => ({
        tenant_id: tenantId,
        id: item.id,
        customer_id: item.customerId,
        currency: item.currency,
        amount: item.amount,
        date: item.date,
        method: item.method,
        reference: item.reference ?? null,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'id']).doUpdateSet((eb) => ({
        currency: eb.ref('excluded.currency'),
        amount: eb.ref('excluded.amount'),
        date: eb.ref('excluded.date'),
        method: eb.ref('excluded.method'),
        reference: eb.ref('excluded.reference'),
        // Cleared here and recomputed from the new allocations below, so that a smaller
        // new amount does not trip the CHECK against the old allocations in between.
        amount_applied: 0,
        updated_at: now,
      })),
    )
    .execute();
  return replaceAllocations(trx, tenantId, 'payment', items, issues);
}
