import type { CustomerInput } from '@ssp/schemas';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { replaceChildren } from './children.ts';
import { type Issues, duplicates } from './issues.ts';

/** Upserts customers and replaces each one's contacts. */
export async function upsertCustomers(trx: Kysely<Database>, tenantId: string, items: CustomerInput[], issues: Issues): Promise<void> {
  const repeated = duplicates(items.map((item) => item.id));
  items.forEach((item, index) => {
    if (repeated.has(item.id)) issues.add(index, ['id'], `customer ${item.id} appears more than once in the batch`);
    const contactIds = duplicates(item.contacts.map((contact) => contact.id));
    item.contacts.forEach((contact, position) => {
      if (contactIds.has(contact.id)) issues.add(index, ['contacts', position, 'id'], `contact ${contact.id} appears more than once`);
    });
  });
  issues.throwIfAny();

  const now = new Date();
  await trx
    .insertInto('customers')
    .values(
      items.map((item) => ({
        tenant_id: tenantId,
        id: item.id,
        name: item.name,
        email: item.email ?? null,
        phone: item.phone ?? null,
        address: item.address ? JSON.stringify(item.address) : null,
        currency: item.currency,
        billing_terms: item.billingTerms ?? null,
        billing_cycle: item.billingCycle ?? null,
        account_manager: item.accountManager ? JSON.stringify(item.accountManager) : null,
        customer_since: item.customerSince ?? null,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'id']).doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        email: eb.ref('excluded.email'),
        phone: eb.ref('excluded.phone'),
        address: eb.ref('excluded.address'),
        currency: eb.ref('excluded.currency'),
        billing_terms: eb.ref('excluded.billing_terms'),
        billing_cycle: eb.ref('excluded.billing_cycle'),
        account_manager: eb.ref('excluded.account_manager'),
        customer_since: eb.ref('excluded.customer_since'),
        updated_at: now,
      })),
    )
    .execute();
  await replaceContacts(trx, tenantId, items);
}

export async function replaceContacts(
  trx: Kysely<Database>,
  tenantId: string,
  items: { id: string; contacts: CustomerInput['contacts'] }[],
): Promise<void> {
  const rows = items.flatMap((item) =>
    item.contacts.map((contact, position) => ({
      tenant_id: tenantId,
      customer_id: item.id,
      id: contact.id,
      // 1-based, as people number lines.
      position: position + 1,
      name: contact.name,
      email: contact.email ?? null,
      phone: contact.phone ?? null,
      role: contact.role ?? null,
      is_primary: contact.isPrimary,
    })),
  );
  await replaceChildren(trx, 'contacts', tenantId, items.map((item) => item.id), rows);
}
