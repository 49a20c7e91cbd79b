import type { CreditNote, CreditNoteList, CreditNoteListQuery } from '@ssp/schemas';
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { CreditNoteRow, Database } from '../db/database.ts';
import { type AllocationView, allocationsOf } from './allocations.ts';
import { afterCursor, containsPattern, page, sortSpec } from './keyset.ts';

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

const SORT_COLUMNS = { date: 'date', amount: 'amount' };

type CreditNoteQuery = SelectQueryBuilder<Database, 'credit_notes', {}>;

function filtered(db: Kysely<Database>, tenantId: string, customerId: string, query: CreditNoteListQuery): CreditNoteQuery {
  let q: CreditNoteQuery = db.selectFrom('credit_notes').where('credit_notes.tenant_id', '=', tenantId).where('credit_notes.customer_id', '=', customerId);
  if (query.from) q = q.where('credit_notes.date', '>=', query.from);
  if (query.to) q = q.where('credit_notes.date', '<=', query.to);
  if (query.currency) q = q.where('credit_notes.currency', '=', query.currency);
  if (query.q) q = q.where('credit_notes.number', 'ilike', containsPattern(query.q));
  return q;
}

export async function listCreditNotes(db: Kysely<Database>, tenantId: string, customerId: string, query: CreditNoteListQuery): Promise<CreditNoteList> {
  const sort = sortSpec(query.sort, SORT_COLUMNS);
  const direction = sort.descending ? 'desc' : 'asc';
  let rowsQuery = filtered(db, tenantId, customerId, query).selectAll('credit_notes');
  if (query.cursor) rowsQuery = rowsQuery.where(afterCursor('credit_notes', sort, query.cursor));
  const [rows, totals] = await Promise.all([
    rowsQuery.orderBy(sql.ref(`credit_notes.${sort.column}`), direction).orderBy('credit_notes.id', direction).limit(query.limit + 1).execute(),
    filtered(db, tenantId, customerId, query)
      .select((eb) => [
        'credit_notes.currency',
        eb.fn.countAll<number>().as('count'),
        eb.fn.coalesce(eb.fn.sum<number>('credit_notes.amount'), sql<number>`0`).as('amount'),
        eb.fn.coalesce(eb.fn.sum<number>(sql`credit_notes.amount - credit_notes.amount_applied`), sql<number>`0`).as('remaining'),
      ])
      .groupBy('credit_notes.currency')
      .orderBy('credit_notes.currency')
      .execute(),
  ]);
  const result = page(rows, query.limit, sort, (row) => row[sort.column as keyof CreditNoteRow] as string | number);
  const allocations = await allocationsOf(db, tenantId, 'credit_note', result.rows.map((row) => row.id));
  return {
    data: result.rows.map((row) => toCreditNote(row, allocations.get(row.id) ?? [])),
    nextCursor: result.nextCursor,
    totals: totals.map((row) => ({ currency: row.currency, count: row.count, amount: row.amount, remaining: row.remaining })),
  };
}

export async function getCreditNote(db: Kysely<Database>, tenantId: string, customerId: string, id: string): Promise<CreditNote | undefined> {
  const row = await db
    .selectFrom('credit_notes')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const allocations = await allocationsOf(db, tenantId, 'credit_note', [row.id]);
  return toCreditNote(row, allocations.get(row.id) ?? []);
}
