/**
 * `npm run bench:live [-- --streams 100,1000 --rate 20 --seconds 15]`: how fast do live
 * updates reach open streams, and what does an open stream cost?
 *
 * The API runs in this process (PostgreSQL in a database of its own when DATABASE_URL is
 * set, dropped afterwards; in-memory PGlite otherwise) on a loopback port. A child
 * process holds the SSE clients, so their memory and event loop are not the server's.
 * For each stream count N: N streams over N/4 customers (4 streams each, as tabs and
 * devices), then payments posted through the Host API at a steady rate, each to one
 * customer in turn, so every write fans out to 4 streams.
 *
 * Latency is taken per received event, with one clock (both processes read the wall
 * clock at sub-millisecond resolution). The commit happens between the POST being sent
 * and its response arriving, so two figures bracket "commit → receipt": from the POST's
 * response (a lower bound; it can be negative when the event outruns the response) and
 * from the POST being sent (an upper bound, including the write itself).
 *
 * Memory per stream: what is alive in the server (heap + external, after a forced GC;
 * needs --expose-gc, which the npm script passes) with N streams open, minus the same
 * before they opened, divided by N. RSS growth is printed beside it.
 */
import { fork } from 'node:child_process';
import { type ClientRequest, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { readConfig } from '../config.ts';
import { createApiKey, createTenant } from '../queries/tenants.ts';
import { createRuntime, listen } from '../server.ts';

const { values } = parseArgs({
  options: {
    streams: { type: 'string', default: '100,1000' },
    rate: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '15' },
    client: { type: 'boolean', default: false },
  },
});

const now = () => performance.timeOrigin + performance.now();

type ToClient = { type: 'open'; port: number; tokens: string[] } | { type: 'collect' } | { type: 'close' };
type ToServer = { type: 'opened' } | { type: 'receipts'; receipts: [string, number][] } | { type: 'closed' } | { type: 'failed'; message: string };

if (values.client) runClient();
else await runBench();

/** The child: opens the streams it is given and records when each payment id arrives. */
function runClient() {
  const requests: ClientRequest[] = [];
  let receipts: [string, number][] = [];
  const send = (message: ToServer) => process.send!(message);
  process.on('message', (message: ToClient) => {
    if (message.type === 'open') {
      let ready = 0;
      for (const token of message.tokens) {
        const request = get({ host: '127.0.0.1', port: message.port, path: '/v1/portal/events', agent: false, headers: { Authorization: `Bearer ${token}` } }, (response) => {
          if (response.statusCode !== 200) return send({ type: 'failed', message: `stream answered ${response.statusCode}` });
          let buffer = '';
          let counted = false;
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            const at = now();
            buffer += chunk;
            let end = buffer.indexOf('\n');
            while (end !== -1) {
              const line = buffer.slice(0, end);
              buffer = buffer.slice(end + 1);
              if (line.startsWith('retry:') && !counted) {
                counted = true;
                ready += 1;
                if (ready === message.tokens.length) send({ type: 'opened' });
              } else if (line.startsWith('data: {')) {
                const id = (JSON.parse(line.slice(6)) as { ids: string[] }).ids[0];
                if (id) receipts.push([id, at]);
              }
              end = buffer.indexOf('\n');
            }
          });
          response.on('error', () => {});
        });
        request.on('error', (error) => send({ type: 'failed', message: error.message }));
        requests.push(request);
      }
    } else if (message.type === 'collect') {
      send({ type: 'receipts', receipts });
      receipts = [];
    } else {
      for (const request of requests.splice(0)) request.destroy();
      send({ type: 'closed' });
    }
  });
}

