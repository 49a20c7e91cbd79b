/**
 * `npm run bench:exports [-- --rows N] [--formats csv,xlsx]`: does an export of N invoices (default 100,000)
 * go out in constant memory?
 *
 * Seeds N invoices for one customer of a fresh tenant (in-memory PGlite, or PostgreSQL
 * when DATABASE_URL is set; the tenant is deleted afterwards), serves the API on a
 * loopback port, and downloads `GET /v1/portal/invoices/export` as CSV, then as XLSX,
 * with a client that counts and discards the bytes. For each format: a small warm-up
 * export (so that the baseline is a server that has already exported once: code
 * compiled, young generation sized), then the measured download, sampling RSS every
 * 50 ms, then the same download again with a GC forced every 250 ms, measuring what is
 * actually alive (heap + external buffers; needs --expose-gc, as the npm script passes).
 *
 * The two figures answer different questions. "Peak live growth" is what the export
 * holds: it stays at a few MB whatever N, which is the constant-memory claim. "Peak RSS
 * growth" adds the garbage V8 lets pile up before it collects (it sizes the old
 * generation to a multiple of the live heap, and counts dead Buffers only past tens of
 * MB), so it depends on allocation speed and on V8's heap limit more than on N. The npm
 * script caps the heap at 256 MB, as a production server's container would (V8's own
 * default follows the machine's RAM, 4 GB here, and lets garbage reach 60+ MB during a
 * fast PostgreSQL export before it collects); the limit is printed. Client and server
 * share the process, so both figures include the client. Exits non-zero when the live
 * growth passes the target.
 */
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { serve } from '@hono/node-server';
import { type Kysely, sql } from 'kysely';
import { readConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { insertBulkInvoices } from '../seed/bulk-invoices.ts';
import { createRuntime } from '../server.ts';
import { createApiKey, createTenant } from '../queries/tenants.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, formats: { type: 'string', default: 'csv,xlsx' } } });
const rows = Number(values.rows);
if (!Number.isInteger(rows) || rows < 1) throw new Error(`--rows: bad value "${values.rows}"`);
const formats = values.formats.split(',');
if (formats.some((format) => format !== 'csv' && format !== 'xlsx')) throw new Error(`--formats: csv, xlsx or both, not "${values.formats}"`);

const MB = 1024 * 1024;
const TARGET_MB = 50;
const gc = (globalThis as { gc?: () => void }).gc;

interface Result {
  format: string;
  rows: number;
  bytes: number;
  seconds: number;
  baselineMb: number;
  peakGrowthMb: number;
  /** Peak growth of what is alive (heap + external), sampled after a forced GC; NaN without --expose-gc. */
  liveGrowthMb: number;
}

/**
 * Downloads `path` with a client that counts and discards the bytes. With `live`, a GC is
 * forced every 250 ms and what survives it is measured instead of RSS (which then says
 * little, the GC having been forced).
 */
async function download(port: number, path: string, token: string, live = false) {
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc?.();
  const before = process.memoryUsage();
  const alive = () => {
    const now = process.memoryUsage();
    return now.heapUsed + now.external - before.heapUsed - before.external;
  };
  let peakRss = before.rss;
  let peakLive = 0;
  const sampler = setInterval(() => {
    if (live) {
      gc?.();
      peakLive = Math.max(peakLive, alive());
    } else {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
  }, live ? 250 : 50);
  const started = performance.now();
  let bytes = 0;
  let lines = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const request = get({ host: '127.0.0.1', port, path, headers: { Authorization: `Bearer ${token}` } }, (response) => {
        if (response.statusCode !== 200) {
          reject(new Error(`${path}: HTTP ${response.statusCode}`));
          response.resume();
          return;
        }
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
        });
        response.on('end', resolve);
        response.on('error', reject);
      });
      request.on('error', reject);
    });
  } finally {
    clearInterval(sampler);
  }
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  return { bytes, lines, seconds: (performance.now() - started) / 1000, baseline: before.rss, peakRssGrowth: peakRss - before.rss, peakLive };
}

