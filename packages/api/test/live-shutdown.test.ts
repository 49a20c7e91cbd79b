import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import './provided-context.ts';
import { generateSecretKey } from '../src/auth/api-keys.ts';
import { type ApiProcess, createDatabase, dropDatabase, mintToken, spawnApi } from './api-process.ts';
import { readStream } from './live-stream.ts';

const baseUrl = inject('postgresUrl');

/**
 * SIGTERM on the real process (`start.ts`, as deployed): it stops accepting, lets the
 * request in flight finish, ends the event streams with a retry hint, closes its
 * listener and pool, and exits 0 within 10 s.
 */
describe.skipIf(!baseUrl)('graceful shutdown', () => {
  let dbName: string;
  let api: ApiProcess;
  beforeAll(async () => {
    const created = await createDatabase(baseUrl, 'ssp_shutdown');
    dbName = created.name;
    api = await spawnApi({ databaseUrl: created.url, secretKey: generateSecretKey() });
  }, 120_000);
  afterAll(async () => {
    await api?.stop(1_000);
    if (dbName) await dropDatabase(baseUrl, dbName);
  }, 60_000);

  it('finishes the request in flight, ends streams with a retry hint, refuses new connections and exits 0 within 10 s', async () => {
    const stream = await readStream(fetch(`${api.url}/v1/portal/events`, { headers: { Authorization: `Bearer ${await mintToken(api, api.customerIds[0]!)}` } }));
    await stream.until((s) => s.retries.length === 1, 10_000, 'the first frame');

    // A request in flight: headers and half its body sent before SIGTERM, the rest after.
    const body = JSON.stringify({ id: 'cus_inflight', name: 'In flight', currency: 'EUR', contacts: [] });
    const url = new URL(`${api.url}/v1/customers`);
    let answered: (value: { status: number; body: string }) => void;
    const response = new Promise<{ status: number; body: string }>((resolve) => (answered = resolve));
    const inFlight = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { Authorization: `Bearer ${api.secretKey}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => answered({ status: res.statusCode!, body: text }));
      },
    );
    inFlight.write(body.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 200));

    const exited = new Promise<number | null>((resolve) => api.child.once('exit', (code) => resolve(code)));
    const signalled = Date.now();
    api.child.kill('SIGTERM');

    // The stream ends first, with a retry hint to come back (to another process) in 1–3 s.
    await stream.ended;
    expect(stream.retries).toHaveLength(2);
    expect(stream.retries[1]).toBeGreaterThanOrEqual(1_000);
    expect(stream.retries[1]).toBeLessThanOrEqual(3_000);
    // No new connections.
    await expect(fetch(`${api.url}/v1/health`)).rejects.toThrow();

    await new Promise((resolve) => setTimeout(resolve, 300));
    inFlight.end(body.slice(10));
    const result = await response;
    expect(result.status, result.body).toBe(200);
    expect(JSON.parse(result.body).id).toBe('cus_inflight');

    expect(await exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(api.output()).not.toMatch(/unhandled|Error:/i);
  }, 60_000);
});
