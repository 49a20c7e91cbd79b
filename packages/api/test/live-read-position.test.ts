import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/connect.ts';
import { LiveUpdates } from '../src/events/live.ts';
import { outboxBounds } from '../src/events/outbox.ts';
import { type TestApi, backends, createTestApi, expectJson, uniqueId } from './harness.ts';
import { customerWithInvoice, payInvoice, readStream } from './live-stream.ts';

/**
 * `SSP-Event-Id` on Portal API answers: the outbox position an answer is at least as new
 * as, so that a stream opened later from it replays what committed in between (the gap
 * between an element's first fetch and its stream).
 */
describe.each(backends())('read positions for live updates on $name', (backend) => {
  let database: DatabaseHandle;
  let api: TestApi;
  let live: LiveUpdates;
  beforeAll(async () => {
    database = await backend.open();
    api = await createTestApi(database, { origins: ['https://shop.example'] });
    live = new LiveUpdates(database, api.deps.config, api.deps.logger);
    await live.start();
    api.deps.live = live;
  });
  afterAll(async () => {
    await live?.stop();
    await database?.close();
  });

  const customer = () => customerWithInvoice(api, 'Position');
  const pay = (customerId: string, invoiceId: string, amount = 2_500) => payInvoice(api, customerId, invoiceId, amount);

  const outstanding = async (token: string) => {
    const response = await api.portal(token, '/v1/portal/summary');
    const summary = await expectJson(response, 200);
    return { outstanding: summary.currencies[0].outstanding as number, position: response.headers.get('ssp-event-id') };
  };

  it("lets a stream opened after a read replay a change committed in between, from the read's SSP-Event-Id", async () => {
    const { id, token, invoiceId } = await customer();
    const read = await outstanding(token);
    expect(read.outstanding).toBe(10_000);
    expect(read.position).toMatch(/^\d+$/);
    // Never ahead of the outbox: a position no write has reached would make a stream resync.
    expect(Number(read.position)).toBeLessThanOrEqual((await outboxBounds(database.db)).latest);

    const payment = await pay(id, invoiceId);
    const event = await database.db.selectFrom('change_events').select('id').where('tenant_id', '=', api.tenantId).where('customer_id', '=', id).where('kind', '=', 'payment').executeTakeFirstOrThrow();
    // A stream from nowhere starts "now" (once this process has seen the payment): the
    // payment, already committed, never comes on it.
    await expect.poll(() => live.position! >= Number(event.id), { timeout: 5_000 }).toBe(true);
    const fresh = await readStream(api.portal(token, '/v1/portal/events'));
    // One from the read's position is replayed the payment the read could not show.
    const resumed = await readStream(api.portal(token, '/v1/portal/events', { headers: { 'Last-Event-ID': read.position! } }));
    await resumed.until((s) => s.changes().some((frame) => frame.data.ids[0] === payment.id), 5_000, 'the payment replayed');
    const replayed = resumed.changes().find((frame) => frame.data.ids[0] === payment.id)!;
    expect(replayed.data).toEqual({ kind: 'payment', ids: [payment.id], invoiceIds: [invoiceId] });
    expect(replayed.id).toBe(Number(event.id));
    expect(replayed.id).toBeGreaterThan(Number(read.position));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fresh.changes().map((frame) => frame.data.ids[0])).not.toContain(payment.id);

    // Now that this process has seen the payment's event, a read says a position at or past
    // it, and shows the payment: everything up to the position is in the answer.
    const after = await outstanding(token);
    expect(Number(after.position)).toBeGreaterThanOrEqual(replayed.id!);
    expect(after.outstanding).toBe(7_500);
    await fresh.close();
    await resumed.close();
  });

  it('tells a fresh stream where it starts, so that its client can resume from there', async () => {
    const { id, token, invoiceId } = await customer();
    const fresh = await readStream(api.portal(token, '/v1/portal/events'));
    const start = fresh.headers.get('ssp-event-id');
    expect(start).toMatch(/^\d+$/);
    const payment = await pay(id, invoiceId);
    await fresh.until((s) => s.changes().some((frame) => frame.data.ids[0] === payment.id), 5_000, 'the payment');
    // Every event after the start comes on the stream; a resume from it replays them.
    expect(fresh.changes().every((frame) => frame.id! > Number(start))).toBe(true);
    await fresh.close();
    const resumed = await readStream(api.portal(token, '/v1/portal/events', { headers: { 'Last-Event-ID': start! } }));
    // A resumed stream starts where its client said: no position of its own.
    expect(resumed.headers.get('ssp-event-id')).toBeNull();
    await resumed.until((s) => s.changes().some((frame) => frame.data.ids[0] === payment.id), 5_000, 'the payment replayed');
    await resumed.close();
  });

  it('exposes the header to the pages of the tenant’s origins', async () => {
    const { token } = await customer();
    const response = await api.portal(token, '/v1/portal/invoices', { headers: { Origin: 'https://shop.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('ssp-event-id')).toMatch(/^\d+$/);
    expect(response.headers.get('access-control-expose-headers')?.split(/\s*,\s*/)).toContain('SSP-Event-Id');
  });

  it('sends no position from a process whose live updates are not running', async () => {
    const { token } = await customer();
    const idle = await createTestApi(database);
    const id = uniqueId('cus');
    await expectJson(idle.host('POST', '/v1/customers', { id, name: 'Idle', currency: 'EUR', contacts: [] }), 200);
    const response = await idle.portal(await idle.token(id), '/v1/portal/summary');
    expect(response.status).toBe(200);
    expect(response.headers.get('ssp-event-id')).toBeNull();
    // The same read through a process that runs them has one.
    expect((await outstanding(token)).position).toMatch(/^\d+$/);
  });
});
