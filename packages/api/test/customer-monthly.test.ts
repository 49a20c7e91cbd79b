import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/connect.ts';
import type { Database } from '../src/db/database.ts';
import { seedTenantData } from '../src/seed/generate.ts';
import { type TestApi, backends, createTestApi, expectJson, uniqueId } from './harness.ts';

const TODAY = '2026-06-15';

/** The monthly figures recomputed from every row: what the triggers must always agree with. */
async function recomputed(db: Kysely<Database>, tenantId: string) {
  const { rows } = await sql<{ customer_id: string; currency: string; month: string; invoiced: string; paid: string }>`
    select customer_id, trim(currency) as currency, to_char(month, 'YYYY-MM-DD') as month, sum(invoiced) as invoiced, sum(paid) as paid
    from (
      select customer_id, currency, date_trunc('month', issue_date)::date as month, case when is_void then 0 else total end as invoiced, 0 as paid
      from invoices where tenant_id = ${tenantId}
      union all
      select customer_id, currency, date_trunc('month', date)::date, 0, amount from payments where tenant_id = ${tenantId}
    ) as everything
    group by customer_id, currency, month
    having sum(invoiced) <> 0 or sum(paid) <> 0
    order by customer_id, currency, month`.execute(db);
  return rows.map((row) => ({ ...row, invoiced: Number(row.invoiced), paid: Number(row.paid) }));
}

async function stored(db: Kysely<Database>, tenantId: string) {
  const { rows } = await sql<{ customer_id: string; currency: string; month: string; invoiced: number; paid: number }>`
    select customer_id, trim(currency) as currency, to_char(month, 'YYYY-MM-DD') as month, invoiced, paid
    from customer_monthly
    -- A month whose records all moved away keeps a row of zeros: not a difference.
    where tenant_id = ${tenantId} and (invoiced <> 0 or paid <> 0)
    order by customer_id, currency, month`.execute(db);
  return rows;
}

/**
 * `customer_monthly` is kept by triggers and the summary's chart reads its closed months
 * from it (migration 0005). These tests hold it to a recomputation from the rows after
 * bulk seeding and after every kind of write that moves an amount between months, and
 * hold the chart the summary shows to the plain definition.
 */
describe.each(backends())('customer monthly figures on $name', (backend) => {
  let database: DatabaseHandle;
  let api: TestApi;
  let customers: string[];

  beforeAll(async () => {
    database = await backend.open();
    api = await createTestApi(database, { today: TODAY });
    customers = (await seedTenantData(database.db, { tenantId: api.tenantId, customers: 4, years: 2, seed: 11, today: TODAY })).customerIds;
  });
  afterAll(async () => {
    await database?.close();
  });

  it('agree with the rows after bulk seeding', async () => {
    const expected = await recomputed(database.db, api.tenantId);
    expect(expected.length).toBeGreaterThan(customers.length * 12);
    expect(await stored(database.db, api.tenantId)).toEqual(expected);
  });

  it('agree with the rows after writes that change totals, void invoices and move dates', async () => {
    const cus = uniqueId('cus');
    const check = async () => expect(await stored(database.db, api.tenantId)).toEqual(await recomputed(database.db, api.tenantId));
    await expectJson(api.host('POST', '/v1/customers', { id: cus, name: 'Monthly Ltd', currency: 'USD' }), 200);
    const invoice = (id: string, amount: number, extra: object = {}) => ({
      id: `${cus}-${id}`, customerId: cus, number: id, currency: 'USD', issueDate: '2026-04-10', dueDate: '2026-05-10',
      lines: [{ description: 'Service', unitPrice: amount, amount }], ...extra,
    });
    await expectJson(api.host('POST', '/v1/invoices', { data: [invoice('A', 10_000), invoice('B', 20_000), invoice('E', 700, { currency: 'EUR' })] }), 200);
    await check();
    // A changed total, a void, and an invoice moved to another month.
    await expectJson(api.host('POST', '/v1/invoices', { data: [invoice('A', 12_000), invoice('E', 700, { currency: 'EUR', void: true }), invoice('B', 20_000, { issueDate: '2026-05-02' })] }), 200);
    await check();
    const payment = (date: string, allocations: { invoiceId: string; amount: number }[]) => ({
      id: `${cus}-P`, customerId: cus, currency: 'USD', amount: 15_000, date, method: 'card', allocations,
    });
    await expectJson(api.host('POST', '/v1/payments', payment('2026-04-20', [{ invoiceId: `${cus}-A`, amount: 12_000 }])), 200);
    await check();
    // Re-sent with its date moved into the next month and its allocation changed.
    await expectJson(api.host('POST', '/v1/payments', payment('2026-05-03', [{ invoiceId: `${cus}-B`, amount: 15_000 }])), 200);
    await check();
    const months = await stored(database.db, api.tenantId);
    expect(months.filter((row) => row.customer_id === cus)).toEqual([
      { customer_id: cus, currency: 'USD', month: '2026-04-01', invoiced: 12_000, paid: 0 },
      { customer_id: cus, currency: 'USD', month: '2026-05-01', invoiced: 20_000, paid: 15_000 },
    ]);
  });

  it("show the plain definition in the summary's chart, this month counted up to today only", async () => {
    // Dated after today but within this month: not on the chart yet.
    const late = uniqueId('inv');
    await expectJson(
      api.host('POST', '/v1/invoices', {
        data: [{ id: late, customerId: customers[0], number: late, currency: 'USD', issueDate: '2026-06-28', dueDate: '2026-07-28', lines: [{ description: 'Later', unitPrice: 999, amount: 999 }] }],
      }),
      200,
    );
    for (const customer of customers) {
      const summary = await expectJson(api.portal(await api.token(customer), '/v1/portal/summary'), 200);
      const { rows } = await sql<{ currency: string; month: string; invoiced: string; paid: string }>`
        select trim(currency) as currency, month, sum(invoiced) as invoiced, sum(paid) as paid from (
          select currency, to_char(issue_date, 'YYYY-MM') as month, total as invoiced, 0 as paid from invoices
          where tenant_id = ${api.tenantId} and customer_id = ${customer} and not is_void and issue_date between '2025-07-01' and ${TODAY}
          union all
          select currency, to_char(date, 'YYYY-MM'), 0, amount from payments
          where tenant_id = ${api.tenantId} and customer_id = ${customer} and date between '2025-07-01' and ${TODAY}
        ) m group by currency, month`.execute(database.db);
      for (const block of summary.currencies as { currency: string; monthly: { month: string; invoiced: number; paid: number }[] }[]) {
        expect(block.monthly.map((entry) => entry.month)).toEqual(Array.from({ length: 12 }, (_, index) => `${index < 6 ? 2025 : 2026}-${String(((index + 6) % 12) + 1).padStart(2, '0')}`));
        for (const entry of block.monthly) {
          const row = rows.find((candidate) => candidate.currency === block.currency && candidate.month === entry.month);
          expect(entry, `${customer} ${block.currency} ${entry.month}`).toEqual({ month: entry.month, invoiced: Number(row?.invoiced ?? 0), paid: Number(row?.paid ?? 0) });
        }
      }
    }
  });
});
