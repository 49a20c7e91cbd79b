import type { CurrencyStatement, PaymentMethod, Statement, StatementLine } from '@ssp/schemas';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { badRequest, notFound } from '../errors.ts';
import { agingColumns } from './summary.ts';

/** A statement's period as asked for: `to` defaults to today; `from` after `to` is a 400. */
export function statementPeriod(query: { from?: string | undefined; to?: string | undefined }, today: string): { from: string | undefined; to: string } {
  const to = query.to ?? today;
  if (query.from && query.from > to) throw badRequest('from must not be after to', [{ path: 'from', message: `after ${to}` }]);
  return { from: query.from, to };
}

/** The session customer's statement for a period; 404 when the customer is gone. */
export async function customerStatement(
  db: Kysely<Database>,
  tenantId: string,
  customerId: string,
  period: { from: string | undefined; to: string },
): Promise<Statement> {
  const customer = await db.selectFrom('customers').select(['id', 'name', 'currency']).where('tenant_id', '=', tenantId).where('id', '=', customerId).executeTakeFirst();
  if (!customer) throw notFound('customer');
  return getStatement(db, tenantId, customer, period.from, period.to);
}

/**
 * The account statement for [from, to]: per currency, the opening balance (everything
 * before `from`), each invoice (debit), payment and credit note (credit) in date order
 * with a running balance, the closing balance, and the aging of open invoices as they
 * stood at `to` (counting only what had been applied by then). Void invoices are left
 * out: they never were owed.
 *
 * Lines are in date order; on one day what was billed, then what paid it, then credits;
 * then by reference (compared by code point) and id. Each kind comes from PostgreSQL in
 * that order and the three are merged here, so a statement of 10,000 lines costs one pass
 * and one object per line (it used to sort and copy them several times).
 */
export async function getStatement(
  db: Kysely<Database>,
  tenantId: string,
  customer: { id: string; name: string; currency: string },
  from: string | undefined,
  to: string,
): Promise<Statement> {
  const start = from ?? '0001-01-01';
  const scope = { tenantId, customerId: customer.id };
  const byCode = (column: string) => sql`${sql.ref(column)} collate "C"`;
  const [upToEnd, invoices, payments, credits, aging] = await Promise.all([
    balancesTo(db, scope, to),
    db
      .selectFrom('invoices')
      .select(['currency', 'issue_date as date', 'id', 'number', 'total', 'due_date'])
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', customer.id)
      .where('is_void', '=', false)
      .where('issue_date', '>=', start)
      .where('issue_date', '<=', to)
      .orderBy('issue_date')
      .orderBy(byCode('number'))
      .orderBy(byCode('id'))
      .execute(),
    db
      .selectFrom('payments')
      .select(['currency', 'date', 'id', sql<string>`coalesce(reference, id)`.as('reference'), 'method', 'amount'])
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', customer.id)
      .where('date', '>=', start)
      .where('date', '<=', to)
      .orderBy('date')
      .orderBy(sql`coalesce(reference, id) collate "C"`)
      .orderBy(byCode('id'))
      .execute(),
    db
      .selectFrom('credit_notes')
      .select(['currency', 'date', 'id', 'number', 'reason', 'amount'])
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', customer.id)
      .where('date', '>=', start)
      .where('date', '<=', to)
      .orderBy('date')
      .orderBy(byCode('number'))
      .orderBy(byCode('id'))
      .execute(),
    agingAt(db, scope, to),
  ]);

  // Opening balance: what stood at `to` less the period's lines; only currencies with a
  // record dated before `start` have one.
  const period = new Map<string, { balance: number; count: number }>();
  const tally = (currency: string, amount: number) => {
    const sums = period.get(currency) ?? { balance: 0, count: 0 };
    sums.balance += amount;
    sums.count += 1;
    period.set(currency, sums);
  };
  for (const row of invoices) tally(row.currency, row.total);
  for (const row of payments) tally(row.currency, -row.amount);
  for (const row of credits) tally(row.currency, -row.amount);
  const opening = new Map<string, number>();
  for (const [currency, total] of upToEnd) {
    const inPeriod = period.get(currency) ?? { balance: 0, count: 0 };
    if (total.count - inPeriod.count > 0) opening.set(currency, total.balance - inPeriod.balance);
  }

  const blocks = new Map<string, { lines: StatementLine[]; balance: number; debits: number; credits: number }>();
  const block = (currency: string) => {
    let found = blocks.get(currency);
    if (!found) {
      found = { lines: [], balance: opening.get(currency) ?? 0, debits: 0, credits: 0 };
      blocks.set(currency, found);
    }
    return found;
  };
  // A three-way merge by date; on one day invoices come first, then payments, then credits.
  let i = 0;
  let p = 0;
  let c = 0;
  while (i < invoices.length || p < payments.length || c < credits.length) {
    const invoice = invoices[i];
    const payment = payments[p];
    const credit = credits[c];
    if (invoice && (!payment || invoice.date <= payment.date) && (!credit || invoice.date <= credit.date)) {
      const into = block(invoice.currency);
      into.balance += invoice.total;
      into.debits += invoice.total;
      into.lines.push({
        date: invoice.date, type: 'invoice', id: invoice.id, reference: invoice.number,
        description: `Invoice ${invoice.number}, due ${invoice.due_date}`, dueDate: invoice.due_date, debit: invoice.total, credit: 0, balance: into.balance,
      });
      i += 1;
    } else if (payment && (!credit || payment.date <= credit.date)) {
      const into = block(payment.currency);
      into.balance -= payment.amount;
      into.credits += payment.amount;
      into.lines.push({
        date: payment.date, type: 'payment', id: payment.id, reference: payment.reference,
        description: `Payment (${payment.method.replace('_', ' ')})`, method: payment.method as PaymentMethod, debit: 0, credit: payment.amount, balance: into.balance,
      });
      p += 1;
    } else if (credit) {
      const into = block(credit.currency);
      into.balance -= credit.amount;
      into.credits += credit.amount;
      into.lines.push({
        date: credit.date, type: 'credit_note', id: credit.id, reference: credit.number,
        description: credit.reason ? `Credit note: ${credit.reason}` : 'Credit note', ...(credit.reason ? { reason: credit.reason } : {}), debit: 0, credit: credit.amount, balance: into.balance,
      });
      c += 1;
    }
  }

  const currencies = new Set<string>([...opening.keys(), ...blocks.keys(), ...aging.keys()]);
  if (currencies.size === 0) currencies.add(customer.currency);

  const statements: CurrencyStatement[] = [...currencies]
    .sort((a, b) => (a === customer.currency ? -1 : b === customer.currency ? 1 : a.localeCompare(b)))
    .map((currency) => {
      const openingBalance = opening.get(currency) ?? 0;
      const { lines = [], debits = 0, credits = 0 } = blocks.get(currency) ?? {};
      return {
        currency,
        openingBalance,
        lines,
        totals: { debits, credits },
        closingBalance: openingBalance + debits - credits,
        aging: aging.get(currency) ?? { current: 0, days1to30: 0, days31to60: 0, days61to90: 0, days90plus: 0 },
      };
    });

  return { from: from ?? null, to, customer: { id: customer.id, name: customer.name }, currencies: statements };
}

