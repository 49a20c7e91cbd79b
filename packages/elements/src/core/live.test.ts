import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { hostWrite, sessionToken, settled } from '../../test/helpers.ts';
import '../account-summary/define.ts';
import '../invoice-list/define.ts';
import '../ssp-session/define.ts';
import type { AccountSummary } from '../account-summary/account-summary.ts';
import type { InvoiceList } from '../invoice-list/invoice-list.ts';

let sequence = 0;

/** A customer of its own with one open invoice of $500.00, so that tests do not disturb each other. */
async function customerWithInvoice(): Promise<string> {
  sequence += 1;
  const id = `live-${Date.now().toString(36)}-${sequence}`;
  await hostWrite('POST', '/v1/customers', { id, name: `Live ${sequence} Ltd`, email: `${id}@example.com`, currency: 'USD' });
  await hostWrite('POST', '/v1/invoices', {
    id: `${id}-INV-1`, customerId: id, number: 'L-1', currency: 'USD', issueDate: '2026-06-01', dueDate: '2026-07-01',
    lines: [{ description: 'Service', quantity: 1, unitPrice: 50000, amount: 50000, taxAmount: 0 }],
  });
  return id;
}

const pay = (customerId: string, n: number, amount: number) =>
  hostWrite('POST', '/v1/payments', {
    id: `${customerId}-P${n}`, customerId, currency: 'USD', amount, date: '2026-06-14', method: 'card', reference: `LIVE-${n}`,
    allocations: [{ invoiceId: `${customerId}-INV-1`, amount }],
  });

const outstanding = (element: AccountSummary) => element.shadowRoot!.querySelector('[part~="outstanding"]')?.textContent;
// The runner keeps some test pages in background tabs, where streams pause by design:
// this page says it is visible unless a test hides it.
let hidden = false;
Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });

// Streams stay open, so Resource Timing never lists them: count the requests instead.
let opened = 0;
const customers: string[] = [];
const realFetch = window.fetch;
/** Set by a test to hold a Portal API request of its customer: gets the path and the real request. */
let intercept: { customer: string; hold(path: string, send: () => Promise<Response>, init?: RequestInit): Promise<Response> } | undefined;
const customerOf = (init?: RequestInit) => {
  const token = String((init?.headers as Record<string, string> | undefined)?.['Authorization'] ?? '').split('.')[1] ?? '';
  return token ? (JSON.parse(atob(token.replace(/-/g, '+').replace(/_/g, '/'))) as { sub: string }).sub : undefined;
};
window.fetch = (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  // A request whose stream was stopped before it went out (its element removed at the end
  // of the previous test) opens nothing: not counted.
  if (url.includes('/v1/portal/events') && !init?.signal?.aborted) {
    opened += 1;
    customers.push(customerOf(init)!);
  }
  if (intercept && url.includes('/v1/portal/') && customerOf(init) === intercept.customer) return intercept.hold(new URL(url, location.href).pathname, () => realFetch(input, init), init);
  return realFetch(input, init);
};
const streams = () => opened;

