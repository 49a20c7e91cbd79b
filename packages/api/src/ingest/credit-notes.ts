import type { CreditNoteInput } from '@ssp/schemas';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { replaceAllocations } from './allocations.ts';
import type { Issues } from './issues.ts';
import { checkOwnedBatch } from './ownership.ts';

/** Upserts credit notes and replaces their allocations to invoices; returns the invoices whose balance moved. */
export async function upsertCreditNotes(trx: Kysely<Database>, tenantId: string, items: CreditNoteInput[], issues: Issues) {
  await checkOwnedBatch(trx, 'credit_notes', 'credit note', tenantId, items, issues);
  issues.throwIfAny();

  const now = new Date();
  await trx
    .insertInto('credit_notes')
    .values(
      items.map((item) => ({
        tenant_id: tenantId,
        id: item.id,
        customer_id: item.customerId,
        number: item.number,
        currency: item.currency,
        date: item.date,
        amount: item.amount,
        reason: item.reason ?? null,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'id']).doUpdateSet((eb) => ({
        number: eb.ref('excluded.number'),
        currency: eb.ref('excluded.currency'),
        date: eb.ref('excluded.date'),
        amount: eb.ref('excluded.amount'),
        reason: eb.ref('excluded.reason'),
        // Recomputed from the new allocations below (see payments).
        amount_applied: 0,
        updated_at: now,
      })),
    )
    .execute();
  return replaceAllocations(trx, tenantId, 'credit_note', items.map((item) => ({ ...item, date: item.date })), issues);
}
