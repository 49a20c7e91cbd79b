import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import './provided-context.ts';
import { type DatabaseHandle, openDatabase } from '../src/db/connect.ts';
import type { Change, ChangeEvent } from '../src/events/change.ts';
import { LiveUpdates } from '../src/events/live.ts';
import { CHANNEL, decodeNotification, eventsAfter, outboxBounds, recordChanges, sweep } from '../src/events/outbox.ts';
import { type TestApi, createTestApi, expectJson, uniqueId } from './harness.ts';
import { customerWithInvoice } from './live-stream.ts';

const url = inject('postgresUrl');

describe('outbox notifications', () => {
  it('are delivered on commit only, carry the events when small and only the id range when big (far below 8,000 bytes)', async () => {
    const database = await openDatabase({});
    try {
      const payloads: string[] = [];
      const unlisten = await database.pglite!.listen(CHANNEL, (payload) => payloads.push(payload));
      const record = (changes: Change[]) => database.db.transaction().execute((trx) => recordChanges(trx, 'ten_1', changes, 7));
      await record([
        { customerId: 'cus_1', kind: 'payment', ids: ['pay_1'], invoiceIds: ['inv_1', 'inv_2'] },
        { customerId: 'cus_2', kind: 'payment', ids: ['pay_2'], invoiceIds: [] },
      ]);
      // Inside the transaction nothing is delivered yet; a rollback delivers nothing at all.
      await database.db.transaction().execute(async (trx) => {
        await recordChanges(trx, 'ten_1', [{ customerId: 'cus_3', kind: 'invoice', ids: ['inv_9'] }], 7);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(payloads).toHaveLength(1);
      });
      await expect.poll(() => payloads.length).toBe(2);
      payloads.splice(1);
      await database.db
        .transaction()
        .execute(async (trx) => {
          await recordChanges(trx, 'ten_1', [{ customerId: 'cus_3', kind: 'invoice', ids: ['inv_10'] }], 7);
          throw new Error('rolled back');
        })
        .catch(() => {});
      const many = Array.from({ length: 500 }, (_, i) => `inv_${'x'.repeat(50)}_${i}`);
      await record([{ customerId: 'cus_1', kind: 'invoice', ids: many }]);
      await expect.poll(() => payloads.length).toBe(2);
      expect(decodeNotification(payloads[0]!)).toEqual({
        from: 1,
        to: 2,
        events: [
          { id: 1, tenantId: 'ten_1', customerId: 'cus_1', kind: 'payment', ids: ['pay_1'], invoiceIds: ['inv_1', 'inv_2'] },
          { id: 2, tenantId: 'ten_1', customerId: 'cus_2', kind: 'payment', ids: ['pay_2'], invoiceIds: [] },
        ],
      });
      expect(Buffer.byteLength(payloads[1]!)).toBeLessThan(100);
      // Ids 3 (delivered above) and 4 (rolled back) are taken: the batch is 5.
      expect(decodeNotification(payloads[1]!)).toEqual({ from: 5, to: 5 });
      expect((await eventsAfter(database.db, 3, 10)).map((event) => event.ids)).toEqual([many]);
      expect(decodeNotification('not json')).toBeUndefined();
      await unlisten();
    } finally {
      await database.close();
    }
  });
});

/**
 * The outbox on real PostgreSQL, in process: ids become visible in order under
 * concurrent writers, and a process whose LISTEN connection is cut catches up.
 */
