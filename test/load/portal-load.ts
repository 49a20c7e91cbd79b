/**
 * `npm run test:load -- [--duration S] [--connections N] [--warmup S] [--customers N] [--years Y]`
 *
 * The Portal API under sustained load, on real PostgreSQL (DATABASE_URL names the server;
 * the run works in a database of its own and drops it at the end): the seed generator
 * fills the demo tenant, the real API process (`bin/start.ts`) serves it, and autocannon
 * sends every portal read route (summary, account, invoices, one invoice, payments,
 * statement, credit notes, sales orders, schedules) with the tokens of several customers.
 *
 * Passes when, after a warm-up, the measured run has zero connection errors, timeouts
 * and non-2xx answers, and the process's resident memory after the run is within 10% of
 * what it was after the warm-up (a leak grows it with every request). Exits 1 otherwise.
 * Defaults: 60 s at 100 connections after a warm-up of at least 20 s (longer until RSS
 * stops climbing). The latencies of the warm-up column are those of its first part.
 * Memory is read after a full garbage collection in the API process (see gc-on-signal.mjs);
 * SSP_LOAD_TRACE=1 also prints the process's major collections (live heap before → after).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import autocannon from 'autocannon';
import { type ApiProcess, createDatabase, dropDatabase, mintToken, spawnApi } from '../../packages/api/test/api-process.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RSS_GROWTH_LIMIT = 0.1;

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '100' },
    warmup: { type: 'string', default: '20' },
    customers: { type: 'string', default: '12' },
    years: { type: 'string', default: '5' },
  },
});
const number = (name: keyof typeof values) => {
  const parsed = Number(values[name]);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive number, got ${values[name]}`);
  return parsed;
};
const duration = number('duration');
const connections = Math.round(number('connections'));
const warmup = number('warmup');
const customers = Math.round(number('customers'));
const years = number('years');

const base = process.env.DATABASE_URL;
if (!base) {
  console.error('test:load runs on PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)');
  process.exit(2);
}

/** Resident set size of a process, in bytes, from /proc (Linux). */
async function rss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = status.match(/^VmRSS:\s+(\d+) kB$/m)?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

