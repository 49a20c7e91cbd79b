import type { CreditNote, CreditNoteList, CreditNoteListQuery } from '@ssp/schemas';
import type { Kysely } from 'kysely';
import type { CreditNoteRow, Database } from '../db/database.ts';
import { type AllocationView, allocationsOf } from './allocations.ts';
import { findOwned } from './owned.ts';
import { listSources } from './source-list.ts';

export function toCreditNote(row: CreditNoteRow, allocations: AllocationView[]): CreditNote {
  const remaining = row.amount - row.amount_applied;
  return {
    id: row.id,
    customerId: row.customer_id,
    number: row.number,
    currency: row.currency,
    date: row.date,
    amount: row.amount,
    reason: row.reason,
    amountApplied: row.amount_applied,
    remaining,
    status: remaining === 0 ? 'applied' : 'open',
    allocations,
  };
}

export async function listCreditNotes(db: Kysely<Database>, tenantId: string, customerId: string, query: CreditNoteListQuery): Promise<CreditNoteList> {
  const list = await listSources<CreditNoteRow>(db, { tenantId, customerId }, query, {
    table: 'credit_notes',
    source: 'credit_note',
    searchColumn: 'number',
    toWire: toCreditNote,
  });
  return {
    data: list.data as CreditNote[],
    nextCursor: list.nextCursor,
    totals: list.totals.map((row) => ({ currency: row.currency, count: row.count, amount: row.amount, remaining: row.open })),
  };
}

export async function getCreditNote(db: Kysely<Database>, tenantId: string, customerId: string, id: string): Promise<CreditNote | undefined> {
  const row = await findOwned(db, 'credit_notes', { tenantId, customerId }, id);
  if (!row) return undefined;
  const allocations = await allocationsOf(db, tenantId, 'credit_note', [row.id]);
  return toCreditNote(row, allocations.get(row.id) ?? []);
}
