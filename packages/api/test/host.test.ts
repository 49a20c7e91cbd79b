import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/connect.ts';
import { revokeApiKey, createApiKey } from '../src/queries/tenants.ts';
import { ingestFixture } from './fixture.ts';
import { type TestApi, backends, createTestApi, expectJson, uniqueId } from './harness.ts';

const customer = (id: string, extra: object = {}) => ({ id, name: `Customer ${id}`, currency: 'USD', ...extra });
const invoice = (id: string, customerId: string, total: number, extra: object = {}) => ({
  id, customerId, number: id.toUpperCase(), currency: 'USD', issueDate: '2026-05-01', dueDate: '2026-05-31',
  lines: [{ description: 'Plan', unitPrice: total, amount: total }], ...extra,
});

describe.each(backends())('Host API on $name', (backend) => {
  let database: DatabaseHandle;
  let api: TestApi;
  let cus: string;
  const logs: string[] = [];

  beforeAll(async () => {
    database = await backend.open();
    api = await createTestApi(database, { config: { maxBodyBytes: 64 * 1024 }, logs });
    cus = uniqueId('cus');
    await expectJson(api.host('POST', '/v1/customers', customer(cus)), 200);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('mints a 15-minute session token for a customer of the tenant', async () => {
    const session = await expectJson(api.host('POST', '/v1/sessions', { customerId: cus }), 201);
    expect(session.customerId).toBe(cus);
    expect(new Date(session.expiresAt).getTime() - api.deps.clock.now().getTime()).toBeCloseTo(900_000, -4);
    const custom = await expectJson(api.host('POST', '/v1/sessions', { customerId: cus, ttlSeconds: 60 }), 201);
    expect(new Date(custom.expiresAt).getTime() - api.deps.clock.now().getTime()).toBeCloseTo(60_000, -4);
    const unknown = await expectJson(api.host('POST', '/v1/sessions', { customerId: 'nobody' }), 404);
    expect(unknown.error.code).toBe('not_found');
    await expectJson(api.host('POST', '/v1/sessions', { customerId: cus, ttlSeconds: 999_999 }), 400);
  });

  it('refuses missing, malformed, unknown and revoked secret keys with 401', async () => {
    const noKey = await api.app.request('/v1/customers');
    expect(noKey.status).toBe(401);
    expect(noKey.headers.get('www-authenticate')).toBe('Bearer');
    expect((await api.app.request('/v1/customers', { headers: { Authorization: 'Basic abc' } })).status).toBe(401);
    expect((await api.app.request('/v1/customers', { headers: { Authorization: `Bearer ssp_sk_${'x'.repeat(43)}` } })).status).toBe(401);
    const token = await api.token(cus);
    expect((await api.app.request('/v1/customers', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);

    const second = await createApiKey(api.deps.db, api.tenantId, 'rotation');
    const withSecond = { headers: { Authorization: `Bearer ${second.secret}` } };
    expect((await api.app.request('/v1/customers', withSecond)).status).toBe(200);
    await revokeApiKey(api.deps.db, api.tenantId, second.id, new Date());
    const revoked = await expectJson(api.app.request('/v1/customers', withSecond), 401);
    expect(revoked.error.message).toMatch(/revoked/);
    // The first key still works: rotation is two keys, then revoking the old one.
    await expectJson(api.host('GET', '/v1/customers'), 200);
  });

  it('upserts a customer and replaces its contacts', async () => {
    const id = uniqueId('cus');
    await expectJson(api.host('POST', '/v1/customers', customer(id, { contacts: [{ id: 'a', name: 'A', isPrimary: true }, { id: 'b', name: 'B' }] })), 200);
    const updated = await expectJson(api.host('POST', '/v1/customers', customer(id, { name: 'Renamed', contacts: [{ id: 'c', name: 'C' }] })), 200);
    expect(updated.name).toBe('Renamed');
    expect(updated.contacts.map((contact: { id: string }) => contact.id)).toEqual(['c']);
    expect(updated.primaryContact).toBeNull();
    const twoPrimaries = await expectJson(
      api.host('POST', '/v1/customers', customer(id, { contacts: [{ id: 'a', name: 'A', isPrimary: true }, { id: 'b', name: 'B', isPrimary: true }] })),
      400,
    );
    expect(twoPrimaries.error.details[0].path).toBe('contacts');
  });

  it('lists the tenant’s customers with a cursor', async () => {
    const ids = [uniqueId('zz'), uniqueId('zz'), uniqueId('zz')];
    await expectJson(api.host('POST', '/v1/customers', { data: ids.map((id) => customer(id)) }), 200);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { id: string }[]; nextCursor: string | null } = await expectJson(api.host('GET', `/v1/customers?limit=2${cursor ? `&cursor=${cursor}` : ''}`), 200);
      seen.push(...page.data.map((row) => row.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    for (const id of [cus, ...ids]) expect(seen).toContain(id);
    const one = await expectJson(api.host('GET', `/v1/customers?customerId=${ids[1]}`), 200);
    expect(one.data.map((row: { id: string }) => row.id)).toEqual([ids[1]]);
  });

  it('computes invoice totals from the lines and keeps the balance in step with allocations', async () => {
    const id = uniqueId('inv');
    const created = await expectJson(
      api.host('POST', '/v1/invoices', invoice(id, cus, 0, { lines: [{ description: 'A', quantity: 2.5, unitPrice: 1000, amount: 2500, taxRate: 10, taxAmount: 250 }, { description: 'Discount', unitPrice: -500, amount: -500 }] })),
      200,
    );
    expect(created).toMatchObject({ subtotal: 2000, tax: 250, total: 2250, balance: 2250, status: 'overdue' });
    expect(created.lines[0]).toMatchObject({ quantity: 2.5, taxRate: 10 });
    const pay = uniqueId('pay');
    const payment = await expectJson(
      api.host('POST', '/v1/payments', { id: pay, customerId: cus, currency: 'USD', amount: 3000, date: '2026-05-10', method: 'card', allocations: [{ invoiceId: id, amount: 2250 }] }),
      200,
    );
    expect(payment).toMatchObject({ amountApplied: 2250, unapplied: 750 });
    // Re-allocating the same payment replaces its allocations; the invoice follows.
    await expectJson(api.host('POST', '/v1/payments', { id: pay, customerId: cus, currency: 'USD', amount: 3000, date: '2026-05-10', method: 'card', allocations: [{ invoiceId: id, amount: 1000 }] }), 200);
    const token = await api.token(cus);
    const after = await expectJson(api.portal(token, `/v1/portal/invoices/${id}`), 200);
    expect(after).toMatchObject({ amountPaid: 1000, balance: 1250, status: 'overdue' });
    // Lowering the invoice below what is applied is refused; so is voiding it.
    const lower = await expectJson(api.host('POST', '/v1/invoices', invoice(id, cus, 900)), 422);
    expect(lower.error.details[0]).toEqual({ path: 'lines', message: 'the new total 900 is less than the 1000 already applied' });
    const voided = await expectJson(api.host('POST', '/v1/invoices', invoice(id, cus, 2250, { void: true })), 422);
    expect(voided.error.details[0].path).toBe('void');
  });

  it('refuses over-allocation, foreign invoices, other currencies and void invoices (422 per item)', async () => {
    const inv = uniqueId('inv');
    const voidInv = uniqueId('inv');
    const other = uniqueId('cus');
    const eurInv = uniqueId('inv');
    await expectJson(api.host('POST', '/v1/customers', customer(other)), 200);
    await expectJson(
      api.host('POST', '/v1/invoices', {
        data: [invoice(inv, cus, 1000), invoice(voidInv, cus, 500, { void: true }), invoice(uniqueId('inv'), other, 700), invoice(eurInv, cus, 800, { currency: 'EUR' })],
      }),
      200,
    );
    const theirs = (await expectJson(api.host('GET', `/v1/invoices?customerId=${other}`), 200)).data[0].id;
    const pay = (allocations: object[], amount = 5000) => ({ id: uniqueId('pay'), customerId: cus, currency: 'USD', amount, date: '2026-05-10', method: 'cash', allocations });
    const body = await expectJson(
      api.host('POST', '/v1/payments', {
        data: [
          pay([{ invoiceId: inv, amount: 1001 }]),
          pay([{ invoiceId: theirs, amount: 100 }]),
          pay([{ invoiceId: eurInv, amount: 100 }]),
          pay([{ invoiceId: voidInv, amount: 100 }]),
          pay([{ invoiceId: inv, amount: 100 }], 50),
          pay([{ invoiceId: inv, amount: 100, appliedOn: '2026-05-09' }]),
        ],
      }),
      422,
    );
    expect(body.error.code).toBe('unprocessable');
    expect(body.error.details).toEqual([
      { path: 'data.0.allocations.0.amount', message: `exceeds the balance of invoice ${inv.toUpperCase()} (1000 left)` },
      { path: 'data.1.allocations.0.invoiceId', message: `unknown invoice ${theirs} for customer ${cus}` },
      { path: 'data.2.allocations.0.invoiceId', message: `invoice ${eurInv.toUpperCase()} is in EUR, the payment in USD` },
      { path: 'data.3.allocations.0.invoiceId', message: `invoice ${voidInv.toUpperCase()} is void` },
      { path: 'data.4.allocations', message: "allocations total 100, more than the payment's amount 50" },
      { path: 'data.5.allocations.0.appliedOn', message: "must not be before the payment's date 2026-05-10" },
    ]);
    // Two payments in one batch that together over-pay one invoice.
    const together = await expectJson(api.host('POST', '/v1/payments', { data: [pay([{ invoiceId: inv, amount: 600 }]), pay([{ invoiceId: inv, amount: 600 }])] }), 422);
    expect(together.error.details).toEqual([{ path: 'data.1.allocations.0.amount', message: `exceeds the balance of invoice ${inv.toUpperCase()} (400 left)` }]);
    // Nothing of the rejected batches was written.
    const list = await expectJson(api.host('GET', `/v1/payments?customerId=${cus}&limit=100`), 200);
    expect(list.data.every((payment: { allocations: { invoiceId: string }[] }) => payment.allocations.every((a) => a.invoiceId !== inv))).toBe(true);
  });

  it('writes nothing of a batch when one item fails, and says which', async () => {
    const good = uniqueId('inv');
    const body = await expectJson(
      api.host('POST', '/v1/invoices', { data: [invoice(good, cus, 100), invoice(uniqueId('inv'), 'no-such-customer', 100)] }),
      422,
    );
    expect(body.error.details).toEqual([{ path: 'data.1.customerId', message: 'unknown customer no-such-customer' }]);
    const token = await api.token(cus);
    expect((await api.portal(token, `/v1/portal/invoices/${good}`)).status).toBe(404);
  });

  it('validates shapes with a detail per problem (400)', async () => {
    const body = await expectJson(
      api.host('POST', '/v1/invoices', { ...invoice('x', cus, 100), currency: 'usd', dueDate: '2026-04-01', lines: [{ description: 'A', unitPrice: 1.5, amount: 1.5 }] }),
      400,
    );
    const paths = body.error.details.map((detail: { path: string }) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['currency', 'lines.0.unitPrice', 'lines.0.amount']));
    await expectJson(api.host('POST', '/v1/payments', { id: 'p', customerId: cus, currency: 'XXY', amount: -1, date: '2026-01-01', method: 'card' }), 400);
    await expectJson(api.host('POST', '/v1/invoices', { data: [] }), 400);
    await expectJson(api.host('POST', '/v1/invoices', '{"id": '), 400);
  });

  it('answers 415 for a body that is not JSON and 413 for one that is too large', async () => {
    const wrongType = await expectJson(api.host('POST', '/v1/customers', JSON.stringify(customer('x')), { 'Content-Type': 'text/plain' }), 415);
    expect(wrongType.error.code).toBe('unsupported_media_type');
    const big = { data: Array.from({ length: 400 }, (_, index) => customer(`big${index}`, { billingCycle: 'x'.repeat(39), name: 'y'.repeat(150) })) };
    const tooLarge = await expectJson(api.host('POST', '/v1/customers', big), 413);
    expect(tooLarge.error.code).toBe('payload_too_large');
  });

  it('replays an Idempotency-Key with the same body and refuses it with another (409)', async () => {
    const key = uniqueId('key');
    const id = uniqueId('pay');
    const inv = uniqueId('inv');
    await expectJson(api.host('POST', '/v1/invoices', invoice(inv, cus, 1000)), 200);
    const body = { id, customerId: cus, currency: 'USD', amount: 400, date: '2026-05-10', method: 'card', allocations: [{ invoiceId: inv, amount: 400 }] };
    const first = await api.host('POST', '/v1/payments', body, { 'Idempotency-Key': key });
    expect(first.status).toBe(200);
    const firstBody = await first.json();
    const again = await api.host('POST', '/v1/payments', body, { 'Idempotency-Key': key });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(firstBody);
    const token = await api.token(cus);
    expect((await expectJson(api.portal(token, `/v1/portal/invoices/${inv}`), 200)).amountPaid).toBe(400);
    const reused = await expectJson(api.host('POST', '/v1/payments', { ...body, amount: 500 }, { 'Idempotency-Key': key }), 409);
    expect(reused.error.code).toBe('idempotency_key_reused');
    // A failed request does not burn its key: fixed and retried, it succeeds.
    const failing = uniqueId('key');
    await expectJson(api.host('POST', '/v1/invoices', invoice(uniqueId('inv'), 'ghost', 1), { 'Idempotency-Key': failing }), 422);
    await expectJson(api.host('POST', '/v1/invoices', invoice(uniqueId('inv'), cus, 1), { 'Idempotency-Key': failing }), 200);
  });

  it('serialises concurrent payments to one invoice: never over-applied', async () => {
    const inv = uniqueId('inv');
    await expectJson(api.host('POST', '/v1/invoices', invoice(inv, cus, 1000)), 200);
    const attempts = Array.from({ length: 6 }, () =>
      api.host('POST', '/v1/payments', { id: uniqueId('pay'), customerId: cus, currency: 'USD', amount: 300, date: '2026-05-10', method: 'card', allocations: [{ invoiceId: inv, amount: 300 }] }),
    );
    const statuses = (await Promise.all(attempts)).map((response) => response.status).sort();
    expect(statuses).toEqual([200, 200, 200, 422, 422, 422]);
    const token = await api.token(cus);
    expect(await expectJson(api.portal(token, `/v1/portal/invoices/${inv}`), 200)).toMatchObject({ amountPaid: 900, balance: 100 });
  });

  it('upserts sales orders billed over several invoices, and lists them for the portal', async () => {
    const order = uniqueId('so');
    const saved = await expectJson(
      api.host('POST', '/v1/sales-orders', {
        id: order, customerId: cus, number: 'SO-1', currency: 'USD', orderDate: '2026-01-05', servicePeriodStart: '2026-01-01', servicePeriodEnd: '2026-12-31',
        status: 'in_progress', lines: [{ description: 'Maintenance', quantity: 12, unitPrice: 1000, amount: 12000 }, { description: 'Setup', unitPrice: 500, amount: 500 }],
      }),
      200,
    );
    expect(saved).toMatchObject({ total: 12500, lineCount: 2, invoiced: 0, servicePeriod: { start: '2026-01-01', end: '2026-12-31' } });
    const first = uniqueId('inv');
    const second = uniqueId('inv');
    await expectJson(api.host('POST', '/v1/invoices', { data: [invoice(first, cus, 1000, { salesOrderId: order, issueDate: '2026-01-31', dueDate: '2026-02-28' }), invoice(second, cus, 1000, { salesOrderId: order })] }), 200);
    const token = await api.token(cus);
    const list = await expectJson(api.portal(token, '/v1/portal/sales-orders'), 200);
    const listed = list.data.find((row: { id: string }) => row.id === order);
    expect(listed).toMatchObject({ number: 'SO-1', status: 'in_progress', invoiced: 2000, invoices: [{ id: first }, { id: second }] });
    const detail = await expectJson(api.portal(token, `/v1/portal/sales-orders/${order}`), 200);
    expect(detail.lines.map((line: { description: string }) => line.description)).toEqual(['Maintenance', 'Setup']);
    expect(detail.billedInvoices.map((row: { id: string }) => row.id)).toEqual([first, second]);
    const wrongOrder = await expectJson(api.host('POST', '/v1/invoices', invoice(uniqueId('inv'), cus, 1, { salesOrderId: 'nope' })), 422);
    expect(wrongOrder.error.details[0].path).toBe('salesOrderId');
  });

  it('upserts schedules and shows them next commitment first with statuses in words', async () => {
    const plan = uniqueId('sch');
    const visits = uniqueId('sch');
    await expectJson(
      api.host('POST', '/v1/schedules', {
        data: [
          {
            id: plan, customerId: cus, kind: 'payment_plan', name: 'Instalments', currency: 'USD',
            items: [
              { id: 'i1', date: '2026-04-01', amount: 1000, status: 'done' },
              { id: 'i2', date: '2026-05-01', amount: 1000 },
              { id: 'i3', date: '2026-07-01', amount: 1000 },
              { id: 'i4', date: '2026-08-01', amount: 1000 },
            ],
          },
          {
            id: visits, customerId: cus, kind: 'service', name: 'Site visits',
            items: [
              { id: 'v1', date: '2026-06-20', windowStart: '09:00', windowEnd: '12:00' },
              { id: 'v2', date: '2026-06-01', windowStart: '13:00', windowEnd: '15:00', status: 'cancelled' },
            ],
          },
        ],
      }),
      200,
    );
    const token = await api.token(cus);
    const list = await expectJson(api.portal(token, '/v1/portal/schedules'), 200);
    expect(list.data.map((row: { id: string }) => row.id)).toEqual([visits, plan]);
    expect(list.data[1]).toMatchObject({
      status: 'active', nextItem: { id: 'i3', date: '2026-07-01', status: 'upcoming' },
      counts: { upcoming: 2, done: 1, missed: 1, cancelled: 0 }, totalAmount: 4000, remainingAmount: 3000,
    });
    const detail = await expectJson(api.portal(token, `/v1/portal/schedules/${plan}`), 200);
    expect(detail.items.map((item: { id: string; status: string }) => `${item.id}:${item.status}`)).toEqual(['i1:done', 'i2:missed', 'i3:upcoming', 'i4:upcoming']);
    const noCurrency = await expectJson(api.host('POST', '/v1/schedules', { id: uniqueId('sch'), customerId: cus, kind: 'payment_plan', name: 'x', items: [{ id: 'a', date: '2026-01-01', amount: 5 }] }), 400);
    expect(noCurrency.error.details[0].path).toBe('currency');
  });

  it('records every ingest request in the audit log', async () => {
    const rows = await api.deps.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', api.tenantId).where('action', '=', 'ingest.customers').execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.actor).toBe(`api_key:${api.keyId}`);
  });

  it('never lets one tenant’s key reach another tenant’s records', async () => {
    const other = await createTestApi(database);
    const theirCustomer = uniqueId('cus');
    await ingestFixture(other, theirCustomer);
    const list = await expectJson(api.host('GET', `/v1/invoices?customerId=${theirCustomer}`), 200);
    expect(list.data).toEqual([]);
    expect((await api.host('POST', '/v1/sessions', { customerId: theirCustomer })).status).toBe(404);
    const hijack = await expectJson(api.host('POST', '/v1/payments', {
      id: uniqueId('pay'), customerId: cus, currency: 'USD', amount: 100, date: '2026-05-10', method: 'card', allocations: [{ invoiceId: `${theirCustomer}-INV-2`, amount: 100 }],
    }), 422);
    expect(hijack.error.details[0].path).toBe('allocations.0.invoiceId');
  });

  it('logs each request without secret keys or session tokens', async () => {
    const token = await api.token(cus);
    await api.portal(token, '/v1/portal/summary');
    await api.app.request('/v1/customers', { headers: { Authorization: `Bearer ssp_sk_${'z'.repeat(43)}` } });
    expect(logs.some((line) => line.includes('"path":"/v1/sessions"'))).toBe(true);
    const all = logs.join('\n');
    expect(all).not.toContain(api.secretKey);
    expect(all).not.toContain(token);
    expect(all).not.toContain('z'.repeat(43));
  });
});