describe.skipIf(!url)('outbox on PostgreSQL', () => {
  let database: DatabaseHandle;
  let api: TestApi;
  beforeAll(async () => {
    database = await openDatabase({ url, poolSize: 8 });
    api = await createTestApi(database, { config: { rateLimitKeyPerMin: 0, rateLimitSessionPerMin: 0 } as never });
  });
  afterAll(async () => {
    await database?.close();
  });

  const customer = () => customerWithInvoice(api, 'Outbox', 100_000_000);

  it('never lets a reader that follows "id > last seen" skip an event, under concurrent writers', async () => {
    const start = (await outboxBounds(database.db)).latest;
    const seen: number[] = [];
    let cursor = start;
    let writing = true;
    // The reader polls as fast as it can while the writers run, as a follower would.
    const reader = (async () => {
      while (writing) {
        const events = await eventsAfter(database.db, cursor, 1_000);
        for (const event of events) if (event.tenantId === api.tenantId) seen.push(event.id);
        if (events.length) cursor = events.at(-1)!.id;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    // Writers whose transactions take different times (1 to 3 statements' worth of sleep
    // before the event), so that ids taken in one order would commit in another without
    // the ordering lock.
    await Promise.all(
      Array.from({ length: 6 }, (_, writer) =>
        (async () => {
          for (let i = 0; i < 25; i += 1) {
            await database.db.transaction().execute(async (trx) => {
              await sql`select pg_sleep(${((writer + i) % 3) * 0.002})`.execute(trx);
              await recordChanges(trx, api.tenantId, [{ customerId: `w${writer}`, kind: 'invoice', ids: [`inv_${writer}_${i}`] }], 7);
              await sql`select pg_sleep(${((writer * i) % 4) * 0.002})`.execute(trx);
            });
          }
        })(),
      ),
    );
    writing = false;
    await reader;
    for (const event of await eventsAfter(database.db, cursor, 1_000)) if (event.tenantId === api.tenantId) seen.push(event.id);
    const all = (await database.db.selectFrom('change_events').select('id').where('tenant_id', '=', api.tenantId).where('id', '>', start).orderBy('id').execute()).map((row) => row.id);
    expect(all).toHaveLength(150);
    expect(seen).toEqual(all);
  }, 60_000);

  it('catches up from the outbox after its LISTEN connection is terminated, even when nothing follows', async () => {
    const live = new LiveUpdates(database, api.deps.config, api.deps.logger, { retryMs: 1_000 });
    await live.start();
    try {
      const { id, invoiceId } = await customer();
      const received: ChangeEvent[] = [];
      // Payments only: the customer's and invoice's own events may still be on their way.
      const unsubscribe = live.hub.subscribe(api.tenantId, id, { deliver: (event) => event.kind === 'payment' && received.push(event), shutdown: () => {} });
      if (typeof unsubscribe === 'string') throw new Error(unsubscribe);
      const pay = () =>
        expectJson(api.host('POST', '/v1/payments', { id: uniqueId('pay'), customerId: id, currency: 'EUR', amount: 1, date: '2026-01-15', method: 'card', allocations: [{ invoiceId, amount: 1 }] }), 200);
      const written = [(await pay()).id];
      await expect.poll(() => received.length).toBe(1);
      const connects = live.listener!.connects;
      await sql`select pg_terminate_backend(${live.listener!.pid!})`.execute(database.db);
      // Written while the listener is away (it waits 0.5–1 s before reconnecting): no
      // notification reaches this process; only the catch-up read after LISTEN can.
      for (let i = 0; i < 5; i += 1) written.push((await pay()).id);
      await expect.poll(() => received.length, { timeout: 10_000 }).toBe(written.length);
      expect(received.map((event) => event.ids[0])).toEqual(written);
      expect(live.listener!.connects).toBe(connects + 1);
      unsubscribe();
    } finally {
      await live.stop();
    }
  });

  it('sweeps events older than the retention, from the oldest end', async () => {
    const tenantId = api.tenantId;
    await database.db.transaction().execute((trx) => recordChanges(trx, tenantId, [{ customerId: 'old', kind: 'invoice', ids: ['inv_old'] }], 7));
    await database.db.updateTable('change_events').set({ created_at: new Date(Date.now() - 8 * 86_400_000) }).where('tenant_id', '=', tenantId).where('customer_id', '=', 'old').execute();
    await database.db.transaction().execute((trx) => recordChanges(trx, tenantId, [{ customerId: 'new', kind: 'invoice', ids: ['inv_new'] }], 7));
    await sweep(database.db, 7);
    const left = await database.db.selectFrom('change_events').select('customer_id').where('tenant_id', '=', tenantId).where('customer_id', 'in', ['old', 'new']).execute();
    expect(left.map((row) => row.customer_id)).toEqual(['new']);
  });
});