async function runBench() {
  const counts = values.streams.split(',').map(Number);
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  if (counts.some((n) => !Number.isInteger(n) || n < 4) || !(rate > 0) || !(seconds > 0)) throw new Error('--streams N[,N…] (each ≥ 4), --rate and --seconds must be positive numbers');
  const gc = (globalThis as { gc?: () => void }).gc;
  const collect = async () => {
    for (let i = 0; i < 3; i += 1) {
      gc?.();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const usage = process.memoryUsage();
    return { live: usage.heapUsed + usage.external, rss: usage.rss };
  };

  const base = process.env.DATABASE_URL;
  let databaseName: string | undefined;
  let databaseUrl: string | undefined;
  if (base) {
    databaseName = `ssp_bench_live_${process.pid}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${databaseName}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
  }
  const maxStreams = Math.max(...counts);
  const config = {
    ...readConfig({ SSP_DATA_DIR: 'memory://', LOG_LEVEL: 'warn' }),
    databaseUrl,
    eventsMaxStreams: maxStreams,
    eventsMaxStreamsPerCustomer: 4,
    rateLimitKeyPerMin: 0,
    rateLimitSessionPerMin: 0,
  };
  const runtime = await createRuntime(config);
  const server = await listen(runtime.app, 0);
  const port = (server.address() as AddressInfo).port;
  const child = fork(new URL(import.meta.url).pathname, ['--client'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = <T extends ToServer['type']>(type: T) =>
    new Promise<Extract<ToServer, { type: T }>>((resolve, reject) => {
      const onMessage = (message: ToServer) => {
        if (message.type === 'failed') reject(new Error(message.message));
        else if (message.type === type) {
          child.off('message', onMessage);
          resolve(message as Extract<ToServer, { type: T }>);
        }
      };
      child.on('message', onMessage);
    });

  try {
    const { db } = runtime.deps;
    const tenant = await createTenant(db, { name: 'Live benchmark' });
    const key = await createApiKey(db, tenant.id, 'bench');
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${key.secret}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return response.json() as Promise<any>;
    };
    const customers = Array.from({ length: maxStreams / 4 }, (_, i) => `cus_${String(i).padStart(5, '0')}`);
    for (let start = 0; start < customers.length; start += 500) {
      const slice = customers.slice(start, start + 500);
      await post('/v1/customers', { data: slice.map((id) => ({ id, name: id, currency: 'EUR', contacts: [] })) });
    }
    const tokens = new Map<string, string>();
    for (const id of customers) tokens.set(id, (await post('/v1/sessions', { customerId: id })).token);
    // Warm up the write and stream paths once before measuring anything.
    await post('/v1/payments', { id: 'pay_warmup', customerId: customers[0], currency: 'EUR', amount: 1, date: '2026-01-01', method: 'card', allocations: [] });

    const where = databaseUrl ? 'PostgreSQL (a database of its own on DATABASE_URL)' : 'in-memory PGlite';
    console.log(`live updates on ${where}: ${rate} payments/s for ${seconds} s, 4 streams per customer\n`);
    const rows: string[][] = [];
    let sequence = 0;
    for (const count of counts) {
      const used = customers.slice(0, count / 4);
      const before = await collect();
      child.send({ type: 'open', port, tokens: used.flatMap((id) => Array(4).fill(tokens.get(id)!)) } satisfies ToClient);
      await next('opened');
      while (runtime.live.hub.count() < count) await new Promise((resolve) => setTimeout(resolve, 20));
      const opened = await collect();

      const sent = new Map<string, number>();
      const answered = new Map<string, number>();
      // A write that fails (a 503 when the pool is saturated) is counted, not fatal.
      let failed = 0;
      const writes: Promise<void>[] = [];
      const total = Math.round(rate * seconds);
      const started = now();
      for (let i = 0; i < total; i += 1) {
        const due = started + (i * 1000) / rate;
        const wait = due - now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const id = `pay_${count}_${(sequence += 1)}`;
        const customerId = used[i % used.length]!;
        sent.set(id, now());
        writes.push(
          post('/v1/payments', { id, customerId, currency: 'EUR', amount: 100, date: '2026-01-15', method: 'card', allocations: [] }).then(
            () => void answered.set(id, now()),
            () => void (failed += 1),
          ),
        );
      }
      await Promise.all(writes);
      // Let the last events arrive.
      const expected = (total - failed) * 4;
      let receipts: [string, number][] = [];
      const deadline = now() + 10_000;
      while (receipts.length < expected && now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        child.send({ type: 'collect' } satisfies ToClient);
        receipts = receipts.concat((await next('receipts')).receipts);
      }
      const fromResponse = receipts.filter(([id]) => answered.has(id)).map(([id, at]) => at - answered.get(id)!).sort((x, y) => x - y);
      const fromSent = receipts.filter(([id]) => sent.has(id)).map(([id, at]) => at - sent.get(id)!).sort((x, y) => x - y);
      const pct = (list: number[], p: number) => (list.length ? list[Math.min(list.length - 1, Math.floor((p / 100) * list.length))]! : Number.NaN);
      rows.push([
        String(count),
        `${receipts.length}/${expected}${failed ? ` (${failed} writes failed)` : ''}`,
        ...[50, 95, 99].map((p) => `${pct(fromResponse, p).toFixed(1)} – ${pct(fromSent, p).toFixed(1)}`),
        ((opened.live - before.live) / count / 1024).toFixed(1),
        ((opened.rss - before.rss) / count / 1024).toFixed(1),
      ]);

      child.send({ type: 'close' } satisfies ToClient);
      await next('closed');
      while (runtime.live.hub.count() > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }

    const header = ['streams', 'received', 'p50 ms', 'p95 ms', 'p99 ms', 'KB/stream (live)', 'KB/stream (RSS)'];
    const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
    const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i]!)).join('  ');
    console.log(line(header));
    for (const row of rows) console.log(line(row));
    console.log('\nLatency "a – b": a from the POST\'s response, b from the POST being sent; the commit lies between.');
    if (!gc) console.log('(run with --expose-gc, as `npm run bench:live` does, for the live-memory figure)');
  } finally {
    child.kill();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await runtime.database.close();
    if (base && databaseName) {
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      await admin.query(`drop database if exists ${databaseName} with (force)`);
      await admin.end();
    }
  }
}
