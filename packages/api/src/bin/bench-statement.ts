/**
 * `npm run bench:statement [-- --lines 10000,2000] [--runs 7] [--pdf-runs 3] [--formats json,pdf] [--baseline REF] [--database ssp_bench_quick] [--cpu-prof DIR]`:
 * how long the large account's statement takes as JSON and as PDF (benchmark 2 of
 * docs/performance.md), for periods of about each number of lines, ending today.
 *
 * Uses the bench database (`ssp_bench_quick` by default, built as `npm run bench -- --quick`
 * builds it when missing; `--database ssp_bench` for the million invoices: the statement's
 * subject is the same large account in both) and starts the API as a child process, as
 * `npm run bench` does, timing each download from request to last byte.
 *
 * With `--baseline REF` (a commit, branch or tag) a second API runs beside this checkout's:
 * a copy of this checkout in the temp directory in which the statement code (the statement
 * query and routes, and packages/api/src/documents) is as at REF, sharing node_modules. The
 * two are asked in turn, alternating which goes first, so that both see the same machine
 * load, and their answers are compared: the JSON must be byte-identical and the PDFs' text
 * (pdftotext -layout) the same; the exit code is 1 when they are not. `--formats json` or
 * `pdf` measures one of the two; `--cpu-prof DIR` writes
 * a V8 CPU profile of this checkout's API process into DIR when it stops.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareDatabase } from '../bench/bench-database.ts';
import { BENCH_TENANT, benchKey, mintToken, over } from '../bench/bench-tenant.ts';
import { type Child, ROOT, benchApiEnv, freePort, startChild } from '../bench/processes.ts';
import { ms, table, verdict } from '../bench/report.ts';
import { findSubjects } from '../bench/subjects.ts';
import { systemClock } from '../clock.ts';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '10000,2000' },
    runs: { type: 'string', default: '7' },
    'pdf-runs': { type: 'string', default: '3' },
    baseline: { type: 'string' },
    database: { type: 'string', default: 'ssp_bench_quick' },
    'cpu-prof': { type: 'string' },
    formats: { type: 'string', default: 'json,pdf' },
  },
});
const positive = (name: string, value: string) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name}: a positive integer, not "${value}"`);
  return parsed;
};
const lineCounts = values.lines.split(',').map((value) => positive('lines', value));
const runs = positive('runs', values.runs);
const pdfRuns = positive('pdf-runs', values['pdf-runs']);
const formats = values.formats.split(',');
if (formats.length === 0 || formats.some((format) => format !== 'json' && format !== 'pdf')) throw new Error(`--formats: json, pdf or both, not "${values.formats}"`);
const serverUrl = process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const today = systemClock.today();
const began = performance.now();
const log = (line: string) => console.log(`[bench:statement ${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const quick = values.database !== 'ssp_bench';
const size = quick ? { customers: 20, invoicesPerCustomer: 60, largeAccount: 15_000 } : { customers: 1_000, invoicesPerCustomer: 1_000, largeAccount: 15_000 };

interface Api {
  name: string;
  child: Child;
  url: string;
  token: string;
}

/** This checkout's API, or the one of the tree at `root`, on a free port. */
async function startApiFrom(root: string, name: string, databaseUrl: string, nodeArgs: string[] = []): Promise<Omit<Api, 'token'>> {
  const port = await freePort();
  const child = await startChild(process.execPath, [...nodeArgs, '--import', 'tsx', join(root, 'packages/api/src/bench/api-cluster.ts')], {
    env: benchApiEnv({ DATABASE_URL: databaseUrl, PORT: String(port), SSP_BENCH_WORKERS: '1' }),
    ready: /ready (\d+)/,
    timeoutMs: 180_000,
    name,
  });
  return { name, child, url: `http://127.0.0.1:${port}` };
}

/** What `--baseline` takes from the older commit: the code this bench is about. */
const STATEMENT_CODE = /^packages\/api\/src\/(queries\/statement\.ts|routes\/portal\/statement[^/]*\.ts|documents\/.*)$/;

