import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import { LiveUpdates } from '../../src/events/live.ts';
import { backends, createTestApi, expectJson } from '../harness.ts';
import { type StreamReader, readStream } from '../live-stream.ts';
import { leaks } from './leaks.ts';
import { securityBackends } from './settings.ts';
import { type World, buildWorld, worldSpec } from './world.ts';

/**
 * The event stream (GET /v1/portal/events) of customer X never carries anything of
 * customer Y, live or replayed after Last-Event-ID: random writes for every customer of
 * random tenants, one stream per customer, and each stream's frames hold only its own ids.
 */
describe.each(securityBackends(backends()))('event stream isolation on $name', (backend) => {
  let database: DatabaseHandle;
  let live: LiveUpdates;
  let world: World;
  beforeAll(async () => {
    database = await backend.open();
    const [spec] = fc.sample(worldSpec, { numRuns: 1 });
    world = await buildWorld(database, spec!, `ev${Date.now().toString(36).slice(-5)}`, { config: { rateLimitKeyPerMin: 0, rateLimitSessionPerMin: 0 } });
    live = new LiveUpdates(database, world.tenants[0]!.deps.config, world.tenants[0]!.deps.logger);
    await live.start();
    for (const api of world.tenants) api.deps.live = live;
  });
  afterAll(async () => {
    await live?.stop();
    await database?.close();
  });

  /** One write for a customer that the stream reports: a prepayment, a new invoice, or a profile change. */
  async function write(index: number, kind: number, round: number): Promise<string[]> {
    const party = world.parties[index]!;
    const api = world.tenants[party.tenant]!;
    const id = `${party.customerId}e${round}`.slice(0, 64);
    if (kind === 0) {
      await expectJson(api.host('POST', '/v1/payments', { id, customerId: party.customerId, currency: 'USD', amount: 1, date: '2026-06-01', method: 'card', allocations: [] }), 200);
      return [id];
    }
    if (kind === 1) {
      await expectJson(api.host('POST', '/v1/invoices', {
        id, customerId: party.customerId, number: id, currency: 'USD', issueDate: '2026-06-01', dueDate: '2026-07-01', lines: [{ description: 'Live', unitPrice: 100, amount: 100 }],
      }), 200);
      return [id];
    }
    const token = await api.token(party.customerId);
    await expectJson(api.portal(token, '/v1/portal/profile', { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ phone: '+1 555 0100' }) }), 200);
    return [party.customerId];
  }

  const ownIds = (frames: StreamReader['frames']) => frames.filter((f) => f.event === 'change').flatMap((f) => [...(f.data.ids ?? []), ...(f.data.invoiceIds ?? [])]);

  it('delivers each customer its own changes only, live and on resume', async () => {
    const streams = await Promise.all(
      world.parties.map(async (party) => readStream(world.tenants[party.tenant]!.portal(await world.tenants[party.tenant]!.token(party.customerId), '/v1/portal/events'))),
    );
    for (const stream of streams) expect(stream.status).toBe(200);
    const plan = fc.sample(fc.array(fc.tuple(fc.nat(world.parties.length - 1), fc.nat(2)), { minLength: 12, maxLength: 24 }), { numRuns: 1 })[0]!;
    const written: string[][] = world.parties.map(() => []);
    for (const [round, [index, kind]] of plan.entries()) written[index]!.push(...(await write(index, kind, round)));

    for (const [index, stream] of streams.entries()) {
      await stream.until((s) => written[index]!.every((id) => ownIds(s.frames).includes(id)), 15_000, `the changes of ${world.parties[index]!.customerId}`);
    }
    // Anything addressed to the wrong stream would have arrived by now with the right ones.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const firstId = Math.min(...streams.flatMap((s) => s.changes().map((f) => f.id!)));
    for (const [index, stream] of streams.entries()) {
      const party = world.parties[index]!;
      const foreign = world.parties.filter((p) => p !== party).flatMap((p) => [...p.markers, ...written[world.parties.indexOf(p)]!]);
      const text = JSON.stringify(stream.frames);
      expect(leaks(text, foreign, ''), `stream of ${party.customerId}`).toEqual([]);
      const own = new Set([...written[index]!, ...party.markers]);
      for (const id of ownIds(stream.frames)) expect(own.has(id), `${id} on the stream of ${party.customerId}`).toBe(true);
      await stream.close();

      // Resumed from before the first event: the replay is this customer's too.
      const api = world.tenants[party.tenant]!;
      const resumed = await readStream(api.portal(await api.token(party.customerId), '/v1/portal/events', { headers: { 'Last-Event-ID': String(firstId - 1) } }));
      await resumed.until((s) => written[index]!.every((id) => ownIds(s.frames).includes(id)) || s.frames.some((f) => f.event === 'resync'), 15_000, 'the replay');
      expect(leaks(JSON.stringify(resumed.frames), foreign, ''), `replay of ${party.customerId}`).toEqual([]);
      await resumed.close();
    }
  });

  it('counts an open stream once against the session rate limit, however many events it carries', async () => {
    const limited = await createTestApi(database, { config: { rateLimitSessionPerMin: 3, rateLimitKeyPerMin: 0 } });
    limited.deps.live = live;
    await expectJson(limited.host('POST', '/v1/customers', { id: 'stream-limit', name: 'Streams' }), 200);
    const token = await limited.token('stream-limit');
    const stream = await readStream(limited.portal(token, '/v1/portal/events'));
    expect(stream.status).toBe(200);
    for (let round = 0; round < 5; round += 1) {
      await expectJson(limited.host('POST', '/v1/invoices', {
        id: `stream-limit-${round}`, customerId: 'stream-limit', number: `S-${round}`, currency: 'USD', issueDate: '2026-06-01', dueDate: '2026-07-01', lines: [{ description: 'x', unitPrice: 1, amount: 1 }],
      }), 200);
    }
    await stream.until((s) => s.changes().length >= 5, 15_000, 'five events');
    expect((await limited.portal(token, '/v1/portal/summary')).status).toBe(200);
    expect((await limited.portal(token, '/v1/portal/summary')).status).toBe(200);
    const refused = await limited.portal(token, '/v1/portal/summary');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await stream.close();
  });
});