/** A warm-up export (a recent month: the code paths compiled, the heap sized as in a running server), then the measured ones. */
async function measure(port: number, token: string, format: string): Promise<Result> {
  await download(port, `/v1/portal/invoices/export?format=${format}&from=2026-05-01`, token);
  const path = `/v1/portal/invoices/export?format=${format}`;
  const run = await download(port, path, token);
  if (format === 'csv' && run.lines !== rows + 1) throw new Error(`CSV had ${run.lines} lines, expected ${rows + 1}`);
  const live = gc ? (await download(port, path, token, true)).peakLive / MB : Number.NaN;
  return { format, rows, bytes: run.bytes, seconds: run.seconds, baselineMb: run.baseline / MB, peakGrowthMb: run.peakRssGrowth / MB, liveGrowthMb: live };
}

async function deleteTenant(db: Kysely<Database>, tenantId: string) {
  await db.transaction().execute(async (trx) => {
    await sql`set local statement_timeout = 0`.execute(trx);
    for (const table of ['invoices', 'customers', 'api_keys', 'tenants'] as const) {
      await trx.deleteFrom(table).where(table === 'tenants' ? 'id' : 'tenant_id', '=', tenantId).execute();
    }
  });
}

const config = readConfig({ DATABASE_URL: process.env.DATABASE_URL, SSP_DATA_DIR: 'memory://', LOG_LEVEL: 'warn' });
const runtime = await createRuntime(config);
const { db } = runtime.deps;
const tenant = await createTenant(db, { name: 'Export benchmark' });
let server: ReturnType<typeof serve> | undefined;
try {
  const key = await createApiKey(db, tenant.id, 'bench');
  const customerId = 'bench-customer';
  const host = (path: string, body: unknown) =>
    runtime.app.request(path, { method: 'POST', headers: { Authorization: `Bearer ${key.secret}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if ((await host('/v1/customers', { id: customerId, name: 'Benchmark Co' })).status !== 200) throw new Error('could not create the customer');

  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : 'in-memory PGlite';
  console.log(`seeding ${rows.toLocaleString('en')} invoices on ${where}…`);
  const seeding = performance.now();
  await insertBulkInvoices(db, { tenantId: tenant.id, customerId, count: rows });
  if (config.databaseUrl) await sql`analyze invoices`.execute(db);
  console.log(`seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s${gc ? '' : ' (run with node --expose-gc for a steadier baseline)'}`);

  const session = await host('/v1/sessions', { customerId });
  const { token } = (await session.json()) as { token: string };
  server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const listening = serve({ fetch: runtime.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;

  const results: Result[] = [];
  for (const format of formats) results.push(await measure(port, token, format));

  const cell = (text: string) => text.padStart(14);
  const line = (label: string, pick: (result: Result) => string) => console.log(label.padEnd(26) + results.map((result) => cell(pick(result))).join(''));
  console.log(`\ninvoice export over HTTP, ${where}, Node ${process.version}, V8 heap limit ${Math.round(getHeapStatistics().heap_size_limit / MB)} MB`);
  line('', (result) => result.format.toUpperCase());
  line('rows', (result) => result.rows.toLocaleString('en'));
  line('bytes', (result) => result.bytes.toLocaleString('en'));
  line('seconds', (result) => result.seconds.toFixed(2));
  line('rows/s', (result) => Math.round(result.rows / result.seconds).toLocaleString('en'));
  line('baseline RSS (MB)', (result) => result.baselineMb.toFixed(1));
  line('peak RSS growth (MB)', (result) => result.peakGrowthMb.toFixed(1));
  line('peak live growth (MB)', (result) => result.liveGrowthMb.toFixed(1));
  const verdict = (pick: (result: Result) => number) =>
    results.map((result) => `${result.format} ${pick(result) <= TARGET_MB ? 'within' : 'over'}`).join(', ');
  console.log(`\n${TARGET_MB} MB target: RSS ${verdict((result) => result.peakGrowthMb)}; live ${verdict((result) => result.liveGrowthMb)}`);
  if (results.some((result) => result.liveGrowthMb > TARGET_MB)) process.exitCode = 1;
} finally {
  server?.close();
  await deleteTenant(db, tenant.id);
  await runtime.database.close();
}
