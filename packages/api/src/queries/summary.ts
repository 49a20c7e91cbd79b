import type { Aging, CurrencySummary, Summary } from '@ssp/schemas';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { addDays, monthOf } from '../dates.ts';
import { PREPARE } from '../db/prepared.ts';

/** Aging buckets in SQL: days past due of `due_date` as of `today`, for rows with a balance. */
export function agingColumns(today: string, balance: ReturnType<typeof sql>) {
  const late = sql`(${today}::date - due_date)`;
  return {
    current: sql<number>`coalesce(sum(case when ${late} <= 0 then ${balance} end), 0)`,
    days1to30: sql<number>`coalesce(sum(case when ${late} between 1 and 30 then ${balance} end), 0)`,
    days31to60: sql<number>`coalesce(sum(case when ${late} between 31 and 60 then ${balance} end), 0)`,
    days61to90: sql<number>`coalesce(sum(case when ${late} between 61 and 90 then ${balance} end), 0)`,
    days90plus: sql<number>`coalesce(sum(case when ${late} > 90 then ${balance} end), 0)`,
  };
}

const emptyAging = (): Aging => ({ current: 0, days1to30: 0, days31to60: 0, days61to90: 0, days90plus: 0 });

interface OpenRow {
  currency: string;
  outstanding: number;
  overdue_count: number;
  overdue_amount: number;
  upcoming_count: number;
  upcoming_amount: number;
  current: number;
  days1to30: number;
  days31to60: number;
  days61to90: number;
  days90plus: number;
}

interface TotalsRow {
  currency: string;
  invoice_count: number;
  payment_count: number;
  credit_count: number;
  payment_amount: number;
  payment_applied: number;
  credit_amount: number;
  credit_applied: number;
}

interface MonthRow {
  currency: string;
  month: string;
  invoiced: number;
  paid: number;
}

/**
 * Every figure of the account-summary, per currency, as of `today`; undefined when the
 * customer does not exist. Open balances come from the partial index of invoices with a
 * balance, all-time figures (paid, unapplied, open credit, which currencies) from the
 * trigger-kept `customer_totals`, the chart's closed months from `customer_monthly` and
 * its current month from this month's invoices and payments up to today: the cost follows
 * what is open and recent, not the length of the history.
 *
 * One statement, one round trip, prepared once per connection: the summary is the route
 * every embedded dashboard calls first, and with five separate queries most of its cost
 * was per-query overhead (five parses and plans in PostgreSQL, five round trips and query
 * builds in Node).
 */
export async function getSummary(db: Kysely<Database>, tenantId: string, customerId: string, today: string): Promise<Summary | undefined> {
  const horizon = addDays(today, 30);
  const firstMonth = `${monthOf(today, -11)}-01`;
  const thisMonth = `${monthOf(today)}-01`;
  const aging = agingColumns(today, sql`balance`);
  const owned = sql`tenant_id = ${tenantId} and customer_id = ${customerId}`;
  const { rows } = await sql<{ currency: string; open: OpenRow[]; totals: TotalsRow[]; months: MonthRow[] }>`${PREPARE}
    with open_balances as (
      select currency,
             coalesce(sum(balance), 0) as outstanding,
             count(*) filter (where due_date < ${today}::date) as overdue_count,
             coalesce(sum(balance) filter (where due_date < ${today}::date), 0) as overdue_amount,
             count(*) filter (where due_date >= ${today}::date and due_date <= ${horizon}::date) as upcoming_count,
             coalesce(sum(balance) filter (where due_date >= ${today}::date and due_date <= ${horizon}::date), 0) as upcoming_amount,
             ${aging.current} as current, ${aging.days1to30} as days1to30, ${aging.days31to60} as days31to60,
             ${aging.days61to90} as days61to90, ${aging.days90plus} as days90plus
      from invoices
      where ${owned} and balance > 0 and not is_void
      group by currency
    ), months as (
      select currency, month, invoiced, paid from customer_monthly
      where ${owned} and month >= ${firstMonth}::date and month < ${thisMonth}::date
      union all
      select currency, ${thisMonth}::date, total, 0 from invoices
      where ${owned} and not is_void and issue_date >= ${thisMonth}::date and issue_date <= ${today}::date
      union all
      select currency, ${thisMonth}::date, 0, amount from payments
      where ${owned} and date >= ${thisMonth}::date and date <= ${today}::date
    )
    select c.currency,
      (select coalesce(json_agg(o), '[]') from open_balances o) as open,
      (select coalesce(json_agg(t), '[]') from (
        select currency, invoice_count, payment_count, credit_count, payment_amount, payment_applied, credit_amount, credit_applied
        from customer_totals where ${owned}
      ) t) as totals,
      (select coalesce(json_agg(m), '[]') from (
        select currency, to_char(month, 'YYYY-MM') as month, sum(invoiced) as invoiced, sum(paid) as paid from months group by currency, month
      ) m) as months
    from customers c
    where c.tenant_id = ${tenantId} and c.id = ${customerId}`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  const { open, totals, months: monthly } = row;
  const defaultCurrency = row.currency.trim();

  const currencies = new Set<string>([defaultCurrency]);
  for (const total of totals) if (total.invoice_count + total.payment_count + total.credit_count > 0) currencies.add(total.currency.trim());
  const months = Array.from({ length: 12 }, (_, index) => monthOf(today, index - 11));

  const blocks: CurrencySummary[] = [...currencies]
    .sort((a, b) => (a === defaultCurrency ? -1 : b === defaultCurrency ? 1 : a.localeCompare(b)))
    .map((currency) => {
      const o = open.find((entry) => entry.currency.trim() === currency);
      const t = totals.find((entry) => entry.currency.trim() === currency);
      const unappliedPayments = t ? t.payment_amount - t.payment_applied : 0;
      const openCreditNotes = t ? t.credit_amount - t.credit_applied : 0;
      const outstanding = o?.outstanding ?? 0;
      const overdueCount = o?.overdue_count ?? 0;
      const inMonth = (month: string) => monthly.find((entry) => entry.currency.trim() === currency && entry.month === month);
      return {
        currency,
        outstanding,
        overdue: { count: overdueCount, amount: o?.overdue_amount ?? 0 },
        upcoming: { count: o?.upcoming_count ?? 0, amount: o?.upcoming_amount ?? 0 },
        totalPaid: t?.payment_amount ?? 0,
        availableCredit: { total: unappliedPayments + openCreditNotes, unappliedPayments, openCreditNotes },
        netBalance: outstanding - unappliedPayments - openCreditNotes,
        status: overdueCount > 0 ? 'past_due' : 'current',
        aging: o
          ? { current: o.current, days1to30: o.days1to30, days31to60: o.days31to60, days61to90: o.days61to90, days90plus: o.days90plus }
          : emptyAging(),
        monthly: months.map((month) => ({ month, invoiced: inMonth(month)?.invoiced ?? 0, paid: inMonth(month)?.paid ?? 0 })),
      };
    });

  return {
    asOf: today,
    customerId,
    status: blocks.some((block) => block.status === 'past_due') ? 'past_due' : 'current',
    currencies: blocks,
  };
}
