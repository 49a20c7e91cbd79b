import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/connect.ts';
import { fixedClock } from '../src/clock.ts';
import { ingestFixture } from './fixture.ts';
import { type TestApi, backends, createTestApi, expectJson, uniqueId } from './harness.ts';

describe.each(backends())('Portal API on $name', (backend) => {
  let database: DatabaseHandle;
  let api: TestApi;
  let token: string;
  let customerId: string;
  const id = (name: string) => `${customerId}-${name}`;

  beforeAll(async () => {
    database = await backend.open();
    api = await createTestApi(database);
    customerId = uniqueId('cus');
    await ingestFixture(api, customerId);
    token = await api.token(customerId);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('summarises the account per currency with hand-computed figures', async () => {
    const summary = await expectJson(api.portal(token, '/v1/portal/summary'), 200);
    expect(summary.asOf).toBe('2026-06-15');
    expect(summary.status).toBe('past_due');
    expect(summary.currencies.map((block: { currency: string }) => block.currency)).toEqual(['USD', 'EUR']);
    const usd = summary.currencies[0];
    expect(usd).toMatchObject({
      currency: 'USD',
      outstanding: 62000,
      overdue: { count: 2, amount: 34000 },
      upcoming: { count: 1, amount: 20000 },
      totalPaid: 37000,
      availableCredit: { total: 8000, unappliedPayments: 5000, openCreditNotes: 3000 },
      netBalance: 54000,
      status: 'past_due',
      aging: { current: 28000, days1to30: 0, days31to60: 0, days61to90: 30000, days90plus: 4000 },
    });
    expect(usd.monthly).toHaveLength(12);
    expect(usd.monthly[0]).toEqual({ month: '2025-07', invoiced: 0, paid: 0 });
    expect(usd.monthly.slice(6)).toEqual([
      { month: '2026-01', invoiced: 12000, paid: 0 },
      { month: '2026-02', invoiced: 4000, paid: 12000 },
      { month: '2026-03', invoiced: 50000, paid: 25000 },
      { month: '2026-04', invoiced: 0, paid: 0 },
      { month: '2026-05', invoiced: 30000, paid: 0 },
      { month: '2026-06', invoiced: 8000, paid: 0 },
    ]);
    expect(summary.currencies[1]).toMatchObject({
      currency: 'EUR',
      outstanding: 9900,
      overdue: { count: 0, amount: 0 },
      upcoming: { count: 1, amount: 9900 },
      totalPaid: 0,
      status: 'current',
      aging: { current: 9900, days1to30: 0, days31to60: 0, days61to90: 0, days90plus: 0 },
    });
  });

  it('moves figures with the clock: a month later INV-3 is overdue too', async () => {
    api.setClock(fixedClock('2026-07-20'));
    try {
      const later = await api.token(customerId);
      const summary = await expectJson(api.portal(later, '/v1/portal/summary'), 200);
      // INV-3 (due 06-19) is 31 days late, INV-4 is due today (current), INV-2 110 days, INV-6 139 days.
      expect(summary.currencies[0].overdue).toEqual({ count: 3, amount: 54000 });
      expect(summary.currencies[0].aging).toEqual({ current: 8000, days1to30: 0, days31to60: 20000, days61to90: 0, days90plus: 34000 });
      expect(summary.currencies[1].status).toBe('past_due');
    } finally {
      api.setClock(fixedClock('2026-06-15'));
    }
  });

  it('shows the account with the primary contact first', async () => {
    const account = await expectJson(api.portal(token, '/v1/portal/account'), 200);
    expect(account).toMatchObject({
      id: customerId,
      name: 'Fixture Co',
      billingTerms: 'NET30',
      accountManager: { name: 'Ada Manager', email: 'ada@host.example', phone: null },
      customerSince: '2020-04-01',
      address: { line1: '1 Main St', line2: null, city: 'Springfield', country: 'US' },
      primaryContact: { id: 'ct2', name: 'Carol Chief' },
    });
    expect(account.contacts.map((contact: { id: string }) => contact.id)).toEqual(['ct2', 'ct1']);
  });

  it('lists invoices newest first with derived statuses and totals of the filtered set', async () => {
    const list = await expectJson(api.portal(token, '/v1/portal/invoices'), 200);
    expect(list.data.map((invoice: { number: string; status: string }) => `${invoice.number}:${invoice.status}`)).toEqual([
      'INV-7:open', 'INV-4:open', 'INV-3:partially_paid', 'INV-5:void', 'INV-2:overdue', 'INV-6:overdue', 'INV-1:paid',
    ]);
    expect(list.nextCursor).toBeNull();
    expect(list.totals).toEqual([
      { currency: 'EUR', count: 1, total: 9900, balance: 9900 },
      { currency: 'USD', count: 6, total: 111000, balance: 62000 },
    ]);
    expect(list.data.find((invoice: { number: string }) => invoice.number === 'INV-5')).toMatchObject({ total: 7000, balance: 0, status: 'void' });
    const inv3 = list.data.find((invoice: { number: string }) => invoice.number === 'INV-3');
    expect(inv3).toMatchObject({ subtotal: 25000, tax: 5000, total: 30000, amountPaid: 0, amountCredited: 10000, balance: 20000 });
  });

  it('filters invoices by status, date range, number and currency', async () => {
    const overdue = await expectJson(api.portal(token, '/v1/portal/invoices?status=overdue'), 200);
    expect(overdue.data.map((invoice: { number: string }) => invoice.number)).toEqual(['INV-2', 'INV-6']);
    expect(overdue.totals).toEqual([{ currency: 'USD', count: 2, total: 54000, balance: 34000 }]);

    const several = await expectJson(api.portal(token, '/v1/portal/invoices?status=paid,void&sort=issueDate'), 200);
    expect(several.data.map((invoice: { number: string }) => invoice.number)).toEqual(['INV-1', 'INV-5']);

    const range = await expectJson(api.portal(token, '/v1/portal/invoices?from=2026-03-01&to=2026-05-31'), 200);
    expect(range.data.map((invoice: { number: string }) => invoice.number)).toEqual(['INV-3', 'INV-5', 'INV-2']);

    const search = await expectJson(api.portal(token, '/v1/portal/invoices?q=inv-2'), 200);
    expect(search.data.map((invoice: { number: string }) => invoice.number)).toEqual(['INV-2']);

    const literal = await expectJson(api.portal(token, '/v1/portal/invoices?q=%25'), 200);
    expect(literal.data).toEqual([]);

    const eur = await expectJson(api.portal(token, '/v1/portal/invoices?currency=EUR'), 200);
    expect(eur.data.map((invoice: { number: string }) => invoice.number)).toEqual(['INV-7']);
  });

  it('pages invoices with keyset cursors in every sort order, without gaps or repeats', async () => {
    for (const sort of ['-issueDate', 'issueDate', 'dueDate', '-dueDate', 'number', '-number', 'total', '-total', 'balance', '-balance']) {
      const all = await expectJson(api.portal(token, `/v1/portal/invoices?sort=${sort}&limit=100`), 200);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `/v1/portal/invoices?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await expectJson(api.portal(token, query), 200);
        expect(page.data.length).toBeLessThanOrEqual(2);
        seen.push(...page.data.map((invoice: { id: string }) => invoice.id));
        // Totals describe the whole filtered set on every page.
        expect(page.totals).toEqual(all.totals);
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen, sort).toEqual(all.data.map((invoice: { id: string }) => invoice.id));
    }
    const byTotal = await expectJson(api.portal(token, '/v1/portal/invoices?sort=-total&limit=3'), 200);
    expect(byTotal.data.map((invoice: { total: number }) => invoice.total)).toEqual([50000, 30000, 12000]);
  });

  it('refuses a cursor from another sort order or a forged one (400)', async () => {
    const first = await expectJson(api.portal(token, '/v1/portal/invoices?limit=2'), 200);
    const wrongSort = await expectJson(api.portal(token, `/v1/portal/invoices?limit=2&sort=total&cursor=${first.nextCursor}`), 400);
    expect(wrongSort.error.code).toBe('bad_request');
    await expectJson(api.portal(token, '/v1/portal/invoices?cursor=not-a-cursor'), 400);
  });

  it('shows an invoice with lines, tax, payments and credits applied', async () => {
    const inv3 = await expectJson(api.portal(token, `/v1/portal/invoices/${id('INV-3')}`), 200);
    expect(inv3.lines).toEqual([{ position: 1, description: 'Service', quantity: 1, unitPrice: 25000, amount: 25000, taxRate: 20, taxAmount: 5000 }]);
    expect(inv3.credits).toEqual([{ creditNoteId: id('CN1'), number: 'CN-1', date: '2026-05-25', amount: 10000, appliedOn: '2026-05-25' }]);
    expect(inv3.payments).toEqual([]);
    const inv2 = await expectJson(api.portal(token, `/v1/portal/invoices/${id('INV-2')}`), 200);
    expect(inv2.payments).toEqual([
      { paymentId: id('P2'), date: '2026-03-20', method: 'bank_transfer', reference: 'WIRE-0002', amount: 20000, appliedOn: '2026-03-20' },
    ]);
    expect(inv2.lines).toHaveLength(2);
  });

  it('lists payments with what they paid and what is left unapplied', async () => {
    const list = await expectJson(api.portal(token, '/v1/portal/payments'), 200);
    expect(list.data.map((payment: { id: string }) => payment.id)).toEqual([id('P2'), id('P1')]);
    expect(list.data[0]).toMatchObject({
      amount: 25000, amountApplied: 20000, unapplied: 5000, method: 'bank_transfer',
      allocations: [{ invoiceId: id('INV-2'), invoiceNumber: 'INV-2', amount: 20000, appliedOn: '2026-03-20' }],
    });
    expect(list.totals).toEqual([{ currency: 'USD', count: 2, amount: 37000, unapplied: 5000 }]);
    const cards = await expectJson(api.portal(token, '/v1/portal/payments?method=card'), 200);
    expect(cards.data.map((payment: { id: string }) => payment.id)).toEqual([id('P1')]);
    const march = await expectJson(api.portal(token, '/v1/portal/payments?from=2026-03-01&to=2026-03-31'), 200);
    expect(march.data.map((payment: { id: string }) => payment.id)).toEqual([id('P2')]);
    const one = await expectJson(api.portal(token, `/v1/portal/payments/${id('P1')}`), 200);
    expect(one).toMatchObject({ amount: 12000, unapplied: 0, reference: 'CARD-0001' });
  });

  it('lists credit notes with the invoices they were applied to and the credit remaining', async () => {
    const list = await expectJson(api.portal(token, '/v1/portal/credit-notes'), 200);
    expect(list.data.map((note: { number: string; status: string; remaining: number }) => [note.number, note.status, note.remaining])).toEqual([
      ['CN-2', 'open', 3000],
      ['CN-1', 'applied', 0],
    ]);
    expect(list.data[1].allocations).toEqual([{ invoiceId: id('INV-3'), invoiceNumber: 'INV-3', amount: 10000, appliedOn: '2026-05-25' }]);
    expect(list.totals).toEqual([{ currency: 'USD', count: 2, amount: 13000, remaining: 3000 }]);
  });

  it('builds a statement with opening balance, running balance, closing balance and aging at the end date', async () => {
    const statement = await expectJson(api.portal(token, '/v1/portal/statement?from=2026-03-01&to=2026-05-31'), 200);
    expect(statement.currencies).toHaveLength(1);
    const usd = statement.currencies[0];
    expect(usd.openingBalance).toBe(4000);
    expect(usd.lines.map((line: { date: string; type: string; reference: string; debit: number; credit: number; balance: number }) =>
      [line.date, line.type, line.reference, line.debit, line.credit, line.balance])).toEqual([
      ['2026-03-01', 'invoice', 'INV-2', 50000, 0, 54000],
      ['2026-03-20', 'payment', 'WIRE-0002', 0, 25000, 29000],
      ['2026-05-20', 'invoice', 'INV-3', 30000, 0, 59000],
      ['2026-05-25', 'credit_note', 'CN-1', 0, 10000, 49000],
    ]);
    // What a display in another language composes its own description from.
    expect(usd.lines.map(({ description, dueDate, method, reason }: Record<string, string | undefined>) => ({ description, dueDate, method, reason }))).toEqual([
      { description: 'Invoice INV-2, due 2026-03-31', dueDate: '2026-03-31' },
      { description: 'Payment (bank transfer)', method: 'bank_transfer' },
      { description: 'Invoice INV-3, due 2026-06-19', dueDate: '2026-06-19' },
      { description: 'Credit note: Service outage', reason: 'Service outage' },
    ]);
    expect(usd.totals).toEqual({ debits: 80000, credits: 35000 });
    expect(usd.closingBalance).toBe(49000);
    expect(usd.aging).toEqual({ current: 20000, days1to30: 0, days31to60: 0, days61to90: 34000, days90plus: 0 });
  });

  it("opens the next period at the previous period's closing balance and closes today at the net balance", async () => {
    const june = await expectJson(api.portal(token, '/v1/portal/statement?from=2026-06-01&to=2026-06-30'), 200);
    const usd = june.currencies.find((block: { currency: string }) => block.currency === 'USD');
    expect(usd.openingBalance).toBe(49000);
    expect(usd.closingBalance).toBe(54000);
    const eur = june.currencies.find((block: { currency: string }) => block.currency === 'EUR');
    expect(eur).toMatchObject({ openingBalance: 0, closingBalance: 9900 });
    const all = await expectJson(api.portal(token, '/v1/portal/statement'), 200);
    expect(all.from).toBeNull();
    expect(all.to).toBe('2026-06-15');
    expect(all.currencies[0]).toMatchObject({ currency: 'USD', openingBalance: 0, closingBalance: 54000 });
  });

  it('rejects a statement range that ends before it starts', async () => {
    const body = await expectJson(api.portal(token, '/v1/portal/statement?from=2026-06-01&to=2026-05-01'), 400);
    expect(body.error.details[0].path).toBe('to');
    await expectJson(api.portal(token, '/v1/portal/statement?from=2026-02-30'), 400);
  });

  it("answers 404 for another customer's or another tenant's records, exactly as for missing ones", async () => {
    const otherCustomer = uniqueId('cus');
    await ingestFixture(api, otherCustomer);
    const theirs = `${otherCustomer}-INV-1`;
    const missing = await api.portal(token, '/v1/portal/invoices/does-not-exist');
    const foreign = await api.portal(token, `/v1/portal/invoices/${theirs}`);
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect((await foreign.json()).error.code).toBe('not_found');
    for (const path of [`payments/${otherCustomer}-P1`, `credit-notes/${otherCustomer}-CN1`]) {
      expect((await api.portal(token, `/v1/portal/${path}`)).status).toBe(404);
    }
    const otherTenant = await createTestApi(database);
    await ingestFixture(otherTenant, customerId);
    const theirToken = await otherTenant.token(customerId);
    // Same customer id, other tenant: the token's tenant scopes everything.
    expect((await api.portal(theirToken, `/v1/portal/invoices/${id('INV-1')}`)).status).toBe(200);
    const ours = await expectJson(api.portal(token, '/v1/portal/summary'), 200);
    expect(ours.currencies[0].outstanding).toBe(62000);
  });

  it('refuses missing, malformed, forged and expired tokens with 401', async () => {
    expect((await api.app.request('/v1/portal/summary')).status).toBe(401);
    const bad = await expectJson(api.portal('not-a-token', '/v1/portal/summary'), 401);
    expect(bad.error.code).toBe('unauthorized');
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(43)}`;
    expect((await api.portal(forged, '/v1/portal/summary')).status).toBe(401);
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', kid: api.tenantId })).toString('base64url')}.${payload}.`;
    expect((await api.portal(unsigned, '/v1/portal/summary')).status).toBe(401);
    // The secret key is not a session token.
    expect((await api.portal(api.secretKey, '/v1/portal/summary')).status).toBe(401);
    api.setClock(fixedClock('2026-06-15T13:00:00Z'));
    try {
      const expired = await expectJson(api.portal(token, '/v1/portal/summary'), 401);
      expect(expired.error.code).toBe('token_expired');
    } finally {
      api.setClock(fixedClock('2026-06-15'));
    }
  });

  it('shows sales orders with the invoices billed from them, and schedules with today’s visit upcoming', async () => {
    const orders = await expectJson(api.portal(token, '/v1/portal/sales-orders'), 200);
    expect(orders.data).toEqual([
      {
        id: id('SO-1'), customerId, number: 'SO-1', currency: 'USD', orderDate: '2026-02-20', servicePeriod: { start: '2026-03-01', end: '2026-08-31' },
        status: 'in_progress', total: 50000, lineCount: 1, invoiced: 50000, invoices: [{ id: id('INV-2'), number: 'INV-2' }],
      },
    ]);
    const schedules = await expectJson(api.portal(token, '/v1/portal/schedules'), 200);
    expect(schedules.data[0]).toMatchObject({ kind: 'service', status: 'active', nextItem: { id: 'v2', date: '2026-06-15', windowStart: '13:00', status: 'upcoming' }, totalAmount: null });
  });

  it('validates list queries (400 with details)', async () => {
    const body = await expectJson(api.portal(token, '/v1/portal/invoices?limit=1000&status=unpaid'), 400);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['limit', 'status.0']);
    await expectJson(api.portal(token, '/v1/portal/payments?method=cheque'), 400);
    await expectJson(api.portal(token, '/v1/portal/invoices?from=yesterday'), 400);
  });
});