/**
 * A copy of this checkout (tracked and untracked files, as they are now) in which the
 * statement code (STATEMENT_CODE) is as at `ref`, sharing this checkout's node_modules:
 * everything else (schema, middleware, other agents' work in progress) is the same on
 * both sides, so the comparison is of the statement code alone.
 */
function baselineTree(ref: string, into: string): { root: string; commit: string } {
  const git = (...args: string[]) => execFileSync('git', ['-C', ROOT, ...args], { encoding: 'utf8', maxBuffer: 1024 ** 3 });
  const commit = git('rev-parse', '--verify', `${ref}^{commit}`).trim();
  const root = join(into, 'baseline');
  const files = git('ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0').filter((file) => file && !STATEMENT_CODE.test(file));
  for (const file of files) {
    if (!existsSync(join(ROOT, file))) continue;
    mkdirSync(dirname(join(root, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(root, file));
  }
  const older = git('ls-tree', '-r', '-z', '--name-only', commit, 'packages/api/src').split('\0').filter((file) => STATEMENT_CODE.test(file));
  const archive = spawnSync('git', ['-C', ROOT, 'archive', '--format=tar', commit, ...older], { maxBuffer: 1024 ** 3 });
  if (archive.status !== 0) throw new Error(`git archive ${commit}: ${archive.stderr.toString()}`);
  const extract = spawnSync('tar', ['-x', '-C', root], { input: archive.stdout });
  if (extract.status !== 0) throw new Error(`tar: ${extract.stderr.toString()}`);
  symlinkSync(resolve(ROOT, 'node_modules'), join(root, 'node_modules'));
  return { root, commit };
}

async function download(api: Api, path: string): Promise<{ ms: number; body: Buffer }> {
  const started = performance.now();
  const response = await fetch(`${api.url}${path}`, { headers: { Authorization: `Bearer ${api.token}` } });
  const body = Buffer.from(await response.arrayBuffer());
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`${api.name} ${path}: HTTP ${response.status} ${body.toString()}`);
  return { ms: elapsed, body };
}

/** Lines of the statement at `path`, all currencies. */
async function countLines(api: Api, path: string): Promise<number> {
  const statement = JSON.parse((await download(api, path)).body.toString()) as { currencies: { lines: unknown[] }[] };
  return statement.currencies.reduce((sum, block) => sum + block.lines.length, 0);
}

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

/** The text of a PDF as pdftotext lays it out, or undefined without pdftotext. */
function pdfText(pdf: Buffer, dir: string, name: string): string | undefined {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const result = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 1024 ** 3 });
  return result.error ? undefined : result.stdout;
}

/**
 * Times `runs` downloads of `path` from each API, taking turns (the first to go alternates),
 * after one download each that is not counted (its time is returned as `first`: the
 * first PDF of a process also parses the fonts); returns the medians and the first bodies.
 */
async function measure(apis: Api[], path: string, count: number) {
  const bodies = [];
  const first = [];
  for (const api of apis) {
    const warmUp = await download(api, path);
    bodies.push(warmUp.body);
    first.push(warmUp.ms);
  }
  const times: number[][] = apis.map(() => []);
  for (let run = 0; run < count; run += 1) {
    const order = run % 2 === 0 ? apis.map((_, index) => index) : apis.map((_, index) => apis.length - 1 - index);
    for (const index of order) times[index]!.push((await download(apis[index]!, path)).ms);
  }
  return { medians: times.map(median), bodies, first };
}

