/**
 * `npm run bench:explain [-- --markdown]`: is every portal read served by an index?
 *
 * Calls each portal route of `portalCases` (summary, lists first and deep pages and
 * filtered, statement, details) in-process against the bench database (DATABASE_URL,
 * default the local `ssp_bench` that `npm run bench` builds), records the SQL each one
 * sends, and runs every statement again under `EXPLAIN (ANALYZE, BUFFERS)` (warm: the
 * route has just run it). Prints, per query, the execution time, the buffers touched
 * and the scans used; a sequential scan of a customer-owned table fails the run, since
 * its cost would grow with the tenant rather than with the customer. `--markdown`
 * prints the full plans too, as kept in docs/performance.md.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { readConfig } from '../config.ts';
import { createRuntime } from '../server.ts';
import { BENCH_TENANT, benchKey, mintToken } from '../bench/bench-tenant.ts';
import { findSubjects, portalCases } from '../bench/subjects.ts';

const { values } = parseArgs({ options: { markdown: { type: 'boolean', default: false } } });
const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/ssp_bench';

// Tables that hold one row per tenant or a handful: a scan there costs nothing.
const SMALL_TABLES = new Set(['tenants', 'api_keys', 'kysely_migration', 'kysely_migration_lock']);

interface Sent {
  text: string;
  values: unknown[];
}

// The SQL the routes send, seen at the driver: whatever builds it, this is what runs.
let recording: Sent[] | undefined;
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const [text, params] = args;
  if (recording && typeof text === 'string') recording.push({ text, values: Array.isArray(params) ? params : [] });
  // Prepared statements (db/prepared.ts) arrive as a query config with a name.
  else if (recording && text && typeof text === 'object' && typeof (text as { text?: unknown }).text === 'string') {
    const config = text as { text: string; values?: unknown[] };
    recording.push({ text: config.text, values: config.values ?? [] });
  }
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

const config = readConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', SSP_RATE_LIMIT_SESSION_PER_MIN: '0', SSP_RATE_LIMIT_KEY_PER_MIN: '0' });
const runtime = await createRuntime(config);
const explainer = new pg.Client({ connectionString: url });
await explainer.connect();
let failed = false;
try {
  const today = runtime.deps.clock.today();
  const subjects = await findSubjects(runtime.deps.db, BENCH_TENANT, today);
  const key = await benchKey(runtime.deps.db);
  const secret = key.secret;
  const call = (path: string, init: RequestInit) => runtime.app.request(path, init);
  const tokens = new Map<string, string>();
  for (const customer of [subjects.heavy, subjects.typical]) tokens.set(customer, await mintToken(call, secret, customer));

  const doc: string[] = [];
  for (const route of portalCases(subjects, today)) {
    recording = [];
    const response = await call(route.path, { headers: { Authorization: `Bearer ${tokens.get(route.customer)}` } });
    const sent = recording;
    recording = undefined;
    if (response.status !== 200) throw new Error(`${route.path}: HTTP ${response.status} ${await response.text()}`);
    console.log(`\n${route.name}  (${route.customer}: GET ${route.path.length > 90 ? `${route.path.slice(0, 90)}…` : route.path})`);
    doc.push(`### ${route.name}\n\n\`GET ${route.path.replace(/cursor=[^&]+/, 'cursor=…')}\` (${route.customer})\n`);
    for (const [index, statement] of sent.entries()) {
      const result = await explainer.query(`explain (analyze, buffers, format text) ${statement.text}`, statement.values);
      const plan = result.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
      const seqScans = [...plan.matchAll(/Seq Scan on (\w+)/g)].map((match) => match[1]!).filter((table) => !SMALL_TABLES.has(table));
      const indexes = [...new Set([...plan.matchAll(/Index(?: Only)? Scan(?: Backward)? using (\w+)|Bitmap Index Scan on (\w+)/g)].map((match) => match[1] ?? match[2]))];
      const time = plan.match(/Execution Time: ([\d.]+) ms/)?.[1] ?? '?';
      const hits = [...plan.matchAll(/Buffers: shared hit=(\d+)(?: read=(\d+))?/g)][0];
      const verdict = seqScans.length ? `SEQ SCAN on ${seqScans.join(', ')}` : indexes.length ? `index: ${indexes.join(', ')}` : 'no table scan';
      if (seqScans.length) failed = true;
      const table = statement.text.match(/from "?(\w+)"?/i)?.[1] ?? '';
      console.log(`  ${String(index + 1).padStart(2)}. ${table.padEnd(20)} ${`${time} ms`.padStart(10)}  buffers ${hits ? `${hits[1]}${hits[2] ? ` + ${hits[2]} read` : ''}` : '?'}  ${verdict}`);
      if (values.markdown && !SMALL_TABLES.has(table)) doc.push(`\`\`\`\n${plan}\n\`\`\`\n`);
    }
  }
  if (values.markdown) console.log(`\n${doc.join('\n')}`);
  console.log(failed ? '\nA customer-owned table was scanned sequentially.' : '\nEvery portal query is served by an index.');
  await key.remove();
} finally {
  await explainer.end();
  await runtime.database.close();
}
if (failed) process.exitCode = 1;
