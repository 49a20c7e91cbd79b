import type { CurrencyStatement, Statement, StatementLine } from '@ssp/schemas';
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

interface Movement {
  currency: string;
  date: string;
  type: StatementLine['type'];
  id: string;
  reference: string;
  description: string;
  debit: number;
  credit: number;
}

// Same-day order: what was billed, then what paid it, then credits.
const TYPE_ORDER: Record<StatementLine['type'], number> = { invoice: 0, payment: 1, credit_note: 2 };

/**
 * The account statement for [from, to]: per currency, the opening balance (everything
 * before `from`), each invoice (debit), payment and credit note (credit) in date order
 * with a running balance, the closing balance, and the aging of open invoices as they
 * stood at `to` (counting only what had been applied by then). Void invoices are left
 * out: they never were owed.
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
  const [opening, invoices, payments, credits, aging] = await Promise.all([
    openingBalances(db, scope, start),
    db
      .selectFrom('invoices')
      .select(['currency', 'issue_date as date', 'id', 'number', 'total', 'due_date'])
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', customer.id)
      .where('is_void', '=', false)
      .where('issue_date', '>=', start)
      .where('issue_date', '<=', to)
      .execute(),
    db
      .selectFrom('payments')
      .select(['currency', 'date', 'id', 'reference', 'method', 'amount'])
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', customer.id)
      .where('date', '>=', start)
      .where('date', '<=', to)
      .execute(),
    db
      .selectFrom('credit_notes')
      .select(['currency', 'date', 'id', 'number', 'reason', 'amount'])
      .where('tenant_id', '=', tenantId)
      .where('customer_id', '=', customer.id)
      .where('date', '>=', start)
      .where('date', '<=', to)
      .execute(),
    agingAt(db, scope, to),
  ]);

  const movements: Movement[] = [
    ...invoices.map((row) => ({
      currency: row.currency, date: row.date, type: 'invoice' as const, id: row.id, reference: row.number,
      description: `Invoice ${row.number}, due ${row.due_date}`, debit: row.total, credit: 0,
    })),
    ...payments.map((row) => ({
      currency: row.currency, date: row.date, type: 'payment' as const, id: row.id, reference: row.reference ?? row.id,
      description: `Payment (${row.method.replace('_', ' ')})`, debit: 0, credit: row.amount,
    })),
    ...credits.map((row) => ({
      currency: row.currency, date: row.date, type: 'credit_note' as const, id: row.id, reference: row.number,
      description: row.reason ? `Credit note: ${row.reason}` : 'Credit note', debit: 0, credit: row.amount,
    })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0)));

  const currencies = new Set<string>([...opening.keys(), ...movements.map((m) => m.currency), ...aging.keys()]);
  if (currencies.size === 0) currencies.add(customer.currency);

  const blocks: CurrencyStatement[] = [...currencies]
    .sort((a, b) => (a === customer.currency ? -1 : b === customer.currency ? 1 : a.localeCompare(b)))
    .map((currency) => {
      const openingBalance = opening.get(currency) ?? 0;
      let balance = openingBalance;
      let debits = 0;
      let credits = 0;
      const lines = movements
        .filter((movement) => movement.currency === currency)
        .map(({ currency: _currency, ...movement }) => {
          balance += movement.debit - movement.credit;
          debits += movement.debit;
          credits += movement.credit;
          return { ...movement, balance };
        });
      return {
        currency,
        openingBalance,
        lines,
        totals: { debits, credits },
        closingBalance: openingBalance + debits - credits,
        aging: aging.get(currency) ?? { current: 0, days1to30: 0, days31to60: 0, days61to90: 0, days90plus: 0 },
      };
    });

  return { from: from ?? null, to, customer: { id: customer.id, name: customer.name }, currencies: blocks };
}

interface Scope {
  tenantId: string;
  customerId: string;
}

/**
 * Invoiced − paid − credited before `start`, per currency: the all-time totals (kept by
 * triggers in `customer_totals`) less what is dated on or after `start`, so the cost
 * follows the period asked for (and what came after it), not the years before it.
 */
async function openingBalances(db: Kysely<Database>, { tenantId, customerId }: Scope, start: string): Promise<Map<string, number>> {
  const since = db
    .selectFrom('invoices')
    .select(['currency', sql<number>`-total`.as('amount'), sql<number>`-1`.as('count')])
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('is_void', '=', false)
    .where('issue_date', '>=', start)
    .unionAll(
      db
        .selectFrom('payments')
        .select(['currency', 'amount', sql<number>`-1`.as('count')])
        .where('tenant_id', '=', tenantId)
        .where('customer_id', '=', customerId)
        .where('date', '>=', start),
    )
    .unionAll(
      db
        .selectFrom('credit_notes')
        .select(['currency', 'amount', sql<number>`-1`.as('count')])
        .where('tenant_id', '=', tenantId)
        .where('customer_id', '=', customerId)
        .where('date', '>=', start),
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
    .selectFrom(since.as('movements'))
    .select(['currency', sql<number>`sum(amount)`.as('balance')])
    .groupBy('currency')
    // Only currencies with something dated before `start` have an opening balance.
    .having(sql`sum(count)`, '>', 0)
    .execute();
  return new Map(rows.map((row) => [row.currency, row.balance]));
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
