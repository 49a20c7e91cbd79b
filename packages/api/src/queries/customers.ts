import type { Contact, Customer } from '@ssp/schemas';
import type { Kysely } from 'kysely';
import type { ContactRow, CustomerRow, Database } from '../db/database.ts';

function toContact(row: ContactRow): Contact {
  return { id: row.id, name: row.name, email: row.email, phone: row.phone, role: row.role, isPrimary: row.is_primary };
}

export function toCustomer(row: CustomerRow, contactRows: ContactRow[]): Customer {
  // Primary first, then the host's order.
  const contacts = [...contactRows].sort((a, b) => Number(b.is_primary) - Number(a.is_primary) || a.position - b.position).map(toContact);
  const manager = row.account_manager;
  const address = row.address;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    address: address
      ? { line1: address.line1, line2: address.line2 ?? null, city: address.city, region: address.region ?? null, postalCode: address.postalCode ?? null, country: address.country }
      : null,
    currency: row.currency.trim(),
    billingTerms: row.billing_terms,
    billingCycle: row.billing_cycle,
    accountManager: manager ? { name: manager.name, email: manager.email ?? null, phone: manager.phone ?? null } : null,
    customerSince: row.customer_since,
    primaryContact: contacts.find((contact) => contact.isPrimary) ?? null,
    contacts,
  };
}

async function contactsOf(db: Kysely<Database>, tenantId: string, customerIds: string[]): Promise<Map<string, ContactRow[]>> {
  const grouped = new Map<string, ContactRow[]>(customerIds.map((id) => [id, []]));
  if (customerIds.length === 0) return grouped;
  const rows = await db.selectFrom('contacts').selectAll().where('tenant_id', '=', tenantId).where('customer_id', 'in', customerIds).orderBy('position').execute();
  for (const row of rows) grouped.get(row.customer_id)!.push(row);
  return grouped;
}

export async function getCustomer(db: Kysely<Database>, tenantId: string, id: string): Promise<Customer | undefined> {
  const row = await db.selectFrom('customers').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const contacts = await contactsOf(db, tenantId, [id]);
  return toCustomer(row, contacts.get(id)!);
}

/** Several customers with their contacts, in the order of `rows`. */
export async function withContacts(db: Kysely<Database>, tenantId: string, rows: CustomerRow[]): Promise<Customer[]> {
  const contacts = await contactsOf(db, tenantId, rows.map((row) => row.id));
  return rows.map((row) => toCustomer(row, contacts.get(row.id)!));
}
