import { isDeepStrictEqual } from 'node:util';
import { mintToken, over } from './bench-tenant.ts';

const CUSTOMER = 'pooler-check';

async function hostPost(baseUrl: string, secret: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`POST ${path}: HTTP ${response.status} ${await response.text()}`);
  return { body: (await response.json()) as unknown, replayed: response.headers.get('idempotent-replayed') === 'true' };
}

function invoice(id: string) {
  const day = new Date().toISOString().slice(0, 10);
  return { id, customerId: CUSTOMER, number: id, currency: 'USD', issueDate: day, dueDate: day, lines: [{ description: 'Pooler check', unitPrice: 100, amount: 100 }] };
}

/**
 * Host API writes through the pooler (a transaction with its advisory lock, the
 * idempotency key claimed inside it, a replay) and the portal reading them back.
 */
export async function checkWritesThrough(baseUrl: string, secret: string): Promise<string> {
  await hostPost(baseUrl, secret, '/v1/customers', { id: CUSTOMER, name: 'PgBouncer check', currency: 'USD' });
  const id = `pool-${Date.now().toString(36)}`;
  const key = { 'Idempotency-Key': id };
  const first = await hostPost(baseUrl, secret, '/v1/invoices', { data: [invoice(id)] }, key);
  const replay = await hostPost(baseUrl, secret, '/v1/invoices', { data: [invoice(id)] }, key);
  // The saved response comes back through jsonb, which orders keys its own way: compare values.
  if (first.replayed || !replay.replayed || !isDeepStrictEqual(first.body, replay.body)) throw new Error('the idempotent replay was not a replay of the first response');
  const token = await mintToken(over(baseUrl), secret, CUSTOMER);
  const detail = await fetch(`${baseUrl}/v1/portal/invoices/${id}`, { headers: { Authorization: `Bearer ${token}` } });
  if (detail.status !== 200) throw new Error(`the invoice written through PgBouncer did not read back: HTTP ${detail.status}`);
  return 'writes through PgBouncer: an ingest transaction, its idempotent replay and the portal reading it back all answered as on a direct connection';
}

/**
 * A live update through the pooler: a portal event stream is open, an invoice is written
 * through PgBouncer, and the change event arrives, carried by NOTIFY to the process's
 * LISTEN connection (direct, SSP_LISTEN_DATABASE_URL: LISTEN does not survive
 * transaction pooling).
 */
export async function checkLiveThrough(baseUrl: string, secret: string): Promise<string> {
  const token = await mintToken(over(baseUrl), secret, CUSTOMER);
  const controller = new AbortController();
  const stream = await fetch(`${baseUrl}/v1/portal/events`, { headers: { Authorization: `Bearer ${token}` }, signal: controller.signal });
  if (stream.status !== 200 || !stream.body) throw new Error(`GET /v1/portal/events: HTTP ${stream.status}`);
  const id = `live-${Date.now().toString(36)}`;
  let started = performance.now();
  try {
    let opened: () => void = () => {};
    const streaming = new Promise<void>((done) => (opened = done));
    const arrived = (async () => {
      const decoder = new TextDecoder();
      let text = '';
      for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
        text += decoder.decode(chunk, { stream: true });
        // The first frame (`retry:`) says the stream is registered: now the write may go.
        opened();
        if (text.includes('event: change') && text.includes(id)) return performance.now() - started;
      }
      throw new Error('the event stream ended without the change');
    })();
    await Promise.race([streaming, arrived]);
    started = performance.now();
    await hostPost(baseUrl, secret, '/v1/invoices', { data: [invoice(id)] });
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no change event within 10 s through PgBouncer')), 10_000).unref());
    const elapsed = await Promise.race([arrived, timeout]);
    return `live update through PgBouncer: the change event reached the open stream ${Math.round(elapsed)} ms after the write began (LISTEN on a direct connection)`;
  } finally {
    controller.abort();
  }
}