/** RSS after a full garbage collection in the process (see gc-on-signal.mjs): what it retains. */
async function retained(pid: number): Promise<number> {
  process.kill(pid, 'SIGUSR2');
  await sleep(1_500);
  return rss(pid);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every portal read route, for each customer, with that customer's token. */
async function portalRequests(api: ApiProcess): Promise<autocannon.Request[]> {
  const listed = await fetch(`${api.url}/v1/customers?limit=100`, { headers: { Authorization: `Bearer ${api.secretKey}` } });
  const ids = ((await listed.json()) as { data: { id: string }[] }).data.map((row) => row.id).slice(0, customers);
  const requests: autocannon.Request[] = [];
  for (const id of ids) {
    const token = await mintToken(api, id);
    const headers = { authorization: `Bearer ${token}` };
    const page = (await (await fetch(`${api.url}/v1/portal/invoices?limit=1`, { headers })).json()) as { data: { id: string }[] };
    const routes = ['summary', 'account', 'invoices', `invoices/${page.data[0]!.id}`, 'payments', 'statement', 'credit-notes', 'sales-orders', 'schedules'];
    for (const route of routes) requests.push({ method: 'GET', path: `/v1/portal/${route}`, headers });
  }
  return requests;
}

function cannon(url: string, requests: autocannon.Request[], seconds: number): Promise<autocannon.Result> {
  return autocannon({ url, connections, duration: seconds, requests, timeout: 10 });
}

/** After a failed run: which routes answer what, one request each. */
async function diagnose(api: ApiProcess, requests: autocannon.Request[]): Promise<void> {
  for (const request of requests) {
    const response = await fetch(`${api.url}${request.path}`, { headers: request.headers as Record<string, string> });
    if (!response.ok) console.error(`  ${response.status} ${request.path}: ${(await response.text()).slice(0, 200)}`);
  }
}

const database = await createDatabase(base, 'ssp_load');
let api: ApiProcess | undefined;
let failed = false;
try {
  const started = performance.now();
  const seed = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'packages/api/src/bin/seed.ts', '--customers', String(customers), '--years', String(years), '--tenant', 'demo', '--seed', '7'],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: database.url } },
  );
  const invoices = seed.stdout.match(/invoices:\s+([\d,]+)/)?.[1] ?? '?';
  console.log(`seeded ${customers} customers, ${invoices} invoices in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // Rate limits off: this measures the API, not the limiter. Long tokens: the run may outlast 15 minutes.
  api = await spawnApi({
    databaseUrl: database.url,
    // Between collections V8 lets the heap grow far past what is live (by 150 MB and more
    // here), and its young generation grows with the allocation rate: steps in RSS that are
    // no leak. So memory is read after a full collection (SIGUSR2, gc-on-signal.mjs), and the
    // young generation starts at its full default size.
    nodeArgs: [
      '--expose-gc',
      '--import',
      fileURLToPath(new URL('gc-on-signal.mjs', import.meta.url)),
      '--min-semi-space-size=16',
      ...(process.env.SSP_LOAD_TRACE ? ['--trace-gc'] : []),
    ],
    env: { SSP_RATE_LIMIT_SESSION_PER_MIN: '0', SSP_RATE_LIMIT_KEY_PER_MIN: '0', SSP_SESSION_TTL_SECONDS: '7200' },
  });
  const requests = await portalRequests(api);
  console.log(`${requests.length} distinct requests (${requests.length / 9} customers × 9 routes), ${connections} connections`);

  // RSS once a second during the measured run too, to show its course, not only its ends.
  let peak = 0;
  const pid = api.pid;
  const sampler = setInterval(() => void rss(pid).then((bytes) => (peak = Math.max(peak, bytes)), () => {}), 1_000);
  // Warm-up: at least --warmup seconds, then 5 s slices until RSS stops climbing (JIT, pools,
  // caches and V8's heap sizing settle with the number of requests served, which on a busy
  // machine takes longer), up to 90 s more.
  const warm = await cannon(api.url, requests, warmup);
  let rssWarm = await retained(api.pid);
  for (let extra = 0; extra < 90; extra += 5) {
    const slice = await cannon(api.url, requests, 5);
    warm.requests.total += slice.requests.total;
    warm.errors += slice.errors;
    warm.timeouts += slice.timeouts;
    warm.non2xx += slice.non2xx;
    warm.duration += slice.duration;
    const now = await retained(api.pid);
    const settled = now <= rssWarm * 1.02;
    rssWarm = now;
    if (settled) break;
  }
  peak = rssWarm;
  const run = await cannon(api.url, requests, duration);
  clearInterval(sampler);
  const rssAfter = await retained(api.pid);
  if (process.env.SSP_LOAD_TRACE) console.log(api.output().split('\n').filter((line) => line.includes('Mark-Compact')).join('\n'));
  const growth = (rssAfter - rssWarm) / rssWarm;

  const rows: [string, string, string][] = [
    ['phase', 'warm-up', 'run'],
    ['duration', `${warm.duration.toFixed(0)} s`, `${run.duration.toFixed(0)} s`],
    ['requests', String(warm.requests.total), String(run.requests.total)],
    ['requests/s (mean)', (warm.requests.total / warm.duration).toFixed(0), run.requests.average.toFixed(0)],
    ['latency p50', `${warm.latency.p50} ms`, `${run.latency.p50} ms`],
    ['latency p97.5', `${warm.latency.p97_5} ms`, `${run.latency.p97_5} ms`],
    ['latency p99', `${warm.latency.p99} ms`, `${run.latency.p99} ms`],
    ['latency max', `${warm.latency.max} ms`, `${run.latency.max} ms`],
    ['errors', String(warm.errors), String(run.errors)],
    ['timeouts', String(warm.timeouts), String(run.timeouts)],
    ['non-2xx', String(warm.non2xx), String(run.non2xx)],
    ['RSS after (full GC)', mb(rssWarm), mb(rssAfter)],
    ['RSS peak during run', '', mb(peak)],
  ];
  const width = Math.max(...rows.map((row) => row[0].length));
  console.log('');
  for (const [name, a, b] of rows) console.log(`${name.padEnd(width)}  ${a.padStart(12)}  ${b.padStart(12)}`);
  console.log(`${'RSS growth'.padEnd(width)}  ${''.padStart(12)}  ${`${(growth * 100).toFixed(1)}%`.padStart(12)}  (limit ${RSS_GROWTH_LIMIT * 100}%)`);
  console.log('');

  const problems: string[] = [];
  if (run.errors || run.timeouts) problems.push(`${run.errors} connection errors (${run.timeouts} timeouts)`);
  if (run.non2xx) problems.push(`${run.non2xx} non-2xx answers`);
  if (run.requests.total === 0) problems.push('no request answered');
  if (growth > RSS_GROWTH_LIMIT) problems.push(`RSS grew ${(growth * 100).toFixed(1)}% (${mb(rssWarm)} → ${mb(rssAfter)})`);
  if (api.child.exitCode !== null) problems.push(`the API process exited (${api.child.exitCode})`);
  if (problems.length) {
    failed = true;
    console.error(`FAIL: ${problems.join('; ')}`);
    if (run.non2xx) await diagnose(api, requests);
  } else {
    console.log('PASS: zero errors and non-2xx answers; memory flat after the warm-up');
  }
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await api?.stop();
  await dropDatabase(base, database.name);
}
process.exit(failed ? 1 : 0);