interface Scope {
  tenantId: string;
  customerId: string;
}

/**
 * Invoiced − paid − credited up to `to`, and how many records that counts, per currency:
 * the all-time totals (kept by triggers in `customer_totals`) less what is dated after
 * `to` (usually nothing). Less the period's own lines, it is the opening balance: the cost
 * follows what came after the period, not the years before it.
 */
async function balancesTo(db: Kysely<Database>, { tenantId, customerId }: Scope, to: string): Promise<Map<string, { balance: number; count: number }>> {
  const after = db
    .selectFrom('invoices')
    .select(['currency', sql<number>`-total`.as('amount'), sql<number>`-1`.as('count')])
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('is_void', '=', false)
    .where('issue_date', '>', to)
    .unionAll(
      db
        .selectFrom('payments')
        .select(['currency', 'amount', sql<number>`-1`.as('count')])
        .where('tenant_id', '=', tenantId)
        .where('customer_id', '=', customerId)
        .where('date', '>', to),
    )
    .unionAll(
      db
        .selectFrom('credit_notes')
        .select(['currency', 'amount', sql<number>`-1`.as('count')])
        .where('tenant_id', '=', tenantId)
        .where('customer_id', '=', customerId)
        .where('date', '>', to),
    )
    .unionAll(
      db
        .selectFrom('customer_totals')
        .select([
          'currency',
          sql<number>`invoice_total - void_total - payment_amount - credit_amount`.as('amount'),
          sql<number>`invoice_count - void_count + payment_count + credit_count`.as('count'),
        ])
        .where('tenant_id', '=', tenantId)
        .where('customer_id', '=', customerId),
    );
  const rows = await db
    .selectFrom(after.as('movements'))
    .select(['currency', sql<number>`sum(amount)`.as('balance'), sql<number>`sum(count)`.as('count')])
    .groupBy('currency')
    .execute();
  return new Map(rows.map(({ currency, ...row }) => [currency, row]));
}

/**
 * Aging of invoice balances as they stood at `date`. An invoice's balance then was its
 * balance now plus whatever was applied to it after `date`, so the only invoices that can
 * have been open are those open now (the partial index of open invoices) and those
 * something was applied to after `date` (the allocations' date index; none when `date` is
 * today): the cost follows what is or was recently open, not the customer's history.
 */
async function agingAt(db: Kysely<Database>, { tenantId, customerId }: Scope, date: string) {
  const appliedAfter = (table: 'payment_allocations' | 'credit_allocations') =>
    db
      .selectFrom(`${table} as a` as 'payment_allocations as a')
      .innerJoin('invoices as i', (join) => join.onRef('i.tenant_id', '=', 'a.tenant_id').onRef('i.id', '=', 'a.invoice_id'))
      .select(['i.id', 'i.currency', 'i.due_date', 'i.balance', 'a.amount'])
      .where('a.tenant_id', '=', tenantId)
      .where('a.applied_on', '>', date)
      .where('i.customer_id', '=', customerId)
      .where('i.is_void', '=', false)
      .where('i.issue_date', '<=', date);
  const movements = db
    .selectFrom('invoices')
    .select(['id', 'currency', 'due_date', 'balance', sql<number>`0`.as('amount')])
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('balance', '>', 0)
    .where('is_void', '=', false)
    .where('issue_date', '<=', date)
    .unionAll(appliedAfter('payment_allocations'))
    .unionAll(appliedAfter('credit_allocations'))
    .as('m');
  const balances = db
    .selectFrom(movements)
    .select(['currency', 'due_date', sql<number>`max(balance) + sum(amount)`.as('balance')])
    .groupBy(['id', 'currency', 'due_date'])
    .as('b');
  const aging = agingColumns(date, sql`balance`);
  const rows = await db
    .selectFrom(balances)
    .select([
      'currency',
      aging.current.as('current'),
      aging.days1to30.as('days1to30'),
      aging.days31to60.as('days31to60'),
      aging.days61to90.as('days61to90'),
      aging.days90plus.as('days90plus'),
    ])
    .where('balance', '>', 0)
    .groupBy('currency')
    .execute();
  return new Map(rows.map(({ currency, ...buckets }) => [currency, buckets]));
}
