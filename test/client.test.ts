import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NetworkError, PortalClient, PortalError, SessionExpiredError,
  getAccount, getInvoice, getStatement, getSummary, listCreditNotes, listInvoices, listPayments, listSalesOrders, listSchedules,
} from '../packages/client/src/index.ts';
import { fixedClock } from '../packages/api/src/clock.ts';
import { type DatabaseHandle, openDatabase } from '../packages/api/src/db/connect.ts';
import { ingestFixture } from '../packages/api/test/fixture.ts';
import { type TestApi, createTestApi } from '../packages/api/test/harness.ts';

/** The typed client against the real API (in process: fetch goes to app.request). */
describe('PortalClient', () => {
  let database: DatabaseHandle;
  let api: TestApi;
  const customerId = 'client-cus';
  const appFetch: typeof fetch = (input, init) => Promise.resolve(api.app.request(String(input), init));

  beforeAll(async () => {
    database = await openDatabase({});
    api = await createTestApi(database);
    await ingestFixture(api, customerId);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('reads every portal resource with the session token', async () => {
    const client = new PortalClient({ apiUrl: 'http://api.test/', token: await api.token(customerId), fetch: appFetch });
    expect((await getSummary(client)).currencies[0]!.outstanding).toBe(62000);
    expect((await listInvoices(client, { status: ['overdue'], limit: 10 })).data.map((invoice) => invoice.number)).toEqual(['INV-2', 'INV-6']);
    expect((await getInvoice(client, `${customerId}-INV-3`)).credits).toHaveLength(1);
    expect((await listPayments(client, { method: 'card' })).data).toHaveLength(1);
    expect((await getStatement(client, { from: '2026-03-01', to: '2026-05-31' })).currencies[0]!.closingBalance).toBe(49000);
    expect((await getAccount(client)).name).toBe('Fixture Co');
    expect((await listCreditNotes(client)).data).toHaveLength(2);
    expect((await listSalesOrders(client)).data).toHaveLength(1);
    expect((await listSchedules(client)).data).toHaveLength(1);
  });

  it('turns API errors into PortalErrors with the code and details', async () => {
    const client = new PortalClient({ apiUrl: 'http://api.test', token: await api.token(customerId), fetch: appFetch });
    const missing = await getInvoice(client, 'nope').catch((error) => error);
    expect(missing).toBeInstanceOf(PortalError);
    expect(missing).toMatchObject({ status: 404, code: 'not_found' });
    const invalid = await listInvoices(client, { limit: 1000 }).catch((error) => error);
    expect(invalid).toMatchObject({ status: 400, code: 'bad_request', details: [{ path: 'limit' }] });
  });

  it('asks the host for a fresh token once when the session expires, then retries', async () => {
    const stale = await api.token(customerId);
    api.setClock(fixedClock('2026-06-15T13:00:00Z'));
    try {
      let calls = 0;
      const client = new PortalClient({
        apiUrl: 'http://api.test',
        token: stale,
        fetch: appFetch,
        fetchToken: async () => {
          calls += 1;
          return api.token(customerId);
        },
      });
      // Three requests fail at once; one refresh serves them all.
      const [summary, account, invoices] = await Promise.all([getSummary(client), getAccount(client), listInvoices(client)]);
      expect(summary.customerId).toBe(customerId);
      expect(account.id).toBe(customerId);
      expect(invoices.data.length).toBeGreaterThan(0);
      expect(calls).toBe(1);
      expect(client.token).not.toBe(stale);
    } finally {
      api.setClock(fixedClock('2026-06-15'));
    }
  });

  it('ends the session (SessionExpiredError) when there is no callback, or the callback fails', async () => {
    const without = new PortalClient({ apiUrl: 'http://api.test', token: 'expired.or.bad', fetch: appFetch });
    expect(await getSummary(without).catch((error) => error)).toBeInstanceOf(SessionExpiredError);
    const failing = new PortalClient({ apiUrl: 'http://api.test', token: 'bad', fetch: appFetch, fetchToken: () => Promise.reject(new Error('backend down')) });
    expect(await getSummary(failing).catch((error) => error)).toBeInstanceOf(SessionExpiredError);
    const stillBad = new PortalClient({ apiUrl: 'http://api.test', fetch: appFetch, fetchToken: async () => 'still-bad' });
    expect(await getSummary(stillBad).catch((error) => error)).toBeInstanceOf(SessionExpiredError);
  });

  it('reports an unreachable API as a NetworkError and lets aborts through', async () => {
    const offline = new PortalClient({ apiUrl: 'http://127.0.0.1:1', token: 't' });
    expect(await getSummary(offline).catch((error) => error)).toBeInstanceOf(NetworkError);
    const controller = new AbortController();
    controller.abort();
    const aborted = await getSummary(offline, controller.signal).catch((error) => error);
    expect(aborted.name).toBe('AbortError');
  });

  it('sends the token in a header, never in the URL', async () => {
    const urls: string[] = [];
    const token = await api.token(customerId);
    const client = new PortalClient({ apiUrl: 'http://api.test', token, fetch: (input, init) => (urls.push(String(input)), appFetch(input, init)) });
    await listInvoices(client, { q: 'INV', status: ['open', 'overdue'] });
    expect(urls).toEqual(['http://api.test/v1/portal/invoices?q=INV&status=open%2Coverdue']);
    expect(urls.join()).not.toContain(token);
  });
});
