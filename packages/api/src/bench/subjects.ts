import { type Kysely, sql } from 'kysely';
import { encodeCursor } from '../cursor.ts';
import { addDays } from '../dates.ts';
import type { Database } from '../db/database.ts';
import { LARGE_ACCOUNT_ID } from './large-account.ts';

/** Who and what the benchmarks ask about, found in the bench database. */
export interface Subjects {
  tenantId: string;
  /** The customer with the most history (the large account when there is one). */
  heavy: string;
  /** The seeded customer with the most invoices: what most customers look like. */
  typical: string;
  /** Cursor of page `deepPage` of the heavy customer's invoice list (default sort, 25 a page). */
  deepCursor: string | null;
  deepPage: number;
  /** Start of the period whose statement has about `statementLines` lines (heavy customer, ending today). */
  statementFrom: string | null;
  /** One record of each kind, for the detail routes (typical customer; the large account has no orders or schedules). */
  ids: { invoice: string; payment: string; creditNote?: string; salesOrder?: string; schedule?: string };
}

const PAGE = 25;

export async function findSubjects(db: Kysely<Database>, tenantId: string, today: string, { wantedPage = 500, statementLines = 10_000 } = {}): Promise<Subjects> {
  const ranked = await db
    .selectFrom('invoices')
    .select(['customer_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('tenant_id', '=', tenantId)
    .groupBy('customer_id')
    .orderBy('count', 'desc')
    .limit(2)
    .execute();
  if (ranked.length === 0) throw new Error(`tenant ${tenantId} has no invoices: seed it first`);
  const heavy = ranked[0]!.customer_id;
  const typical = ranked.find((row) => row.customer_id !== LARGE_ACCOUNT_ID)?.customer_id ?? heavy;
  const heavyCount = ranked[0]!.count;
  // The deepest page there is, up to the one asked for.
  const deepPage = Math.max(2, Math.min(wantedPage, Math.ceil(heavyCount / PAGE)));
  const last = await db
    .selectFrom('invoices')
    .select(['issue_date', 'id'])
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', heavy)
    .orderBy('issue_date', 'desc')
    .orderBy('id', 'desc')
    .offset((deepPage - 1) * PAGE - 1)
    .limit(1)
    .executeTakeFirst();
  const deepCursor = last ? encodeCursor('-issueDate', last.issue_date, last.id) : null;

  // Lines per day of the heavy customer, newest first, until `statementLines` are reached.
  const nth = await sql<{ date: string }>`
    select date from (
      select date, sum(count(*)) over (order by date desc) as lines
      from (
        select issue_date as date from invoices where tenant_id = ${tenantId} and customer_id = ${heavy} and not is_void
        union all select date from payments where tenant_id = ${tenantId} and customer_id = ${heavy}
        union all select date from credit_notes where tenant_id = ${tenantId} and customer_id = ${heavy}
      ) movements
      where date <= ${today}::date
      group by date
    ) running
    where lines >= ${statementLines}
    order by date desc
    limit 1`.execute(db);
  const first = async (table: 'invoices' | 'payments' | 'credit_notes' | 'sales_orders' | 'schedules') =>
    (await db.selectFrom(table).select('id').where('tenant_id', '=', tenantId).where('customer_id', '=', typical).orderBy('id').limit(1).executeTakeFirst())?.id;
  const [invoice, payment, creditNote, salesOrder, schedule] = await Promise.all([
    first('invoices'), first('payments'), first('credit_notes'), first('sales_orders'), first('schedules'),
  ]);
  return {
    tenantId,
    heavy,
    typical,
    deepCursor,
    deepPage,
    statementFrom: nth.rows[0]?.date ?? null,
    ids: { invoice: invoice!, payment: payment!, ...(creditNote ? { creditNote } : {}), ...(salesOrder ? { salesOrder } : {}), ...(schedule ? { schedule } : {}) },
  };
}

export interface RouteCase {
  name: string;
  customer: string;
  path: string;
}

/** The twelve months to today: the statement the benchmarks ask for. */
export function lastTwelveMonths(today: string): string {
  return `from=${addDays(today, -365)}&to=${today}`;
}

/** Every portal read, as the elements call it: what `bench:explain` checks for index use. */
export function portalCases(subjects: Subjects, today: string): RouteCase[] {
  const { heavy, typical, ids } = subjects;
  const cases: RouteCase[] = [
    { name: 'summary', customer: heavy, path: '/v1/portal/summary' },
    { name: 'account', customer: heavy, path: '/v1/portal/account' },
    { name: 'invoices, first page', customer: heavy, path: '/v1/portal/invoices' },
    { name: `invoices, page ${subjects.deepPage} by cursor`, customer: heavy, path: `/v1/portal/invoices?cursor=${subjects.deepCursor}` },
    { name: 'invoices, status overdue', customer: heavy, path: '/v1/portal/invoices?status=overdue' },
    { name: 'invoices, a year, by total', customer: heavy, path: `/v1/portal/invoices?from=${addDays(today, -365)}&to=${today}&sort=-total` },
    { name: 'invoices, number search', customer: heavy, path: '/v1/portal/invoices?q=0123' },
    { name: 'payments, first page', customer: heavy, path: '/v1/portal/payments' },
    { name: 'statement, 12 months', customer: heavy, path: `/v1/portal/statement?${lastTwelveMonths(today)}` },
    { name: 'credit notes, first page', customer: heavy, path: '/v1/portal/credit-notes' },
    { name: 'sales orders, first page', customer: typical, path: '/v1/portal/sales-orders' },
    { name: 'schedules', customer: typical, path: '/v1/portal/schedules' },
    { name: 'invoice detail', customer: typical, path: `/v1/portal/invoices/${ids.invoice}` },
    { name: 'payment detail', customer: typical, path: `/v1/portal/payments/${ids.payment}` },
  ];
  if (ids.creditNote) cases.push({ name: 'credit note detail', customer: typical, path: `/v1/portal/credit-notes/${ids.creditNote}` });
  if (ids.salesOrder) cases.push({ name: 'sales order detail', customer: typical, path: `/v1/portal/sales-orders/${ids.salesOrder}` });
  if (ids.schedule) cases.push({ name: 'schedule detail', customer: typical, path: `/v1/portal/schedules/${ids.schedule}` });
  return cases;
}