const cleanup: (() => Promise<unknown>)[] = [];
let mismatches = 0;
try {
  const prepared = await prepareDatabase(serverUrl, values.database, size, today, log);
  cleanup.push(() => prepared.database.close());
  const { db } = prepared.database;
  const key = await benchKey(db);
  cleanup.push(() => key.remove());

  const scratch = mkdtempSync(join(tmpdir(), 'ssp-bench-statement-'));
  cleanup.push(async () => rmSync(scratch, { recursive: true, force: true }));
  const apis: Api[] = [];
  const start = async (root: string, name: string, nodeArgs: string[] = []) => {
    const api = await startApiFrom(root, name, prepared.url, nodeArgs);
    cleanup.push(() => api.child.stop());
    return api;
  };
  const subjects = await Promise.all(lineCounts.map((statementLines) => findSubjects(db, BENCH_TENANT, today, { statementLines })));
  const heavy = subjects[0]!.heavy;
  if (values.baseline) {
    const { root, commit } = baselineTree(values.baseline, scratch);
    log(`baseline: this checkout with the statement code of ${values.baseline} (${commit.slice(0, 12)}), in ${root}`);
    const api = await start(root, `baseline ${commit.slice(0, 7)}`);
    apis.push({ ...api, token: await mintToken(over(api.url), key.secret, heavy) });
  }
  const profile = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${resolve(values['cpu-prof'])}`] : [];
  const current = await start(ROOT, 'this checkout', profile);
  apis.push({ ...current, token: await mintToken(over(current.url), key.secret, heavy) });

  const rows: (string | number)[][] = [];
  for (const [index, wanted] of lineCounts.entries()) {
    const from = subjects[index]!.statementFrom;
    if (!from) {
      log(`no period of ${wanted} lines for ${heavy}: skipped`);
      continue;
    }
    const path = `/v1/portal/statement?from=${from}&to=${today}`;
    log(`${wanted.toLocaleString('en')} lines: ${path}${formats.includes('json') ? `, JSON × ${runs}` : ''}${formats.includes('pdf') ? `, PDF × ${pdfRuns}` : ''}`);
    const lines = await countLines(apis.at(-1)!, path);
    const label = (what: string) => `statement ${what}, ${lines.toLocaleString('en')} lines`;
    const ratio = (medians: number[]) => (medians.length === 2 ? [`${(medians[0]! / medians[1]!).toFixed(1)}×`] : []);
    const row = (what: string, limit: number, medians: number[]) => [label(what), ...medians.map(ms), ...ratio(medians), `≤ ${limit < 1000 ? `${limit} ms` : `${limit / 1000} s`}`, verdict(medians.at(-1)! <= limit)];
    if (formats.includes('json')) {
      const json = await measure(apis, path, runs);
      if (apis.length === 2) {
        const same = json.bodies[0]!.equals(json.bodies[1]!);
        if (!same) mismatches += 1;
        log(`JSON answers ${same ? 'byte-identical' : 'DIFFERENT'} (${json.bodies[1]!.length.toLocaleString('en')} B)`);
      }
      rows.push(row('JSON', 150, json.medians));
    }
    if (formats.includes('pdf')) {
      const pdf = await measure(apis, path.replace('/statement?', '/statement/pdf?'), pdfRuns);
      if (apis.length === 2) {
        const texts = pdf.bodies.map((body, which) => pdfText(body, scratch, `${wanted}-${which}`));
        const same = texts[0] === undefined ? 'not compared (no pdftotext)' : texts[0] === texts[1] ? 'the same' : 'DIFFERENT';
        if (same === 'DIFFERENT') mismatches += 1;
        log(`PDF text ${same} (${pdf.bodies[0]!.length.toLocaleString('en')} B and ${pdf.bodies[1]!.length.toLocaleString('en')} B)`);
      }
      log(`PDF, first download of each process (not counted): ${pdf.first.map(ms).join(' and ')}`);
      rows.push(row('PDF', 2000, pdf.medians));
    }
  }
  const headers = ['median', ...apis.map((api) => api.name), ...(apis.length === 2 ? ['speed-up'] : []), 'target', ''];
  console.log(
    `\n## Statement of the large account (${values.database}, ${heavy}), to ${today}  [load average ${loadavg()[0]!.toFixed(1)}, ${cpus().length} cores]` +
      `\nJSON: median of ${runs}, PDF: median of ${pdfRuns}, each after one untimed download; request to last byte; Node ${process.version}\n\n` +
      table(headers, rows) +
      '\n',
  );
} finally {
  for (const step of cleanup.reverse()) await step().catch((error: unknown) => console.error('cleanup:', error));
}
if (mismatches > 0) {
  console.error(`${mismatches} statement(s) answered differently by the baseline and this checkout`);
  process.exitCode = 1;
}
