import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/connect.ts';
import { openDatabase } from '../src/db/connect.ts';
import { fixedClock } from '../src/clock.ts';
import { LiveUpdates } from '../src/events/live.ts';
import { type TestApi, createTestApi, expectJson, uniqueId } from './harness.ts';
import { customerWithInvoice, payInvoice, readStream } from './live-stream.ts';

/** Live updates on embedded PGlite (one process): its in-process LISTEN, the stream route's contract. */
describe('live updates on PGlite', () => {
  let database: DatabaseHandle;
  let api: TestApi;
  let live: LiveUpdates;
  beforeAll(async () => {
    database = await openDatabase({});
    api = await createTestApi(database, { config: { eventsHeartbeatMs: 100, eventsMaxStreamsPerCustomer: 2, eventsReplayLimit: 5 }, settings: { profileEditable: true } });
    live = new LiveUpdates(database, api.deps.config, api.deps.logger);
    await live.start();
    api.deps.live = live;
  });
  afterAll(async () => {
    await live?.stop();
    await database?.close();
  });

  const customer = () => customerWithInvoice(api, 'Live');
  const pay = (customerId: string, invoiceId: string, amount = 100) => payInvoice(api, customerId, invoiceId, amount);

  it('streams a payment to its customer with the contract headers, frames and heartbeats', async () => {
    const { id, token, invoiceId } = await customer();
    const stream = await readStream(api.portal(token, '/v1/portal/events'));
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    const payment = await pay(id, invoiceId);
    await stream.until((s) => s.changes().length === 1, 5_000, 'the payment event');
    expect(stream.retries[0]).toBe(2000);
    expect(stream.changes()[0]!.data).toEqual({ kind: 'payment', ids: [payment.id], invoiceIds: [invoiceId] });
    expect(stream.changes()[0]!.id).toBeGreaterThan(0);
    await stream.until((s) => s.comments.includes('ping'), 5_000, 'a heartbeat');
    await stream.close();
  });

  it('is documented in the OpenAPI document as an event stream', async () => {
    const doc = await (await api.app.request('/v1/openapi.json')).json();
    const operation = doc.paths['/v1/portal/events'].get;
    expect(Object.keys(operation.responses[200].content)).toEqual(['text/event-stream']);
    expect(operation.responses[429]).toBeDefined();
  });

  it('tells a sales order that an invoice was billed from it', async () => {
    const { id, token } = await customer();
    const order = uniqueId('so');
    await expectJson(api.host('POST', '/v1/sales-orders', { id: order, customerId: id, number: order, currency: 'EUR', orderDate: '2026-05-01', status: 'open', lines: [{ description: 'Kit', quantity: 1, unitPrice: 500, amount: 500 }] }), 200);
    const stream = await readStream(api.portal(token, '/v1/portal/events'));
    const invoiceId = uniqueId('inv');
    await expectJson(
      api.host('POST', '/v1/invoices', {
        id: invoiceId, customerId: id, number: invoiceId, currency: 'EUR', issueDate: '2026-06-01', dueDate: '2026-07-01', salesOrderId: order,
        lines: [{ description: 'Kit', quantity: 1, unitPrice: 500, amount: 500, taxAmount: 0 }],
      }),
      200,
    );
    await stream.until((s) => s.changes().some((frame) => frame.data.kind === 'sales_order'), 5_000, 'the sales order event');
    const frames = stream.changes().filter((frame) => frame.data.ids.includes(invoiceId) || frame.data.ids.includes(order));
    expect(frames.map((frame) => frame.data)).toEqual([{ kind: 'invoice', ids: [invoiceId] }, { kind: 'sales_order', ids: [order] }]);
    await stream.close();
  });

  it('records a profile edit as a customer change', async () => {
    const { id, token } = await customer();
    const stream = await readStream(api.portal(token, '/v1/portal/events'));
    await expectJson(api.portal(token, '/v1/portal/profile', { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ phone: '+33 1 23 45 67 89' }) }), 200);
    await stream.until((s) => s.changes().length === 1, 5_000, 'the profile event');
    expect(stream.changes()[0]!.data).toEqual({ kind: 'customer', ids: [id] });
    await stream.close();
  });

  it('announces nothing for a rolled-back write or an idempotent replay', async () => {
    const { id, token, invoiceId } = await customer();
    const stream = await readStream(api.portal(token, '/v1/portal/events'));
    // Over-allocates the invoice: 422, nothing written, nothing announced.
    await expectJson(api.host('POST', '/v1/payments', { id: uniqueId('pay'), customerId: id, currency: 'EUR', amount: 20_000, date: '2026-06-10', method: 'card', allocations: [{ invoiceId, amount: 20_000 }] }), 422);
    const body = { id: uniqueId('pay'), customerId: id, currency: 'EUR', amount: 5, date: '2026-06-10', method: 'card', allocations: [] };
    await expectJson(api.host('POST', '/v1/payments', body, { 'Idempotency-Key': body.id }), 200);
    await expectJson(api.host('POST', '/v1/payments', body, { 'Idempotency-Key': body.id }), 200);
    await stream.until((s) => s.changes().length >= 1, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stream.changes().map((frame) => frame.data.ids)).toEqual([[body.id]]);
    await stream.close();
  });

  it('resumes from Last-Event-ID with exactly the missed events, and resyncs beyond the bound or for an unknown id', async () => {
    const { id, token, invoiceId } = await customer();
    const first = await readStream(api.portal(token, '/v1/portal/events'));
    await pay(id, invoiceId);
    await first.until((s) => s.changes().length === 1);
    const lastId = first.changes()[0]!.id!;
    await first.close();
    const missed = [];
    for (let i = 0; i < 3; i += 1) missed.push((await pay(id, invoiceId)).id);
    const resumed = await readStream(api.portal(token, '/v1/portal/events', { headers: { 'Last-Event-ID': String(lastId) } }));
    await resumed.until((s) => s.changes().length === 3);
    expect(resumed.changes().map((frame) => frame.data.ids[0])).toEqual(missed);
    const ids = resumed.changes().map((frame) => frame.id!);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    await resumed.close();

    // The query parameter does the same; more than the bound (5 here) missed → resync.
    for (let i = 0; i < 6; i += 1) await pay(id, invoiceId, 10);
    const far = await readStream(api.portal(token, `/v1/portal/events?lastEventId=${lastId}`));
    await far.until((s) => s.frames.length >= 1);
    expect(far.frames[0]!.event).toBe('resync');
    expect(far.frames[0]!.id).toBeGreaterThan(lastId);
    await far.close();
    const unknown = await readStream(api.portal(token, '/v1/portal/events', { headers: { 'Last-Event-ID': '999999999999' } }));
    await unknown.until((s) => s.frames.length >= 1);
    expect(unknown.frames[0]!.event).toBe('resync');
    await unknown.close();
    await expectJson(api.portal(token, '/v1/portal/events', { headers: { 'Last-Event-ID': 'abc' } }), 400);
  });

  it('caps open streams per customer with 429 and Retry-After, and frees the slot on disconnect', async () => {
    const { token } = await customer();
    const a = await readStream(api.portal(token, '/v1/portal/events'));
    const b = await readStream(api.portal(token, '/v1/portal/events'));
    const refused = await api.portal(token, '/v1/portal/events');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await refused.json()).error.code).toBe('rate_limited');
    await a.close();
    const c = await readStream(api.portal(token, '/v1/portal/events'));
    expect(c.status).toBe(200);
    await b.close();
    await c.close();
  });

  it('leaves no subscriber or timer behind when clients disconnect', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
    const { token } = await customer();
    const before = { subscribers: live.hub.count(), customers: live.hub.customers, timers: timers() };
    const streams = [];
    for (let i = 0; i < 2; i += 1) streams.push(await readStream(api.portal(token, '/v1/portal/events')));
    expect(live.hub.count()).toBe(before.subscribers + 2);
    expect(timers()).toBeGreaterThanOrEqual(before.timers + 4);
    for (const stream of streams) await stream.close();
    await expect.poll(() => live.hub.count()).toBe(before.subscribers);
    expect(live.hub.customers).toBe(before.customers);
    await expect.poll(() => timers()).toBeLessThanOrEqual(before.timers);
  });

  it('ends the stream with `expired` just before the session token expires', async () => {
    const { token } = await customer();
    const issued = api.deps.clock.now().getTime();
    // 15-minute token; the clock moves to 5.5 s before its end: `expired` comes after ~0.5 s.
    const now = new Date(issued + 900_000 - 5_500);
    api.setClock({ now: () => now, today: () => now.toISOString().slice(0, 10) });
    try {
      const stream = await readStream(api.portal(token, '/v1/portal/events'));
      expect(stream.status).toBe(200);
      await stream.ended;
      expect(stream.frames.at(-1)!.event).toBe('expired');
    } finally {
      api.setClock(fixedClock('2026-06-15'));
    }
  });

  it('caps open streams per process with 429, and on shutdown ends them with a retry hint and refuses new ones', async () => {
    const database2 = await openDatabase({});
    const api2 = await createTestApi(database2);
    const live2 = new LiveUpdates(database2, { ...api2.deps.config, eventsMaxStreams: 1 }, api2.deps.logger);
    await live2.start();
    api2.deps.live = live2;
    try {
      const id = uniqueId('cus');
      await expectJson(api2.host('POST', '/v1/customers', { id, name: 'Live', currency: 'EUR', contacts: [] }), 200);
      const token = await api2.token(id);
      const stream = await readStream(api2.portal(token, '/v1/portal/events'));
      const other = uniqueId('cus');
      await expectJson(api2.host('POST', '/v1/customers', { id: other, name: 'Other', currency: 'EUR', contacts: [] }), 200);
      const full = await api2.portal(await api2.token(other), '/v1/portal/events');
      expect(full.status).toBe(429);
      expect(full.headers.get('retry-after')).toMatch(/^\d+$/);
      live2.closeStreams();
      await stream.ended;
      expect(stream.retries.length).toBe(2);
      expect(stream.retries[1]).toBeGreaterThanOrEqual(1000);
      expect(live2.hub.count()).toBe(0);
      expect((await api2.portal(token, '/v1/portal/events')).status).toBe(503);
    } finally {
      await live2.stop();
      await database2.close();
    }
  });
});
