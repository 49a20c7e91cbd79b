import type { Aging, CurrencySummary, Summary } from '@ssp/schemas';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { addDays, monthOf } from '../dates.ts';

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

/**
 * Every figure of the account-summary, per currency, as of `today`. Open balances come
 * from the partial index of invoices with a balance, all-time figures (paid, unapplied,
 * open credit, which currencies) from the trigger-kept `customer_totals`, the chart from
 * the last 12 months: the cost follows what is open and recent, not the length of the
 * history.
 */
export async function getSummary(
  db: Kysely<Database>,
  tenantId: string,
  customerId: string,
  defaultCurrency: string,
  today: string,
): Promise<Summary> {
  const horizon = addDays(today, 30);
  const firstMonth = `${monthOf(today, -11)}-01`;
  const aging = agingColumns(today, sql`balance`);
  const [open, totals, invoicedByMonth, paidByMonth] = await Promise.all([
    db
      .selectFrom('invoices')
      .select([
        'currency',
        sql<number>`coalesce(sum(balance), 0)`.as('outstanding'),
        sql<number>`count(*) filter (where due_date < ${today}::date)`.as('overdue_count'),
        sql<number>`coalesce(sum(balance) filter (where due_date < ${today}::date), 0)`.as('overdue_amount'),
        sql<number>`count(*) filter (where due_date >= ${today}::date and due_date <= ${horizon}::date)`.as('upcoming_count'),
        sql<number>`coalesce(sum(balance) filter (where due_date >= ${today}::date and due_date <= ${horizon}::date), 0)`.as('upcoming_amount'),
        aging.current.as('current'),
        aging.days1to30.as('days1to30'),
        aging.days31to60.as('days31to60'),
        aging.days61to90.as('days61to90'),
        aging.days90plus.as('days90plus'),
      ])
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', customerId)
      .where('balance', '>', 0)
      .where('is_void', '=', false)
      .groupBy('currency')
      .execute(),
    db
      .selectFrom('customer_totals')
      .select(['currency', 'invoice_count', 'payment_count', 'credit_count', 'payment_amount', 'payment_applied', 'credit_amount', 'credit_applied'])
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', customerId)
      .execute(),
    db
      .selectFrom('invoices')
      .select(['currency', sql<string>`to_char(issue_date, 'YYYY-MM')`.as('month'), sql<number>`sum(total)`.as('amount')])
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', customerId)
      .where('is_void', '=', false)
      .where('issue_date', '>=', firstMonth)
      .where('issue_date', '<=', today)
      .groupBy(['currency', sql`to_char(issue_date, 'YYYY-MM')`])
      .execute(),
    db
      .selectFrom('payments')
      .select(['currency', sql<string>`to_char(date, 'YYYY-MM')`.as('month'), sql<number>`sum(amount)`.as('amount')])
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', customerId)
      .where('date', '>=', firstMonth)
      .where('date', '<=', today)
      .groupBy(['currency', sql`to_char(date, 'YYYY-MM')`])
      .execute(),
  ]);

  const currencies = new Set<string>([defaultCurrency]);
  for (const row of totals) if (row.invoice_count + row.payment_count + row.credit_count > 0) currencies.add(row.currency.trim());
  const months = Array.from({ length: 12 }, (_, index) => monthOf(today, index - 11));

  const blocks: CurrencySummary[] = [...currencies]
    .sort((a, b) => (a === defaultCurrency ? -1 : b === defaultCurrency ? 1 : a.localeCompare(b)))
    .map((currency) => {
      const o = open.find((row) => row.currency.trim() === currency);
      const t = totals.find((row) => row.currency.trim() === currency);
      const unappliedPayments = t ? t.payment_amount - t.payment_applied : 0;
      const openCreditNotes = t ? t.credit_amount - t.credit_applied : 0;
      const outstanding = o?.outstanding ?? 0;
      const overdueCount = o?.overdue_count ?? 0;
      const monthAmount = (rows: { currency: string; month: string; amount: number }[], month: string) =>
        rows.find((row) => row.currency.trim() === currency && row.month === month)?.amount ?? 0;
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
        monthly: months.map((month) => ({ month, invoiced: monthAmount(invoicedByMonth, month), paid: monthAmount(paidByMonth, month) })),
      };
    });

  return {
    asOf: today,
    customerId,
    status: blocks.some((block) => block.status === 'past_due') ? 'past_due' : 'current',
    currencies: blocks,
  };
}
