import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../test/browser.ts';
import { type ApiProcess, allowDatabase, blockDatabase, createDatabase, dropDatabase, mintToken, spawnApi } from './api-process.ts';
import { elementsBundle, ensureElementsBundle } from './elements-bundle.ts';

const BASE_URL = process.env.DATABASE_URL;

interface Sample {
  path: string;
  started: number;
  ms: number;
  /** HTTP status, or 0 when the request failed below HTTP (reset, hang-up, timeout). */
  status: number;
  code?: string | undefined;
  retryAfter?: string | null;
  failure?: string;
}

/**
 * Requests from `workers` concurrent loops, each over the whole list of requests, until
 * stopped; every answer is recorded with its start time and duration.
 */
function runLoad(api: ApiProcess, requests: { path: string; init: RequestInit }[], workers: number) {
  const samples: Sample[] = [];
  let running = true;
  const loops = Array.from({ length: workers }, async (_, worker) => {
    for (let i = worker; running; i += 1) {
      const { path, init } = requests[i % requests.length]!;
      const started = performance.now();
      try {
        // Far above the 2 s bound, so that a hanging request shows as slow, not as an abort.
        const response = await fetch(`${api.url}${path}`, { ...init, signal: AbortSignal.timeout(15_000) });
        const text = await response.text();
        let code: string | undefined;
        if (response.status >= 400) code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
        samples.push({ path, started, ms: performance.now() - started, status: response.status, code, retryAfter: response.headers.get('retry-after') });
      } catch (error) {
        samples.push({ path, started, ms: performance.now() - started, status: 0, failure: String(error) });
      }
    }
  });
  return {
    samples,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

const until = async (check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * PostgreSQL going away under a running API process, for real: the process's own
 * database is closed to connections and its backends terminated (the shared server
 * stays up for the other tests), then opened again.
 */
describe.skipIf(!BASE_URL)('the database going down under load', () => {
  let api: ApiProcess;
  let database: { name: string; url: string };
  let requests: { path: string; init: RequestInit }[];

  beforeAll(async () => {
    database = await createDatabase(BASE_URL!, 'ssp_faults');
    // Rate limits off: this test measures faults, not the limiter.
    api = await spawnApi({ databaseUrl: database.url, env: { SSP_RATE_LIMIT_SESSION_PER_MIN: '0', SSP_RATE_LIMIT_KEY_PER_MIN: '0' } });
    const customers = api.customerIds.slice(0, 3);
    requests = [];
    for (const customer of customers) {
      const token = await mintToken(api, customer);
      const headers = { Authorization: `Bearer ${token}` };
      const list = (await (await fetch(`${api.url}/v1/portal/invoices?limit=1`, { headers })).json()) as { data: { id: string }[] };
      const paths = ['summary', 'account', 'invoices', `invoices/${list.data[0]!.id}`, 'payments', 'statement', 'credit-notes', 'sales-orders', 'schedules'];
      for (const path of paths) requests.push({ path: `/v1/portal/${path}`, init: { headers } });
      requests.push({
        path: '/v1/sessions',
        init: { method: 'POST', headers: { Authorization: `Bearer ${api.secretKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ customerId: customer }) },
      });
    }
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    if (database) await dropDatabase(BASE_URL!, database.name);
  });

  it('answers 503 with Retry-After within 2 s while it is down, stays up, and serves again within 5 s of its return, twice', async () => {
    const load = runLoad(api, requests, 12);
    const outages: { blocking: number; allowed: number; recovered: number }[] = [];
    try {
      await until(() => load.samples.filter((s) => s.status === 200).length >= 50, 30_000, 'the first answers');
      for (let round = 0; round < 2; round += 1) {
        const blocking = performance.now();
        await blockDatabase(BASE_URL!, database.name);
        const blocked = performance.now();
        await sleep(4_000);
        const allowing = performance.now();
        await allowDatabase(BASE_URL!, database.name);
        const allowed = performance.now();
        const served = (s: Sample) => s.started >= allowed && s.status < 300;
        await until(() => load.samples.some(served), 5_000, 'the first answer after the database returned');
        const recovered = Math.min(...load.samples.filter(served).map((s) => s.started + s.ms)) - allowed;
        // Long enough after the 5 s bound to see that everything is served again.
        await sleep(Math.max(0, 6_500 - (performance.now() - allowed)));
        outages.push({ blocking, allowed, recovered });
        const during = load.samples.filter((s) => s.started >= blocked && s.started + s.ms <= allowing);
        expect(during.length).toBeGreaterThan(50);
        for (const sample of during) expect(sample, sample.path).toMatchObject({ status: 503, code: 'database_unavailable', retryAfter: expect.stringMatching(/^\d+$/) });
        const after = load.samples.filter((s) => s.started >= allowed + 5_000);
        expect(after.length).toBeGreaterThan(5);
        for (const sample of after) expect(sample.status, sample.path).toBe(sample.path === '/v1/sessions' ? 201 : 200);
        expect(recovered).toBeLessThan(5_000);
      }
    } finally {
      await load.stop();
    }
    // Every request answered, with either its data or a 503: no resets, no hangs, no 500s;
    // and every one that met the outage (in flight when it began, or sent during it) within
    // 2 s. (Ordinary answers are not held to 2 s: on a busy CI machine a statement may take longer.)
    const failures = load.samples.filter((s) => s.status === 0);
    expect(failures, failures[0]?.failure).toEqual([]);
    const met = load.samples.filter((s) => outages.some((o) => s.started + s.ms >= o.blocking && s.started < o.allowed));
    const slowest = Math.max(...met.map((s) => s.ms));
    expect(slowest).toBeLessThan(2_000);
    expect(new Set(load.samples.map((s) => s.status))).toEqual(new Set([200, 201, 503]));
    expect(api.child.exitCode).toBeNull();
    expect(api.output()).not.toMatch(/unhandled|uncaught/i);
    console.info(
      `database outages: ${load.samples.length} requests, ${met.length} during the outages, the slowest of those ${Math.round(slowest)} ms, ` +
        `recovered ${outages.map((o) => `${Math.round(o.recovered)} ms`).join(' and ')} after the database returned`,
    );
  }, 90_000);

  it('the elements show their error state with Retry while it is down, and their figures after Retry once it is back', async () => {
    await ensureElementsBundle();
    expect(existsSync(elementsBundle)).toBe(true);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await page.goto(`${api.url}/`);
      await page.locator('account-summary [part~="outstanding"]').first().waitFor({ timeout: 30_000 });

      await blockDatabase(BASE_URL!, database.name);
      await page.locator('quick-actions [data-view="invoices"]').click();
      const error = page.locator('invoice-list [part~="error"]');
      await error.waitFor({ timeout: 10_000 });
      expect(await error.getAttribute('role')).toBe('alert');
      const retry = page.locator('invoice-list [part~="retry"]');
      expect(await retry.textContent()).toBe('Retry');
      expect(await page.locator('invoice-list [part~="row"]').count()).toBe(0);

      // Retry while still down: the error state again, not a spinner that never ends.
      await retry.click();
      await error.waitFor({ timeout: 10_000 });

      await allowDatabase(BASE_URL!, database.name);
      await until(async () => (await fetch(`${api.url}/v1/health`)).status === 200, 5_000, 'health after the database returned');
      await retry.click();
      await page.locator('invoice-list [part~="row"]').first().waitFor({ timeout: 10_000 });
      expect(await error.count()).toBe(0);
      expect(await page.locator('invoice-list [part~="amount"]').first().textContent()).toMatch(/\d/);
    } finally {
      await allowDatabase(BASE_URL!, database.name);
      await browser.close();
    }
  }, 90_000);
  it('an API process killed between two writes of an ingest batch leaves nothing written; replayed on a new process with the same Idempotency-Key it lands once', async () => {
    const host = (path: string, body: unknown, key?: string) =>
      fetch(`${api.url}${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${api.secretKey}`, 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) },
        body: JSON.stringify(body),
      });
    const suffix = `${process.pid}_${Date.now()}`;
    const customerId = `cus_crash_${suffix}`;
    const invoices = [`inv_crash_a_${suffix}`, `inv_crash_b_${suffix}`];
    expect((await host('/v1/customers', { id: customerId, name: 'Crash Co', currency: 'USD' })).status).toBe(200);
    const invoice = (id: string) => ({ id, customerId, number: id, currency: 'USD', issueDate: '2026-01-05', dueDate: '2026-02-04', lines: [{ description: 'Service', unitPrice: 1000, amount: 1000 }] });
    expect((await host('/v1/invoices', { data: invoices.map(invoice) })).status).toBe(200);
    const batch = {
      data: invoices.map((invoiceId, index) => ({ id: `pay_crash_${index}_${suffix}`, customerId, currency: 'USD', amount: 700, date: '2026-01-10', method: 'card', allocations: [{ invoiceId, amount: 700 }] })),
    };
    const key = `crash-${suffix}`;

    const db = new pg.Client({ connectionString: database.url });
    const blocker = new pg.Client({ connectionString: database.url });
    await db.connect();
    await blocker.connect();
    try {
      // Holding the second invoice stops the batch after it wrote its key and both payments.
      await blocker.query('begin');
      await blocker.query('select 1 from invoices where id = $1 for update', [invoices[1]]);
      const pending = host('/v1/payments', batch, key).catch((error: unknown) => error);
      let stuck: { pid: number } | undefined;
      await until(async () => {
        const { rows } = await db.query(
          `select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and backend_xid is not null and query ilike '%from "invoices"%for update%'`,
        );
        stuck = rows[0];
        return stuck !== undefined;
      }, 10_000, 'the batch to wait on the invoice lock');
      api.child.kill('SIGKILL');
      expect(await pending).toBeInstanceOf(Error);
      await api.stop();
      await blocker.query('commit');
      // The orphaned backend finds its client gone and rolls the transaction back.
      await until(async () => (await db.query('select 1 from pg_stat_activity where pid = $1 and backend_xid is not null', [stuck!.pid])).rowCount === 0, 10_000, 'the orphaned transaction to end');
      const written = async () => ({
        payments: (await db.query('select id, amount_applied from payments where customer_id = $1 order by id', [customerId])).rows,
        paid: (await db.query('select amount_paid from invoices where customer_id = $1 order by id', [customerId])).rows.map((row) => row.amount_paid),
        keys: (await db.query('select response_status from idempotency_keys where key = $1', [key])).rows,
      });
      expect(await written()).toEqual({ payments: [], paid: ['0', '0'], keys: [] });

      api = await spawnApi({ databaseUrl: database.url, env: { SSP_RATE_LIMIT_SESSION_PER_MIN: '0', SSP_RATE_LIMIT_KEY_PER_MIN: '0' } });
      const first = await host('/v1/payments', batch, key);
      expect(first.status).toBe(200);
      const body = await first.json();
      const again = await host('/v1/payments', batch, key);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await again.json()).toEqual(body);
      expect(await written()).toEqual({
        payments: batch.data.map((payment) => ({ id: payment.id, amount_applied: '700' })),
        paid: ['700', '700'],
        keys: [{ response_status: 200 }],
      });
    } finally {
      await blocker.end();
      await db.end();
    }
  }, 120_000);
});
