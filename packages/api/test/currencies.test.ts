import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/connect.ts';
import { type TestApi, backends, createTestApi, expectJson, uniqueId } from './harness.ts';

describe.each(backends())('0- and 3-decimal currencies on $name', (backend) => {
  let database: DatabaseHandle;
  let api: TestApi;
  const cus = uniqueId('cus');

  beforeAll(async () => {
    database = await backend.open();
    api = await createTestApi(database);
    await expectJson(api.host('POST', '/v1/customers', { id: cus, name: 'Gulf & Tokyo Trading', currency: 'KWD' }), 200);
    await expectJson(
      api.host('POST', '/v1/invoices', {
        data: [
          // 12.345 KWD, fils are thousandths.
          { id: `${cus}-k1`, customerId: cus, number: 'K-1', currency: 'KWD', issueDate: '2026-06-01', dueDate: '2026-06-30', lines: [{ description: 'Fee', unitPrice: 12345, amount: 12345 }] },
          // ¥1,000: yen have no minor unit.
          { id: `${cus}-j1`, customerId: cus, number: 'J-1', currency: 'JPY', issueDate: '2026-04-01', dueDate: '2026-04-30', lines: [{ description: 'Fee', unitPrice: 1000, amount: 1000 }] },
        ],
      }),
      200,
    );
    await expectJson(
      api.host('POST', '/v1/payments', { id: `${cus}-kp`, customerId: cus, currency: 'KWD', amount: 345, date: '2026-06-02', method: 'bank_transfer', allocations: [{ invoiceId: `${cus}-k1`, amount: 345 }] }),
      200,
    );
  });
  afterAll(async () => {
    await database?.close();
  });

  it('keeps integer minor units per currency and never mixes them', async () => {
    const token = await api.token(cus);
    const summary = await expectJson(api.portal(token, '/v1/portal/summary'), 200);
    expect(summary.currencies.map((block: { currency: string }) => block.currency)).toEqual(['KWD', 'JPY']);
    expect(summary.currencies[0]).toMatchObject({ outstanding: 12000, totalPaid: 345, upcoming: { count: 1, amount: 12000 }, status: 'current' });
    expect(summary.currencies[1]).toMatchObject({ outstanding: 1000, overdue: { count: 1, amount: 1000 }, aging: { days31to60: 1000 }, status: 'past_due' });
    const list = await expectJson(api.portal(token, '/v1/portal/invoices'), 200);
    expect(list.totals).toEqual([
      { currency: 'JPY', count: 1, total: 1000, balance: 1000 },
      { currency: 'KWD', count: 1, total: 12345, balance: 12000 },
    ]);
  });

  it('refuses a payment allocated across currencies', async () => {
    const body = await expectJson(
      api.host('POST', '/v1/payments', { id: uniqueId('p'), customerId: cus, currency: 'KWD', amount: 1000, date: '2026-06-02', method: 'card', allocations: [{ invoiceId: `${cus}-j1`, amount: 10 }] }),
      422,
    );
    expect(body.error.details[0].message).toBe('invoice J-1 is in JPY, the payment in KWD');
  });
});
