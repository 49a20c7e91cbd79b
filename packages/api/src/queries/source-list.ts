import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { PREPARE } from '../db/prepared.ts';
import { type AllocationSource, type AllocationView, allocationsOf } from './allocations.ts';
import { afterCursor, containsPattern, page, sortSpec } from './keyset.ts';

/**
 * Payments and credit notes are listed alike: date or amount order, a date range, a
 * currency, a text search, their allocations, and per-currency totals of the amount and
 * of what is still unapplied. The two differ only in table, searched column and one
 * extra filter.
 */
export interface SourceListQuery {
  from?: string | undefined;
  to?: string | undefined;
  currency?: string | undefined;
  q?: string | undefined;
  sort: string;
  limit: number;
  cursor?: string | undefined;
}

type SourceTable = 'payments' | 'credit_notes';
type Query = SelectQueryBuilder<Database, 'payments', {}>;

export interface SourceListSpec<Row> {
  table: SourceTable;
  source: AllocationSource;
  /** The column `q` searches. */
  searchColumn: 'reference' | 'number';
  /** Filters beyond the shared ones (payment method). */
  narrow?: (query: Query) => Query;
  /** True when `narrow` filters this query (a payment method is chosen): the stored totals then do not apply. */
  narrows?: boolean;
  toWire(row: Row, allocations: AllocationView[]): unknown;
}

const SORT_COLUMNS = { date: 'date', amount: 'amount' };

type Scope = { tenantId: string; customerId: string };

/** The filtered set (not yet selected or ordered): shared by the page and the totals. */
function filtered<Row>(db: Kysely<Database>, scope: Scope, query: SourceListQuery, spec: SourceListSpec<Row>): Query {
  // Both tables share these columns; Kysely is told it is `payments` to type them once.
  let q = db.selectFrom(spec.table as SourceTable as 'payments').where('tenant_id', '=', scope.tenantId).where('customer_id', '=', scope.customerId);
  if (query.from) q = q.where('date', '>=', query.from);
  if (query.to) q = q.where('date', '<=', query.to);
  if (query.currency) q = q.where('currency', '=', query.currency);
  if (query.q) q = q.where(spec.searchColumn as 'reference', 'ilike', containsPattern(query.q));
  return spec.narrow ? spec.narrow(q) : q;
}

/**
 * One keyset page of the filtered set with its allocations, in wire shape: what the list
 * shows, and what an export walks page after page (with a larger `limit`).
 */
export async function sourcePage<Row extends { id: string }>(
  db: Kysely<Database>,
  scope: Scope,
  query: SourceListQuery,
  spec: SourceListSpec<Row>,
): Promise<{ data: unknown[]; nextCursor: string | null }> {
  const sort = sortSpec(query.sort, SORT_COLUMNS);
  const direction = sort.descending ? 'desc' : 'asc';
  // Prepared (db/prepared.ts), like the invoice list's pages.
  let rowsQuery = filtered(db, scope, query, spec).selectAll().modifyFront(PREPARE);
  if (query.cursor) rowsQuery = rowsQuery.where(afterCursor(spec.table, sort, query.cursor));
  const rows = await rowsQuery.orderBy(sql.ref(sort.column), direction).orderBy('id', direction).limit(query.limit + 1).execute();
  const result = page(rows as unknown as Row[], query.limit, sort, (row) => row[sort.column as keyof Row] as string | number);
  const allocations = await allocationsOf(db, scope.tenantId, spec.source, result.rows.map((row) => row.id));
  return { data: result.rows.map((row) => spec.toWire(row, allocations.get(row.id) ?? [])), nextCursor: result.nextCursor };
}

const TOTALS = {
  payments: { count: 'payment_count', amount: 'payment_amount', applied: 'payment_applied' },
  credit_notes: { count: 'credit_count', amount: 'credit_amount', applied: 'credit_applied' },
} as const;

/** Totals of the filtered set: from `customer_totals` when only the currency narrows it, else summed. */
function sourceTotals<Row>(db: Kysely<Database>, scope: Scope, query: SourceListQuery, spec: SourceListSpec<Row>) {
  if (!spec.narrows && !query.from && !query.to && !query.q) {
    const columns = TOTALS[spec.table];
    let totals = db
      .selectFrom('customer_totals')
      .modifyFront(PREPARE)
      .select([
        'currency',
        sql<number>`${sql.ref(columns.count)}`.as('count'),
        sql<number>`${sql.ref(columns.amount)}`.as('amount'),
        sql<number>`${sql.ref(columns.amount)} - ${sql.ref(columns.applied)}`.as('open'),
      ])
      .where('tenant_id', '=', scope.tenantId)
      .where('customer_id', '=', scope.customerId)
      .where(columns.count, '>', 0);
    if (query.currency) totals = totals.where('currency', '=', query.currency);
    return totals.orderBy('currency').execute();
  }
  return filtered(db, scope, query, spec)
    .select((eb) => [
      'currency',
      eb.fn.countAll<number>().as('count'),
      sql<number>`coalesce(sum(amount), 0)`.as('amount'),
      sql<number>`coalesce(sum(amount - amount_applied), 0)`.as('open'),
    ])
    .groupBy('currency')
    .orderBy('currency')
    .execute();
}

export async function listSources<Row extends { id: string }>(
  db: Kysely<Database>,
  scope: Scope,
  query: SourceListQuery,
  spec: SourceListSpec<Row>,
) {
  const [result, totals] = await Promise.all([sourcePage(db, scope, query, spec), sourceTotals(db, scope, query, spec)]);
  return { ...result, totals };
}