describe('live updates', () => {
  it('changes the balance on screen when a payment is ingested, and says so politely', async () => {
    const customer = await customerWithInvoice();
    const element = await fixture<AccountSummary>(html`<account-summary locale="en-US" token=${await sessionToken(customer)}></account-summary>`);
    await settled(element);
    expect(outstanding(element)).to.equal('$500.00');
    await waitUntil(() => streams() > 0, 'the stream did not open', { timeout: 5000 });
    // The stream may still be connecting: pay only once it is listening (its first frame).
    await new Promise((resolve) => setTimeout(resolve, 300));
    const posted = performance.now();
    await pay(customer, 1, 12000);
    await waitUntil(() => outstanding(element) === '$380.00', 'the balance did not change', { timeout: 5000 });
    const latency = performance.now() - posted;
    console.log(`live update: POST response → new figure on screen in ${latency.toFixed(0)} ms`);
    await waitUntil(() => element.shadowRoot!.querySelector('[data-live]')?.textContent === 'Balance updated', 'no announcement', { timeout: 2000 });
    expect(element.shadowRoot!.querySelector('[data-live]')!.getAttribute('role')).to.equal('status');
  });

  it('keeps one stream per session for every element inside ssp-session', async () => {
    const customer = await customerWithInvoice();
    const token = await sessionToken(customer);
    const before = streams();
    const session = await fixture(html`<ssp-session token=${token}><account-summary locale="en-US"></account-summary><invoice-list locale="en-US"></invoice-list></ssp-session>`);
    const summary = session.querySelector<AccountSummary>('account-summary')!;
    const list = session.querySelector<InvoiceList>('invoice-list')!;
    await settled(summary);
    await settled(list);
    await waitUntil(() => streams() > before, 'the stream did not open', { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(streams() - before).to.equal(1);
    await pay(customer, 1, 50000);
    await waitUntil(() => outstanding(summary) === '$0.00', 'the summary did not change', { timeout: 5000 });
    await waitUntil(() => list.shadowRoot!.querySelector('tbody [part~="status"]')?.textContent === 'Paid', 'the list did not change', { timeout: 5000 });
    expect(streams() - before).to.equal(1);
  });

  it('shares one stream between lone elements given the same token', async () => {
    const customer = await customerWithInvoice();
    const token = await sessionToken(customer);
    const before = streams();
    const summary = await fixture<AccountSummary>(html`<account-summary locale="en-US" token=${token}></account-summary>`);
    const list = document.createElement('invoice-list') as InvoiceList;
    list.token = token;
    list.locale = 'en-US';
    summary.after(list);
    try {
      await settled(summary);
      await settled(list);
      await waitUntil(() => streams() > before, 'the stream did not open', { timeout: 5000 });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(streams() - before).to.equal(1);
      await pay(customer, 1, 50000);
      await waitUntil(() => outstanding(summary) === '$0.00', 'the summary did not change', { timeout: 5000 });
      await waitUntil(() => list.shadowRoot!.querySelector('tbody [part~="status"]')?.textContent === 'Paid', 'the list did not change', { timeout: 5000 });
    } finally {
      list.remove();
    }
  });

  it('keeps the open detail and the rows on screen through a reload', async () => {
    const customer = await customerWithInvoice();
    const list = await fixture<InvoiceList>(html`<invoice-list locale="en-US" token=${await sessionToken(customer)}></invoice-list>`);
    await settled(list);
    list.shadowRoot!.querySelector<HTMLButtonElement>('tbody .toggle')!.click();
    await waitUntil(() => list.shadowRoot!.querySelector('tr.detail table'), 'no detail', { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await pay(customer, 1, 10000);
    await waitUntil(() => list.shadowRoot!.querySelector('tr.detail')?.textContent?.includes('LIVE-1'), 'the detail did not show the payment', { timeout: 5000 });
    expect(list.shadowRoot!.querySelector('tbody .toggle')!.getAttribute('aria-expanded')).to.equal('true');
  });

  it('opens its stream from the first answer’s SSP-Event-Id, so a change committed in between shows', async () => {
    const customer = await customerWithInvoice();
    const token = await sessionToken(customer);
    let position: string | null = null;
    const sent: (string | undefined)[] = [];
    intercept = {
      customer,
      hold: async (path, send, init) => {
        if (path.endsWith('/events')) sent.push((init?.headers as Record<string, string> | undefined)?.['Last-Event-ID']);
        const response = await send();
        if (path.endsWith('/summary')) position ??= response.headers.get('SSP-Event-Id');
        return response;
      },
    };
    try {
      // Live updates off at first, so that the stream surely opens after the first answer.
      const element = await fixture<AccountSummary>(html`<account-summary live="off" locale="en-US" token=${token}></account-summary>`);
      await settled(element);
      expect(outstanding(element)).to.equal('$500.00');
      expect(position).to.match(/^\d+$/);
      await pay(customer, 1, 12000);
      element.live = 'on';
      await waitUntil(() => outstanding(element) === '$380.00', 'the payment made before the stream opened did not show', { timeout: 5000 });
      expect(sent).to.deep.equal([position]);
    } finally {
      intercept = undefined;
    }
  });

  it('shows a change committed while its live updates were off, once they are on again', async () => {
    const customer = await customerWithInvoice();
    // Its first answer in before its stream opens, so that the stream resumes from it.
    const element = await fixture<AccountSummary>(html`<account-summary live="off" locale="en-US" token=${await sessionToken(customer)}></account-summary>`);
    await settled(element);
    element.live = 'on';
    await waitUntil(() => customers.includes(customer), 'the stream did not open', { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Off, with nothing read since the stream opened: its stream (shared by token) closes
    // and is dropped, and a new one opens when back on.
    element.live = 'off';
    await element.updateComplete;
    await pay(customer, 1, 10000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(outstanding(element), 'no update while off').to.equal('$500.00');
    element.live = 'on';
    await waitUntil(() => outstanding(element) === '$400.00', 'the payment made while off did not show', { timeout: 5000 });
  });

  it('shows a change committed after its first fetch but before its stream opened, with no later event', async () => {
    const customer = await customerWithInvoice();
    const token = await sessionToken(customer);
    // As the page loads: the stream waits until the payment has been made (as when the stream
    // code is slow to load), whether or not the first answer came before it was asked for.
    let paid!: () => void;
    const gate = new Promise<void>((resolve) => (paid = resolve));
    intercept = {
      customer,
      hold: async (path, send) => {
        if (path.endsWith('/events')) await gate;
        return send();
      },
    };
    try {
      const element = await fixture<AccountSummary>(html`<account-summary locale="en-US" token=${token}></account-summary>`);
      await settled(element);
      expect(outstanding(element)).to.equal('$500.00');
      await pay(customer, 1, 12000);
      paid();
      // Replayed from the first fetch's SSP-Event-Id, without any later event.
      await waitUntil(() => outstanding(element) === '$380.00', 'the payment made before the stream opened did not show', { timeout: 5000 });
    } finally {
      intercept = undefined;
    }
  });

  it('shows a change committed after a fetch whose answer came only once the stream was open', async () => {
    const customer = await customerWithInvoice();
    const token = await sessionToken(customer);
    // The summary is read (at $500.00), the payment committed, the stream opened from nothing
    // after it, and only then does the summary's answer reach the element.
    let paid!: () => void;
    let open!: () => void;
    const paidGate = new Promise<void>((resolve) => (paid = resolve));
    const openGate = new Promise<void>((resolve) => (open = resolve));
    intercept = {
      customer,
      hold: async (path, send) => {
        if (path.endsWith('/summary')) {
          const response = await send();
          await pay(customer, 1, 12000);
          paid();
          await openGate;
          return response;
        }
        if (!path.endsWith('/events')) return send();
        await paidGate;
        const response = await send();
        open();
        return response;
      },
    };
    try {
      const element = await fixture<AccountSummary>(html`<account-summary locale="en-US" token=${token}></account-summary>`);
      await waitUntil(() => customers.includes(customer), 'the stream did not open', { timeout: 5000 });
      await settled(element);
      // The stream started after the payment; the answer older than it makes it catch up.
      await waitUntil(() => outstanding(element) === '$380.00', 'the payment made before the stream opened did not show', { timeout: 5000 });
    } finally {
      intercept = undefined;
    }
  });

  it('opens no stream with live="off"', async () => {
    const customer = await customerWithInvoice();
    const before = streams();
    const element = await fixture<AccountSummary>(html`<account-summary live="off" locale="en-US" token=${await sessionToken(customer)}></account-summary>`);
    await settled(element);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(customers.slice(before).filter((opener) => opener === customer), 'streams opened').to.deep.equal([]);
    await pay(customer, 1, 12000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(outstanding(element)).to.equal('$500.00');
  });

  it('closes the stream while the page is hidden and catches up with what it missed on return', async () => {
    const customer = await customerWithInvoice();
    const before = streams();
    const element = await fixture<AccountSummary>(html`<account-summary locale="en-US" token=${await sessionToken(customer)}></account-summary>`);
    await settled(element);
    await waitUntil(() => streams() > before, 'the stream did not open', { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await pay(customer, 1, 10000);
    await waitUntil(() => outstanding(element) === '$400.00', 'the balance did not change', { timeout: 5000 });
    hidden = true;
    document.dispatchEvent(new Event('visibilitychange'));
    const atHide = streams();
    try {
      await pay(customer, 2, 10000);
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(outstanding(element), 'no update while hidden').to.equal('$400.00');
      expect(streams(), 'no stream opened while hidden').to.equal(atHide);
    } finally {
      hidden = false;
      document.dispatchEvent(new Event('visibilitychange'));
    }
    // Resumed with Last-Event-ID: the payment made while hidden is replayed.
    await waitUntil(() => outstanding(element) === '$300.00', 'the missed payment did not arrive', { timeout: 5000 });
    expect(streams()).to.be.greaterThan(atHide);
  });
});
