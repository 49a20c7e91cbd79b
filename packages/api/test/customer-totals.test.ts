import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/connect.ts';
import type { Database } from '../src/db/database.ts';
import { seedTenantData } from '../src/seed/generate.ts';
import { type TestApi, backends, createTestApi, expectJson, uniqueId } from './harness.ts';

const TODAY = '2026-06-15';

/** The totals recomputed from every row: what the triggers must always agree with. */
async function recomputed(db: Kysely<Database>, tenantId: string) {
  const { rows } = await sql<Record<string, number | string>>`
    select customer_id, trim(currency) as currency,
           sum(invoice_count) as invoice_count, sum(invoice_total) as invoice_total, sum(invoice_balance) as invoice_balance,
           sum(void_count) as void_count, sum(void_total) as void_total,
           sum(payment_count) as payment_count, sum(payment_amount) as payment_amount, sum(payment_applied) as payment_applied,
           sum(credit_count) as credit_count, sum(credit_amount) as credit_amount, sum(credit_applied) as credit_applied
    from (
      select customer_id, currency, count(*) as invoice_count, sum(total) as invoice_total, sum(balance) as invoice_balance,
             count(*) filter (where is_void) as void_count, coalesce(sum(total) filter (where is_void), 0) as void_total,
             0 as payment_count, 0 as payment_amount, 0 as payment_applied, 0 as credit_count, 0 as credit_amount, 0 as credit_applied
      from invoices where tenant_id = ${tenantId} group by customer_id, currency
      union all
      select customer_id, currency, 0, 0, 0, 0, 0, count(*), sum(amount), sum(amount_applied), 0, 0, 0
      from payments where tenant_id = ${tenantId} group by customer_id, currency
      union all
      select customer_id, currency, 0, 0, 0, 0, 0, 0, 0, 0, count(*), sum(amount), sum(amount_applied)
      from credit_notes where tenant_id = ${tenantId} group by customer_id, currency
    ) as everything
    group by customer_id, currency
    order by customer_id, currency`.execute(db);
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, key === 'customer_id' || key === 'currency' ? value : Number(value)])));
}

async function stored(db: Kysely<Database>, tenantId: string) {
  const rows = await db
    .selectFrom('customer_totals')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    // A currency whose last record moved away keeps a row of zeros: not a difference.
    .where((eb) => eb.or([eb('invoice_count', '>', 0), eb('payment_count', '>', 0), eb('credit_count', '>', 0)]))
    .orderBy('customer_id')
    .orderBy('currency')
    .execute();
  return rows.map(({ tenant_id: _tenant, ...row }) => ({ ...row, currency: row.currency.trim() }));
}

/**
 * `customer_totals` is kept by triggers; the summary, the lists' totals and the
 * statement's opening balance read it instead of the customer's whole history. These
 * tests hold it to a recomputation from the rows after bulk seeding and after every kind
 * of ingest write, and hold the statement's opening balance and aging (which no longer
 * read the whole history) to the plain definitions at many dates.
 */
