import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import './provided-context.ts';
import { generateSecretKey } from '../src/auth/api-keys.ts';
import { type DatabaseHandle, openDatabase } from '../src/db/connect.ts';
import { LISTENER_NAME } from '../src/events/pg-listener.ts';
import { createApiKey, createTenant } from '../src/queries/tenants.ts';
import { type ApiProcess, createDatabase, dropDatabase, spawnApi, withAdmin } from './api-process.ts';
import { type StreamReader, readStream } from './live-stream.ts';

const baseUrl = inject('postgresUrl');

/**
 * Live updates across processes: two real API processes (`start.ts`) on two ports over one
 * PostgreSQL database of this file's own. Writes go through one, streams are read from
 * either; the outbox, NOTIFY and each process's LISTEN connection carry them across.
 */
describe.skipIf(!baseUrl)('live updates across two API processes on PostgreSQL', () => {
  let dbName: string;
  let dbUrl: string;
  let a: ApiProcess;
  let b: ApiProcess;
  let db: DatabaseHandle;
  const secretKey = generateSecretKey();
  /** A second tenant, with the same customer ids as the demo tenant's. */
  let otherKey: string;

  beforeAll(async () => {
    ({ name: dbName, url: dbUrl } = await createDatabase(baseUrl, 'ssp_live'));
    const env = { SSP_RATE_LIMIT_SESSION_PER_MIN: '0', SSP_RATE_LIMIT_KEY_PER_MIN: '0', SSP_EVENTS_MAX_STREAMS_PER_CUSTOMER: '20' };
    // One after the other: the first migrates and seeds the demo tenant, the second finds it.
    a = await spawnApi({ databaseUrl: dbUrl, secretKey, env });
    b = await spawnApi({ databaseUrl: dbUrl, secretKey, env });
    db = await openDatabase({ url: dbUrl, migrate: false, poolSize: 2 });
    const other = await createTenant(db.db, { id: 'other', name: 'Other tenant', allowedOrigins: [], settings: {} });
    otherKey = (await createApiKey(db.db, other.id, 'test')).secret;
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.close();
    if (dbName) await dropDatabase(baseUrl, dbName);
  }, 60_000);

  async function call(api: ApiProcess, key: string, method: string, path: string, body?: unknown): Promise<any> {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text);
  }

  async function token(api: ApiProcess, key: string, customerId: string): Promise<string> {
    return (await call(api, key, 'POST', '/v1/sessions', { customerId })).token;
  }

  const open = (api: ApiProcess, bearer: string, lastEventId?: number) =>
    readStream(fetch(`${api.url}/v1/portal/events`, { headers: { Authorization: `Bearer ${bearer}`, ...(lastEventId ? { 'Last-Event-ID': String(lastEventId) } : {}) } }));

  let sequence = 0;
  const nextId = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${(sequence += 1)}`;

  /** A customer with one big open invoice to pay against, in the tenant of `key`. */
  async function customer(api: ApiProcess, key: string, id: string): Promise<{ id: string; invoiceId: string }> {
    await call(api, key, 'POST', '/v1/customers', { id, name: `Customer ${id}`, currency: 'EUR', contacts: [] });
    const invoiceId = nextId('inv');
    await call(api, key, 'POST', '/v1/invoices', {
      id: invoiceId, customerId: id, number: invoiceId, currency: 'EUR', issueDate: '2026-01-01', dueDate: '2026-02-01',
      lines: [{ description: 'Service', quantity: 1, unitPrice: 100_000_000, amount: 100_000_000, taxAmount: 0 }],
    });
    return { id, invoiceId };
  }

  const payment = (customerId: string, invoiceId: string) => ({
    id: nextId('pay'), customerId, currency: 'EUR', amount: 100, date: '2026-01-15', method: 'card', allocations: [{ invoiceId, amount: 100 }],
  });

  /**
   * Writes a marker payment and waits for it on `stream`, then forgets every frame so far:
   * the events of the customer's own setup (which may still be on their way when the
   * stream opens) come before it, in id order, so what follows is only what the test writes.
   */
  async function settle(api: ApiProcess, key: string, party: { id: string; invoiceId: string }, stream: StreamReader): Promise<void> {
    const marker = payment(party.id, party.invoiceId);
    await call(api, key, 'POST', '/v1/payments', marker);
    await stream.until((s) => s.changes().some((frame) => frame.data.ids[0] === marker.id), 15_000, 'the marker');
    stream.frames.length = 0;
  }

  it('delivers a payment ingested through process A to an SSE client of process B', async () => {
    const { id, invoiceId } = await customer(a, secretKey, nextId('cus'));
    const stream = await open(b, await token(b, secretKey, id));
    expect(stream.status).toBe(200);
    await settle(a, secretKey, { id, invoiceId }, stream);
    const body = payment(id, invoiceId);
    const posted = Date.now();
    await call(a, secretKey, 'POST', '/v1/payments', body);
    await stream.until((s) => s.changes().length === 1, 10_000, 'the payment on B');
    const latency = Date.now() - posted;
    expect(stream.changes()[0]!.data).toEqual({ kind: 'payment', ids: [body.id], invoiceIds: [invoiceId] });
    expect(latency).toBeLessThan(5_000);
    await stream.close();
  });

  it('never shows a customer another customer’s or another tenant’s events, over many random writes', async () => {
    // The same customer ids in both tenants: only the tenant tells them apart.
    const ids = [nextId('cus'), nextId('cus'), nextId('cus')];
    const parties: { key: string; customerId: string; invoiceId: string; label: string }[] = [];
    for (const [key, label] of [[secretKey, 'demo'], [otherKey, 'other']] as const) {
      for (const customerId of ids) parties.push({ key, customerId, label: `${label}/${customerId}`, ...(await customer(a, key, customerId)) });
    }
    const streams = new Map<string, StreamReader>();
    for (const [index, party] of parties.entries()) {
      const stream = await open(index % 2 ? a : b, await token(a, party.key, party.customerId));
      await settle(b, party.key, { id: party.customerId, invoiceId: party.invoiceId }, stream);
      streams.set(party.label, stream);
    }

    // A seeded sequence of writes of every kind, through either process, for random parties.
    let seed = 42;
    const random = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed % n);
    const expected = new Map<string, string[]>(parties.map((party) => [party.label, []]));
    for (let i = 0; i < 60; i += 1) {
      const party = parties[random(parties.length)]!;
      const via = random(2) ? a : b;
      const kind = random(4);
      let recordId: string;
      if (kind === 0) {
        const body = payment(party.customerId, party.invoiceId);
        recordId = body.id;
        await call(via, party.key, 'POST', '/v1/payments', body);
      } else if (kind === 1) {
        recordId = nextId('inv');
        await call(via, party.key, 'POST', '/v1/invoices', {
          id: recordId, customerId: party.customerId, number: recordId, currency: 'EUR', issueDate: '2026-03-01', dueDate: '2026-04-01',
          lines: [{ description: 'Extra', quantity: 1, unitPrice: 500, amount: 500, taxAmount: 0 }],
        });
      } else if (kind === 2) {
        recordId = nextId('cn');
        await call(via, party.key, 'POST', '/v1/credit-notes', {
          id: recordId, customerId: party.customerId, number: recordId, currency: 'EUR', date: '2026-03-02', amount: 50, allocations: [{ invoiceId: party.invoiceId, amount: 50 }],
        });
      } else {
        recordId = nextId('sch');
        await call(via, party.key, 'POST', '/v1/schedules', {
          id: recordId, customerId: party.customerId, kind: 'payment_plan', name: 'Plan', currency: 'EUR',
          items: [{ id: `${recordId}_1`, date: '2026-05-01', amount: 100, status: 'scheduled' }],
        });
      }
      expected.get(party.label)!.push(recordId);
    }
    for (const party of parties) {
      const stream = streams.get(party.label)!;
      const want = expected.get(party.label)!;
      await stream.until((s) => s.changes().length >= want.length, 15_000, `${want.length} events for ${party.label}`);
    }
    // Quiet for a moment: nothing more (nothing foreign) may arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const party of parties) {
      const frames = streams.get(party.label)!.changes();
      expect(frames.map((frame) => frame.data.ids[0]), party.label).toEqual(expected.get(party.label));
      for (const frame of frames) {
        if (frame.data.invoiceIds) expect(frame.data.invoiceIds.every((invoiceId: string) => invoiceId === party.invoiceId)).toBe(true);
      }
    }
    for (const stream of streams.values()) await stream.close();
  }, 120_000);

  async function listenerPids(): Promise<number[]> {
    return withAdmin(baseUrl, async (admin) =>
      (await admin.query('select pid from pg_stat_activity where datname = $1 and application_name = $2 order by pid', [dbName, LISTENER_NAME])).rows.map((row) => row.pid as number),
    );
  }

  it('loses no event when the LISTEN connections are killed during a burst of writes', async () => {
    const { id, invoiceId } = await customer(a, secretKey, nextId('cus'));
    const onA = await open(a, await token(a, secretKey, id));
    const onB = await open(b, await token(b, secretKey, id));
    await settle(a, secretKey, { id, invoiceId }, onA);
    await onB.until((s) => s.changes().length > 0 && s.changes().at(-1)!.data.kind === 'payment');
    onB.frames.length = 0;
    const before = await listenerPids();
    expect(before.length).toBe(2);
    const written: string[] = [];
    for (let i = 0; i < 60; i += 1) {
      if (i === 20) {
        // Both processes' LISTEN connections at once, mid-burst; writes continue meanwhile.
        await withAdmin(baseUrl, (admin) => admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and application_name = $2', [dbName, LISTENER_NAME]));
      }
      const body = payment(id, invoiceId);
      await call(i % 2 ? a : b, secretKey, 'POST', '/v1/payments', body);
      written.push(body.id);
    }
    // And at the very end of a burst: no later notification will reveal the gap, only the
    // catch-up read after the reconnect can deliver these.
    await withAdmin(baseUrl, (admin) => admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and application_name = $2', [dbName, LISTENER_NAME]));
    const last = Array.from({ length: 6 }, () => payment(id, invoiceId));
    for (const [i, body] of last.entries()) {
      await call(i % 2 ? a : b, secretKey, 'POST', '/v1/payments', body);
      written.push(body.id);
    }
    for (const stream of [onA, onB]) {
      await stream.until((s) => s.changes().length >= written.length, 20_000, 'every event of the burst');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(stream.changes().map((frame) => frame.data.ids[0])).toEqual(written);
    }
    // They did reconnect: two listeners again, on new backends.
    await expect.poll(listenerPids, { timeout: 10_000 }).toHaveLength(2);
    expect((await listenerPids()).some((pid) => before.includes(pid))).toBe(false);
    await onA.close();
    await onB.close();
  }, 120_000);

  it("replays to a stream on B a change committed after a read on A, from the read's SSP-Event-Id", async () => {
    const { id, invoiceId } = await customer(a, secretKey, nextId('cus'));
    const bearer = await token(a, secretKey, id);
    const read = await fetch(`${a.url}/v1/portal/summary`, { headers: { Authorization: `Bearer ${bearer}` } });
    expect(read.status).toBe(200);
    const position = Number(read.headers.get('ssp-event-id'));
    expect(position).toBeGreaterThan(0);
    const body = payment(id, invoiceId);
    await call(b, secretKey, 'POST', '/v1/payments', body);
    // Ids are global: A's position means the same on B, whose replay has the payment.
    const stream = await open(b, bearer, position);
    await stream.until((s) => s.changes().some((frame) => frame.data.ids[0] === body.id), 10_000, 'the payment replayed on B');
    expect(stream.changes().every((frame) => frame.id! > position)).toBe(true);
    await stream.close();
  }, 60_000);

  it('replays exactly the missed events, in order, once, to a client that resumes with Last-Event-ID', async () => {
    const { id, invoiceId } = await customer(a, secretKey, nextId('cus'));
    const bearer = await token(a, secretKey, id);
    const first = await open(b, bearer);
    await settle(a, secretKey, { id, invoiceId }, first);
    const written: string[] = [];
    const burst = (async () => {
      for (let i = 0; i < 50; i += 1) {
        const body = payment(id, invoiceId);
        await call(i % 2 ? a : b, secretKey, 'POST', '/v1/payments', body);
        written.push(body.id);
      }
    })();
    await first.until((s) => s.changes().length >= 10, 20_000, 'the first events');
    await first.close();
    const seen = first.changes();
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Resumes on the other process, while the burst may still be going on.
    const second = await open(a, bearer, seen.at(-1)!.id);
    await burst;
    await second.until((s) => seen.length + s.changes().length >= written.length, 20_000, 'the rest of the burst');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const all = [...seen, ...second.changes()];
    expect(all.map((frame) => frame.data.ids[0])).toEqual(written);
    const ids = all.map((frame) => frame.id!);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
    await second.close();
  }, 120_000);
});
