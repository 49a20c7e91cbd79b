import { createParser } from 'eventsource-parser';
import { type TestApi, expectJson, uniqueId } from './harness.ts';

/** A new EUR customer with one invoice of `amount` (100.00 unless told), and a session token for it. */
export async function customerWithInvoice(api: TestApi, name: string, amount = 10_000): Promise<{ id: string; token: string; invoiceId: string }> {
  const id = uniqueId('cus');
  await expectJson(api.host('POST', '/v1/customers', { id, name, currency: 'EUR', contacts: [] }), 200);
  const invoiceId = uniqueId('inv');
  await expectJson(
    api.host('POST', '/v1/invoices', {
      id: invoiceId, customerId: id, number: invoiceId, currency: 'EUR', issueDate: '2026-06-01', dueDate: '2026-07-01',
      lines: [{ description: 'Service', quantity: 1, unitPrice: amount, amount, taxAmount: 0 }],
    }),
    200,
  );
  return { id, token: await api.token(id), invoiceId };
}

/** A card payment of `amount` allocated to the invoice: one write that records change events. */
export function payInvoice(api: TestApi, customerId: string, invoiceId: string, amount: number) {
  return expectJson(api.host('POST', '/v1/payments', { id: uniqueId('pay'), customerId, currency: 'EUR', amount, date: '2026-06-10', method: 'card', allocations: [{ invoiceId, amount }] }), 200);
}

export interface Frame {
  id: number | undefined;
  event: string;
  data: any;
}

/** An SSE response read with the same parser the elements use, for assertions. */
export interface StreamReader {
  status: number;
  headers: Headers;
  frames: Frame[];
  /** `event: change` frames only. */
  changes(): Frame[];
  retries: number[];
  comments: string[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** Polls until `predicate` holds (or fails after `timeoutMs`). */
  until(predicate: (reader: StreamReader) => boolean, timeoutMs?: number, what?: string): Promise<void>;
  /** Client side disconnect. */
  close(): Promise<void>;
}

export async function readStream(response: Response | Promise<Response>): Promise<StreamReader> {
  const res = await response;
  const frames: Frame[] = [];
  const retries: number[] = [];
  const comments: string[] = [];
  let ended = false;
  const parser = createParser({
    onEvent: (event) => frames.push({ id: event.id === undefined ? undefined : Number(event.id), event: event.event ?? 'message', data: JSON.parse(event.data) }),
    onRetry: (ms) => retries.push(ms),
    onComment: (comment) => comments.push(comment.trim()),
  });
  const reader = res.body?.getReader();
  const decoder = new TextDecoder();
  const pump = (async () => {
    if (!reader || res.status !== 200) return;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch {
      // Cancelled by close(), or the connection dropped.
    } finally {
      ended = true;
    }
  })();
  const self: StreamReader = {
    status: res.status,
    headers: res.headers,
    frames,
    changes: () => frames.filter((frame) => frame.event === 'change'),
    retries,
    comments,
    ended: pump,
    until: async (predicate, timeoutMs = 15_000, what = 'stream condition') => {
      const start = Date.now();
      while (!predicate(self)) {
        if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; frames: ${JSON.stringify(frames.slice(-20))}${ended ? ' (stream ended)' : ''}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: async () => {
      await reader?.cancel().catch(() => {});
      await pump;
    },
  };
  return self;
}
