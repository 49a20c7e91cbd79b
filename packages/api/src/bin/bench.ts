/**
 * `npm run bench [-- --quick] [--skip-browser] [--json FILE]`: the performance table of
 * docs/performance.md, measured side by side in one run.
 *
 *  1. API on PostgreSQL, one process: /v1/health (the bare-route baseline), summary,
 *     invoices first page, invoices page 500 by cursor (these two alternately, A B B A),
 *     statement for 12 months, for the customer with the most history; autocannon, 50
 *     connections, after a warm-up.
 *  2. Documents: the statement of 10,000 lines as JSON and PDF; the 100,000-row CSV
 *     export's memory (`npm run bench:exports`, run as it is).
 *  3. The same routes on PGlite with the demo data (`npm start`'s server).
 *  4. Chromium: demo page script → dashboard figures painted; a 1,000-row invoice list.
 *  5. Bundle sizes (`npm run size`), beside Lit's.
 *  6. Scale: 2 and 4 API processes (node:cluster) over one PostgreSQL, and the API
 *     through PgBouncer in transaction pooling (LISTEN direct), with a write and a live
 *     update through it.
 *
 * PostgreSQL: BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres)
 * names the server; the bench uses its own database there, `ssp_bench` (1,000 customers ×
 * 1,000 invoices and a 15,000-invoice account, built on first use: a few minutes, ~1.3 GB)
 * or with --quick `ssp_bench_quick` (20 × 60, for CI smoke: the whole run stays under two
 * minutes). Exits non-zero when a route answers errors; targets missed are reported, not
 * fatal (the table says which and by how much).
 */
import { writeFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../clock.ts';
import { type BenchSize, prepareDatabase } from '../bench/bench-database.ts';
import { BENCH_TENANT, benchKey, mintToken, over } from '../bench/bench-tenant.ts';
import { launchChromium, measureDashboard, measureInvoiceList } from '../bench/browser.ts';
import { type LoadOptions, type LoadResult, measurePair, measureRoute } from '../bench/load.ts';
import { PGBOUNCER, startPgBouncer } from '../bench/pgbouncer.ts';
import { ROOT, benchApiEnv, freePort, startApi, startChild } from '../bench/processes.ts';
import { ms, rate, table, verdict } from '../bench/report.ts';
import { findSubjects, lastTwelveMonths } from '../bench/subjects.ts';
import { checkLiveThrough, checkWritesThrough } from '../bench/through-pooler.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'skip-browser': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
const quick = values.quick;
const serverUrl = process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const size: BenchSize = quick ? { customers: 20, invoicesPerCustomer: 60, largeAccount: 15_000 } : { customers: 1_000, invoicesPerCustomer: 1_000, largeAccount: 15_000 };
const load: LoadOptions = quick ? { connections: 50, seconds: 2, warmupSeconds: 2 } : { connections: 50, seconds: 20, warmupSeconds: 5 };
const today = systemClock.today();
const began = performance.now();
const log = (line: string) => console.log(`[bench ${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const results: Record<string, unknown> = { quick, load, today, node: process.version };
/** The table's sections, printed as each step ends and all together at the end. */
const sections: string[] = [];
const section = (text: string) => {
  // Other work on the machine skews every figure: each section says how busy it was.
  const [title, ...rest] = text.split('\n');
  text = [`${title}  [load average ${loadavg()[0]!.toFixed(1)}, ${cpus().length} cores]`, ...rest].join('\n');
  sections.push(text);
  console.log(`\n${text}\n`);
};
let errors = 0;
/** Steps that could not run: reported under the table, and the exit code says so. */
const failures: string[] = [];

const cpu = (value: number) => (Number.isNaN(value) ? '?' : `${value.toFixed(2)} ms`);

function loadRows(measured: LoadResult[], baseline: LoadResult) {
  return measured.map((result) => {
    errors += result.errors;
    return [result.name, rate(result.rps), ms(result.p50), ms(result.p99), `${((result.rps / baseline.rps) * 100).toFixed(0)}%`, cpu(result.cpuMs), cpu(result.databaseCpuMs), result.errors];
  });
}

async function median(runs: number, task: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

async function fetchOk(url: string, token: string): Promise<Buffer> {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  return Buffer.from(await response.arrayBuffer());
}

const cleanup: (() => Promise<unknown>)[] = [];
try {
  // ---- Data ------------------------------------------------------------------------
  const name = quick ? 'ssp_bench_quick' : 'ssp_bench';
  const prepared = await prepareDatabase(serverUrl, name, size, today, log);
  cleanup.push(() => prepared.database.close());
  const { db } = prepared.database;
  // --quick draws a shorter statement: its PDF alone would take most of the two minutes.
  const subjects = await findSubjects(db, BENCH_TENANT, today, { statementLines: quick ? 2_000 : 10_000 });
  const key = await benchKey(db);
  cleanup.push(() => key.remove());
  const secret = key.secret;
  results.data = { database: name, invoices: prepared.invoices, bytes: prepared.bytes, seededSeconds: prepared.seededSeconds, subjects };
  log(
    `${name}: ${prepared.invoices.toLocaleString('en')} invoices, ${(prepared.bytes / 1024 ** 3).toFixed(2)} GB` +
      (prepared.seededSeconds === undefined ? ' (already seeded)' : `, seeded in ${prepared.seededSeconds.toFixed(0)} s`),
  );

  // ---- 1. API on PostgreSQL, one process -------------------------------------------
  log(`API on PostgreSQL, 1 process: ${load.connections} connections, ${load.seconds} s per route after ${load.warmupSeconds} s of warm-up`);
  const api = await startApi(prepared.url, 1);
  cleanup.push(() => api.stop());
  const token = await mintToken(over(api.url), secret, subjects.heavy);
  const portal = (path: string) => `${api.url}${path}`;
  const health = await measureRoute('/v1/health (baseline)', `${api.url}/v1/health`, undefined, load, api.process.pid);
  const measured: LoadResult[] = [health];
  measured.push(await measureRoute('summary', portal('/v1/portal/summary'), token, load, api.process.pid));
  // The pages' ratio is a target: measured alternately (A B B A), not one after the other.
  measured.push(
    ...(await measurePair(
      { name: 'invoices, first page', url: portal('/v1/portal/invoices') },
      { name: `invoices, page ${subjects.deepPage} by cursor`, url: portal(`/v1/portal/invoices?cursor=${subjects.deepCursor}`) },
      token,
      load,
      api.process.pid,
    )),
  );
  measured.push(await measureRoute('statement, 12 months', portal(`/v1/portal/statement?${lastTwelveMonths(today)}`), token, load, api.process.pid));
  results.postgres = measured;
  const [, summary, firstPage, deepPage] = measured as [LoadResult, LoadResult, LoadResult, LoadResult, LoadResult];
  const gb = (prepared.bytes / 1024 ** 3).toFixed(2);
  section(
    `## API on PostgreSQL (${name}: ${prepared.invoices.toLocaleString('en')} invoices, ${gb} GB${prepared.seededSeconds === undefined ? '' : `, seeded in ${prepared.seededSeconds.toFixed(0)} s`}), 1 process, customer ${subjects.heavy}` +
      `\nautocannon ${load.connections} connections, ${load.seconds} s per route after ${load.warmupSeconds} s warm-up; Node ${process.version}\n\n` +
      table(['route', 'req/s', 'p50', 'p99', 'of baseline', 'API CPU/req', 'PostgreSQL CPU/req', 'errors'], loadRows(measured, health)) +
      '\n\n' +
      table(['target', 'measured', ''], [
        [`summary ≥ 30% of baseline req/s`, `${((summary.rps / health.rps) * 100).toFixed(0)}%`, verdict(summary.rps >= 0.3 * health.rps)],
        ['summary p99 ≤ 25 ms', ms(summary.p99), verdict(summary.p99 <= 25)],
        [`page ${subjects.deepPage} p50 ≤ 1.2 × first page p50`, `${(deepPage.p50 / firstPage.p50).toFixed(2)}×`, verdict(deepPage.p50 <= 1.2 * firstPage.p50)],
      ]),
  );

  // ---- 2. Documents ------------------------------------------------------------------
  let documents: (string | number)[][] = [];
  if (subjects.statementFrom) {
    const path = `/v1/portal/statement?from=${subjects.statementFrom}&to=${today}`;
    const body = JSON.parse((await fetchOk(portal(path), token)).toString()) as { currencies: { lines: unknown[] }[] };
    const lines = body.currencies.reduce((sum, block) => sum + block.lines.length, 0);
    const pdfPath = path.replace('/statement?', '/statement/pdf?');
    // One unmeasured PDF first: the process parses its fonts once, on its first document.
    await fetchOk(portal(pdfPath), token);
    const json = await median(quick ? 3 : 7, async () => void (await fetchOk(portal(path), token)));
    const pdf = await median(quick ? 1 : 3, async () => void (await fetchOk(portal(pdfPath), token)));
    results.statement = { lines, jsonMs: json, pdfMs: pdf };
    documents = [
      [`statement JSON, ${lines.toLocaleString('en')} lines`, ms(json), '≤ 150 ms', verdict(json <= 150)],
      [`statement PDF, ${lines.toLocaleString('en')} lines`, ms(pdf), '≤ 2 s', verdict(pdf <= 2000)],
    ];
  }
  // The 1,000-row list the browser renders, from the API as the element would fetch it.
  const pages: unknown[] = [];
  let cursor: string | null = null;
  let listBody: { totals?: unknown } = {};
  for (let page = 0; page < 10; page += 1) {
    const chunk = JSON.parse((await fetchOk(portal(`/v1/portal/invoices?limit=100${cursor ? `&cursor=${cursor}` : ''}`), token)).toString()) as {
      data: unknown[];
      nextCursor: string | null;
      totals?: unknown;
    };
    pages.push(...chunk.data);
    listBody = chunk;
    cursor = chunk.nextCursor;
  }
  const thousandRows = JSON.stringify({ data: pages, nextCursor: null, totals: listBody.totals });
  await api.stop();

  const exportRows = quick ? 10_000 : 100_000;
  log(`npm run bench:exports -- --rows ${exportRows} --formats csv`);
  try {
    const exportsRun = await startChild(process.execPath, ['--expose-gc', '--max-old-space-size=256', '--import', 'tsx', 'packages/api/src/bin/bench-exports.ts', '--rows', String(exportRows), '--formats', 'csv'], {
      env: { ...process.env, DATABASE_URL: prepared.url },
      ready: /target: RSS[^\n]*\n/,
      timeoutMs: 600_000,
      name: 'bench:exports',
    });
    await new Promise((done) => (exportsRun.process.exitCode !== null ? done(null) : exportsRun.process.once('exit', done)));
    const exportText = exportsRun.output();
    // Its table has one column per format, CSV alone here.
    const exportLine = (label: string) => Number(exportText.match(new RegExp(`^${label}\\s+(\\S+)`, 'm'))?.[1]);
    const csvSeconds = exportLine('seconds');
    const csvRss = exportLine('peak RSS growth \\(MB\\)');
    const csvLive = exportLine('peak live growth \\(MB\\)');
    results.exports = { rows: exportRows, csvSeconds, csvRssMb: csvRss, csvLiveMb: csvLive, output: exportText };
    documents.push([`CSV export, ${exportRows.toLocaleString('en')} rows (${csvSeconds} s)`, `RSS +${csvRss} MB, live +${csvLive} MB`, '≤ 50 MB', verdict(csvRss <= 50)]);
  } catch (error) {
    failures.push(`bench:exports: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    documents.push([`CSV export, ${exportRows.toLocaleString('en')} rows`, 'FAILED (see below)', '≤ 50 MB', '']);
  }

  section(`## Documents\n\n${table(['what', 'measured', 'target', ''], documents)}`);

  // ---- 3. PGlite with the demo data ----------------------------------------------------
  log('PGlite with the demo data (npm start’s server)');
  const dataDir = await mkdtemp(join(tmpdir(), 'ssp-bench-pglite-'));
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  const demoPort = await freePort();
  const { DATABASE_URL: _direct, ...withoutDatabase } = benchApiEnv({ PORT: String(demoPort), SSP_DATA_DIR: dataDir });
  const demo = await startChild(process.execPath, ['--import', 'tsx', 'packages/api/src/bin/start.ts'], {
    env: withoutDatabase,
    ready: /demo customers\s+.+\n/,
    timeoutMs: 120_000,
    name: 'npm start (PGlite)',
  });
  cleanup.push(() => demo.stop());
  const demoUrl = `http://127.0.0.1:${demoPort}`;
  const demoKey = demo.output().match(/demo secret key\s+(ssp_sk_\S+)/)?.[1];
  const demoCustomers = demo.output().match(/demo customers\s+(.+)/)?.[1]?.split(', ') ?? [];
  if (!demoKey || demoCustomers.length === 0) throw new Error(`could not read the demo key and customers:\n${demo.output()}`);
  let demoHeavy = { id: demoCustomers[0]!, count: -1, token: '' };
  for (const customer of demoCustomers) {
    const customerToken = await mintToken(over(demoUrl), demoKey, customer);
    const list = JSON.parse((await fetchOk(`${demoUrl}/v1/portal/invoices`, customerToken)).toString()) as { totals: { count: number }[] };
    const count = list.totals.reduce((sum, row) => sum + row.count, 0);
    if (count > demoHeavy.count) demoHeavy = { id: customer, count, token: customerToken };
  }
  let demoCursor: string | null = null;
  let demoPages = 1;
  for (let next: string | null = null; ; demoPages += 1) {
    const chunk = JSON.parse((await fetchOk(`${demoUrl}/v1/portal/invoices${next ? `?cursor=${next}` : ''}`, demoHeavy.token)).toString()) as { nextCursor: string | null };
    if (!chunk.nextCursor) break;
    demoCursor = next = chunk.nextCursor;
  }
  const pgliteMeasured: LoadResult[] = [await measureRoute('/v1/health (baseline)', `${demoUrl}/v1/health`, undefined, load, demo.process.pid)];
  for (const [label, path] of [
    ['summary', '/v1/portal/summary'],
    ['invoices, first page', '/v1/portal/invoices'],
    [`invoices, last page (${demoPages}) by cursor`, `/v1/portal/invoices${demoCursor ? `?cursor=${demoCursor}` : ''}`],
    ['statement, 12 months', `/v1/portal/statement?${lastTwelveMonths(today)}`],
  ] as const) {
    pgliteMeasured.push(await measureRoute(label, `${demoUrl}${path}`, demoHeavy.token, load, demo.process.pid));
  }
  results.pglite = { customer: demoHeavy.id, invoices: demoHeavy.count, measured: pgliteMeasured };
  section(
    `## PGlite with the demo data (customer ${demoHeavy.id}, ${demoHeavy.count} invoices), npm start's server\n\n` +
      table(['route', 'req/s', 'p50', 'p99', 'of baseline', 'API CPU/req', 'PostgreSQL CPU/req', 'errors'], loadRows(pgliteMeasured, pgliteMeasured[0]!)),
  );

  // ---- 4. Browser ------------------------------------------------------------------------
  if (!values['skip-browser']) {
    if (!existsSync(join(ROOT, 'packages/elements/dist/ssp-elements.js'))) {
      log('building the elements bundle (npm run build)');
      const build = await startChild('npm', ['run', 'build'], { env: process.env, ready: /custom-elements|manifest|built in/i, timeoutMs: 300_000, name: 'npm run build' });
      await new Promise((done) => (build.process.exitCode !== null ? done(null) : build.process.once('exit', done)));
    }
    log('Chromium: demo dashboard, 1,000-row invoice list');
    const browser = await launchChromium();
    try {
      const dashboard = await measureDashboard(browser, `${demoUrl}/?customer=${encodeURIComponent(demoHeavy.id)}`, quick ? 1 : 5);
      const list = await measureInvoiceList(browser, thousandRows, pages.length, quick ? 1 : 5);
      const cards = await measureInvoiceList(browser, thousandRows, pages.length, quick ? 1 : 5, { width: 390, reload: false });
      results.browser = { dashboard, list, cards };
      const browserRows = [
        ['demo page: bundle loaded → summary figures painted', ms(dashboard.scriptToFigures), `navigation → figures ${ms(dashboard.navigationToFigures)}`, ''],
        [`invoice-list: ${list.rows.toLocaleString('en')} rows, response → painted`, ms(list.render), `longest task ${ms(list.longestTask)}`, `no task > 50 ms: ${verdict(list.longTasks === 0)}`],
        [`invoice-list: live reload of those rows, one changed`, ms(list.reload), `longest task ${ms(list.reloadLongestTask)}`, `no task > 50 ms: ${verdict(list.reloadLongTasks === 0)}`],
        [`invoice-list at 390 px (cards): ${cards.rows.toLocaleString('en')} rows, response → painted`, ms(cards.render), `longest task ${ms(cards.longestTask)}`, `no task > 50 ms: ${verdict(cards.longTasks === 0)}`],
      ];
      section(`## Browser (Chromium, ${quick ? '1 run' : 'median of 5'})\n\n${table(['what', 'time', '', ''], browserRows)}`);
    } finally {
      await browser.close();
    }
  }
  await demo.stop();

  // ---- 5. Bundle sizes -------------------------------------------------------------------
  log('npm run size');
  const sizeRun = await startChild('npm', ['run', 'size'], { env: process.env, ready: /× Lit\.|OVER|budget/, timeoutMs: 300_000, name: 'npm run size' });
  await new Promise((done) => (sizeRun.process.exitCode !== null ? done(null) : sizeRun.process.once('exit', done)));
  const sizeLines = sizeRun.output().split('\n').filter((line) => /^(bundle|everything|account-summary|lit|\S.*× Lit)/.test(line));
  results.size = sizeLines;
  section(`## Bundle sizes (npm run size)\n\n\`\`\`\n${sizeLines.join('\n')}\n\`\`\``);

  // ---- 6. Scale: processes and PgBouncer ---------------------------------------------------
  const scaling: LoadResult[] = [{ ...summary, name: 'summary, 1 process' }];
  const counts = quick ? [2] : [2, 4];
  for (const workers of counts) {
    log(`summary with ${workers} API processes`);
    const cluster = await startApi(prepared.url, workers);
    try {
      scaling.push(await measureRoute(`summary, ${workers} processes`, `${cluster.url}/v1/portal/summary`, await mintToken(over(cluster.url), secret, subjects.heavy), load, cluster.process.pid));
    } finally {
      await cluster.stop();
    }
  }
  section(
    `## Scale: summary with more API processes (one 2-core machine for load, API and PostgreSQL)\n\n` +
      table(['setup', 'req/s', 'p50', 'p99', 'vs 1 process', 'API CPU/req', 'PostgreSQL CPU/req', 'errors'], loadRows(scaling, scaling[0]!)),
  );
  // PgBouncer is Debian's package (apt-get install pgbouncer); without it this part is skipped, said so.
  const pooled: string[] = [];
  if (!existsSync(PGBOUNCER)) {
    log(`PgBouncer not found at ${PGBOUNCER} (apt-get install pgbouncer, or set PGBOUNCER_PATH): the pooler rows are skipped`);
    pooled.push(`skipped: no PgBouncer at ${PGBOUNCER}`);
    results.scaling = scaling;
    results.pgbouncer = pooled;
  } else {
    log('through PgBouncer (transaction pooling)');
    const bouncer = await startPgBouncer(prepared.url, 20);
    cleanup.push(() => bouncer.stop());
    for (const workers of quick ? [1] : [1, 4]) {
      // Debian's PgBouncer (1.18) cannot keep named prepared statements in transaction
      // mode: the documented setting for it (docs/scaling.md).
      const cluster = await startApi(bouncer.url, workers, { SSP_LISTEN_DATABASE_URL: prepared.url, SSP_PREPARED_STATEMENTS: 'off' });
      try {
        const pooledToken = await mintToken(over(cluster.url), secret, subjects.heavy);
        if (workers === 1) {
          for (const check of [checkWritesThrough, checkLiveThrough]) {
            pooled.push(await check(cluster.url, secret).catch((error: unknown) => `FAILED: ${error instanceof Error ? error.message : String(error)}`));
          }
        }
        scaling.push(await measureRoute(`summary, ${workers} process${workers > 1 ? 'es' : ''}, PgBouncer`, `${cluster.url}/v1/portal/summary`, pooledToken, load, cluster.process.pid));
      } finally {
        await cluster.stop();
      }
    }
    await bouncer.stop();
    results.scaling = scaling;
    results.pgbouncer = pooled;
    if (pooled.some((line) => line.startsWith('FAILED'))) errors += 1;
  }
  const viaPooler = scaling.filter((result) => result.name.includes('PgBouncer'));
  section(
    `## Through PgBouncer (transaction pooling, LISTEN direct)\n\n` +
      table(['setup', 'req/s', 'p50', 'p99', 'vs 1 process direct', 'API CPU/req', 'PostgreSQL CPU/req', 'errors'], loadRows(viaPooler, scaling[0]!)) +
      `\n\n${pooled.map((line) => `- ${line}`).join('\n')}`,
  );


} catch (error) {
  failures.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  for (const step of cleanup.reverse()) await step().catch(() => {});
}
if (failures.length) sections.push(`Steps that failed:\n${failures.map((line) => `- ${line}`).join('\n')}`);
console.log(`\n==================== bench results ${quick ? '(--quick) ' : ''}====================\n\n${sections.join('\n\n')}`);
if (values.json) await writeFile(values.json, `${JSON.stringify({ ...results, table: sections.join('\n\n') }, null, 2)}\n`);
if (errors > 0 || failures.length) {
  console.error(`\n${errors} requests failed (non-2xx or connection errors); ${failures.length} steps failed.`);
  process.exitCode = 1;
}