describe.each(backends())('customer totals on $name', (backend) => {
  let database: DatabaseHandle;
  let api: TestApi;
  let customers: string[];

  beforeAll(async () => {
    database = await backend.open();
    api = await createTestApi(database, { today: TODAY });
    const seeded = await seedTenantData(database.db, { tenantId: api.tenantId, customers: 4, years: 3, seed: 7, today: TODAY });
    customers = seeded.customerIds;
  });
  afterAll(async () => {
    await database?.close();
  });

  it('agree with the rows after bulk seeding (multi-row inserts, several currencies, void invoices)', async () => {
    const expected = await recomputed(database.db, api.tenantId);
    expect(expected.length).toBeGreaterThan(customers.length);
    expect(await stored(database.db, api.tenantId)).toEqual(expected);
  });

  it('agree with the rows after each kind of ingest write', async () => {
    const cus = uniqueId('cus');
    const check = async () => expect(await stored(database.db, api.tenantId)).toEqual(await recomputed(database.db, api.tenantId));
    await expectJson(api.host('POST', '/v1/customers', { id: cus, name: 'Totals Ltd', currency: 'USD' }), 200);
    const invoice = (id: string, amount: number, extra: object = {}) => ({
      id: `${cus}-${id}`, customerId: cus, number: id, currency: 'USD', issueDate: '2026-05-01', dueDate: '2026-05-31',
      lines: [{ description: 'Service', unitPrice: amount, amount }], ...extra,
    });
    await expectJson(api.host('POST', '/v1/invoices', { data: [invoice('A', 10_000), invoice('B', 20_000), invoice('C', 5_000), invoice('E', 700, { currency: 'EUR' })] }), 200);
    await check();
    // A changed total, and a void.
    await expectJson(api.host('POST', '/v1/invoices', { data: [invoice('A', 12_000), invoice('C', 5_000, { void: true })] }), 200);
    await check();
    const payment = (allocations: { invoiceId: string; amount: number }[]) => ({
      id: `${cus}-P`, customerId: cus, currency: 'USD', amount: 15_000, date: '2026-05-10', method: 'card', allocations,
    });
    await expectJson(api.host('POST', '/v1/payments', payment([{ invoiceId: `${cus}-A`, amount: 12_000 }])), 200);
    await check();
    // The same payment re-sent with its allocations moved: old ones out, new ones in.
    await expectJson(api.host('POST', '/v1/payments', payment([{ invoiceId: `${cus}-B`, amount: 9_000 }, { invoiceId: `${cus}-A`, amount: 1_000 }])), 200);
    await check();
    await expectJson(
      api.host('POST', '/v1/credit-notes', {
        id: `${cus}-N`, customerId: cus, number: 'N-1', currency: 'USD', date: '2026-05-12', amount: 4_000, reason: 'Goodwill',
        allocations: [{ invoiceId: `${cus}-B`, amount: 2_500 }],
      }),
      200,
    );
    await check();
    const token = await api.token(cus);
    const summary = await expectJson(api.portal(token, '/v1/portal/summary'), 200);
    expect(summary.currencies.map((block: { currency: string }) => block.currency)).toEqual(['USD', 'EUR']);
    expect(summary.currencies[0]).toMatchObject({ totalPaid: 15_000, availableCredit: { unappliedPayments: 5_000, openCreditNotes: 1_500 } });
    const list = await expectJson(api.portal(token, '/v1/portal/invoices'), 200);
    expect(list.totals).toEqual([
      { currency: 'EUR', count: 1, total: 700, balance: 700 },
      { currency: 'USD', count: 3, total: 37_000, balance: (12_000 - 1_000) + (20_000 - 9_000 - 2_500) },
    ]);
  });

  it('give every statement the opening balance and aging of the plain definitions', async () => {
    const dates = ['2023-01-01', '2023-07-19', '2024-02-29', '2024-12-31', '2025-06-15', '2026-01-01', '2026-05-20', TODAY];
    for (const customer of customers) {
      const token = await api.token(customer);
      for (const [index, from] of dates.entries()) {
        const to = index + 2 < dates.length ? dates[index + 2]! : TODAY;
        const statement = await expectJson(api.portal(token, `/v1/portal/statement?from=${from}&to=${to}`), 200);
        const opening = await sql<{ currency: string; balance: number }>`
          select currency, sum(amount) as balance from (
            select currency, total as amount from invoices where tenant_id = ${api.tenantId} and customer_id = ${customer} and not is_void and issue_date < ${from}::date
            union all select currency, -amount from payments where tenant_id = ${api.tenantId} and customer_id = ${customer} and date < ${from}::date
            union all select currency, -amount from credit_notes where tenant_id = ${api.tenantId} and customer_id = ${customer} and date < ${from}::date
          ) m group by currency`.execute(database.db);
        // Each invoice's balance at `to`, bucketed by days past due then.
        const aging = await sql<{ currency: string; late: number; balance: number }>`
          select currency, ${to}::date - due_date as late, total
            - coalesce((select sum(amount) from payment_allocations a where a.tenant_id = i.tenant_id and a.invoice_id = i.id and a.applied_on <= ${to}::date), 0)
            - coalesce((select sum(amount) from credit_allocations a where a.tenant_id = i.tenant_id and a.invoice_id = i.id and a.applied_on <= ${to}::date), 0) as balance
          from invoices i where tenant_id = ${api.tenantId} and customer_id = ${customer} and not is_void and issue_date <= ${to}::date`.execute(database.db);
        for (const block of statement.currencies as { currency: string; openingBalance: number; aging: Record<string, number> }[]) {
          const label = `${customer} ${block.currency} ${from}…${to}`;
          expect(block.openingBalance, label).toBe(Number(opening.rows.find((row) => row.currency.trim() === block.currency)?.balance ?? 0));
          const buckets = { current: 0, days1to30: 0, days31to60: 0, days61to90: 0, days90plus: 0 };
          for (const row of aging.rows.filter((row) => row.currency.trim() === block.currency && Number(row.balance) > 0)) {
            const late = Number(row.late);
            const bucket = late <= 0 ? 'current' : late <= 30 ? 'days1to30' : late <= 60 ? 'days31to60' : late <= 90 ? 'days61to90' : 'days90plus';
            buckets[bucket] += Number(row.balance);
          }
          expect(block.aging, label).toEqual(buckets);
        }
        // Every currency with something before `from` has its opening line.
        const shown = statement.currencies.map((block: { currency: string }) => block.currency);
        for (const row of opening.rows) expect(shown, `${customer} ${from}`).toContain(row.currency.trim());
      }
    }
  });
});
