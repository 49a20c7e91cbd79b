/**
 * The Portal API at the network layer, for Storybook: a `fetch` that answers
 * `/v1/portal/...` from static fixture accounts, so every element runs its real client,
 * tasks and error handling without a server. The accounts (fixtures/*.json) were taken
 * from the real API over the API package's hand-computed fixture and a few more
 * customers (fixtures/generate.ts, which also checks this module's answers against the
 * API's); every figure is as of 2026-06-15, the fixture's clock.
 *
 * @example
 * const client = new PortalClient({ apiUrl: '', token: 'story', fetch: createFixtureFetch('populated') });
 */
import {
  type Aging, type CreditNote, type CreditNoteList, type CurrencyStatement, type ErrorBody, type Invoice, type InvoiceDetail,
  type InvoiceList, type Payment, type PaymentList, type Profile, ProfileUpdate, type SalesOrder, type SalesOrderDetail,
  type SalesOrderList, type Schedule, type ScheduleDetail, type ScheduleList, type Statement, type StatementLine, type Summary,
} from '@ssp/schemas';
import empty from './fixtures/empty.json' with { type: 'json' };
import longHistory from './fixtures/long-history.json' with { type: 'json' };
import multiCurrency from './fixtures/multi-currency.json' with { type: 'json' };
import overdueHeavy from './fixtures/overdue-heavy.json' with { type: 'json' };
import populated from './fixtures/populated.json' with { type: 'json' };

/** One customer's records as the Portal API shows them, details included. */
export interface AccountFixture {
  summary: Summary;
  profile: Profile;
  invoices: InvoiceDetail[];
  payments: Payment[];
  creditNotes: CreditNote[];
  salesOrders: SalesOrderDetail[];
  /** In the API's order: next commitment first. */
  schedules: ScheduleDetail[];
}

/** "Today" for every fixture: the date the API computed their statuses and summaries for. */
export const FIXTURE_TODAY = '2026-06-15';

export const accounts = {
  /** The API fixture's hand-computed account (USD and EUR). */
  populated,
  /** A customer without a single record. */
  empty,
  /** Most invoices past due, in every aging bucket, and missed instalments. */
  'overdue-heavy': overdueHeavy,
  /** KWD (3 decimals), JPY (none), USD and EUR side by side. */
  'multi-currency': multiCurrency,
  /** Five years of monthly invoices and payments, and long lists of everything else. */
  'long-history': longHistory,
} as unknown as Record<AccountName, AccountFixture>;

export type AccountName = 'populated' | 'empty' | 'overdue-heavy' | 'multi-currency' | 'long-history';
/** An account, or an API that never answers (`loading`), fails (`error`, 503) or refuses the token (`expired`, 401). */
export type Scenario = AccountName | 'loading' | 'error' | 'expired';
export const SCENARIOS: readonly Scenario[] = ['populated', 'empty', 'overdue-heavy', 'multi-currency', 'long-history', 'loading', 'error', 'expired'];

export interface FixtureFetchOptions {
  /** Milliseconds before each answer, so that skeletons show as they would over a network. */
  latency?: number;
}

/** A `fetch` that answers the Portal API for one scenario. */
export function createFixtureFetch(scenario: Scenario, { latency = 0 }: FixtureFetchOptions = {}): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    if (scenario === 'loading') return never(request.signal);
    if (latency) await delay(latency, request.signal);
    if (scenario === 'error') return failure(503, 'database_unavailable', 'The service is unavailable; try again shortly.');
    if (scenario === 'expired') return failure(401, 'token_expired', 'The session token has expired.');
    const url = new URL(request.url);
    const path = url.pathname.replace(/^.*?\/v1\/portal\//, '');
    return answer(accounts[scenario], request.method, path, url.searchParams, request);
  };
}

/** Where the stories point `api-url`: the interceptor below answers it, nothing real does. */
export const FIXTURE_ORIGIN = 'https://fixtures.invalid';
export const fixtureApiUrl = (scenario: Scenario) => `${FIXTURE_ORIGIN}/${scenario}`;

/**
 * Routes every request to `https://fixtures.invalid/<scenario>/v1/portal/...` to that
 * scenario's fixture fetch and leaves all others alone. Patching the page's `fetch`
 * (as msw does) rather than handing elements a session means the stories use plain
 * `api-url` + `token` markup, and reach the elements inside `self-service-portal` too,
 * which share the portal's own session.
 */
export function installFixtureFetch(options: FixtureFetchOptions = {}): void {
  const page = globalThis.fetch;
  if ((page as { fixtures?: boolean }).fixtures) return;
  const fetches = new Map(SCENARIOS.map((scenario) => [scenario, createFixtureFetch(scenario, options)]));
  const intercepted: typeof fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(`${FIXTURE_ORIGIN}/`)) return page(input, init);
    const handler = fetches.get(url.slice(FIXTURE_ORIGIN.length + 1).split('/')[0] as Scenario);
    return handler ? handler(input, init) : Promise.resolve(failure(404, 'not_found', 'no such fixture scenario'));
  };
  globalThis.fetch = Object.assign(intercepted, { fixtures: true });
}

async function answer(account: AccountFixture, method: string, path: string, query: URLSearchParams, request: Request): Promise<Response> {
  // Documents (PDF, CSV, Excel) are the API's to make: a download here fails, and the element says so.
  if (/(^|\/)(pdf|csv|export)$/.test(path)) return failure(404, 'not_found', 'the Storybook fixtures hold no documents');
  const [resource, id, ...rest] = path.split('/').map(decodeURIComponent);
  if (rest.length || (method !== 'GET' && !(method === 'PATCH' && resource === 'profile' && !id))) {
    return failure(405, 'method_not_allowed', `${method} /v1/portal/${path} is not a route`);
  }
  const one = <T extends { id: string }>(records: T[], noun: string) => {
    const found = records.find((record) => record.id === id);
    return found ? Response.json(found) : failure(404, 'not_found', `${noun} not found`);
  };
  switch (id === undefined ? resource : `${resource}/:id`) {
    case 'summary':
      return Response.json(account.summary);
    case 'account':
      return Response.json(account.profile.customer);
    case 'profile':
      return method === 'PATCH' ? updateProfile(account.profile, await request.json()) : Response.json(account.profile);
    case 'invoices':
      return Response.json(invoices(account.invoices, query));
    case 'invoices/:id':
      return one(account.invoices, 'invoice');
    case 'payments':
      return Response.json(payments(account.payments, query));
    case 'payments/:id':
      return one(account.payments, 'payment');
    case 'credit-notes':
      return Response.json(creditNotes(account.creditNotes, query));
    case 'credit-notes/:id':
      return one(account.creditNotes, 'credit note');
    case 'sales-orders':
      return Response.json(salesOrders(account.salesOrders, query));
    case 'sales-orders/:id':
      return one(account.salesOrders, 'sales order');
    case 'schedules':
      return Response.json(schedules(account.schedules, query));
    case 'schedules/:id':
      return one(account.schedules, 'schedule');
    case 'statement':
      return statement(account, query);
    default:
      return failure(404, 'not_found', `no route /v1/portal/${path}`);
  }
}

function failure(status: number, code: ErrorBody['error']['code'], message: string, details?: ErrorBody['error']['details']): Response {
  return Response.json({ error: { code, message, ...(details ? { details } : {}) } } satisfies ErrorBody, { status });
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

function never(signal: AbortSignal): Promise<Response> {
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(abortError(signal)), { once: true }));
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(abortError(signal))), { once: true });
  });
}

// Lists: the API's filters, its sort orders (ties broken by id, as its keyset does), and
// pages whose cursor is an offset (cursors are opaque, so the elements cannot tell).

type Key = string | number;

function csv(query: URLSearchParams, name: string): string[] {
  return (query.get(name) ?? '').split(',').map((part) => part.trim()).filter(Boolean);
}

function contains(text: string | null, term: string | null): boolean {
  return !term || (text ?? '').toLowerCase().includes(term.toLowerCase());
}

function within(date: string, query: URLSearchParams): boolean {
  const from = query.get('from');
  const to = query.get('to');
  return (!from || date >= from) && (!to || date <= to);
}

function sorted<T extends { id: string }>(rows: T[], sort: string, keys: Record<string, (row: T) => Key>): T[] {
  const descending = sort.startsWith('-');
  const key = keys[descending ? sort.slice(1) : sort] ?? Object.values(keys)[0]!;
  const compare = (a: Key, b: Key) => (a < b ? -1 : a > b ? 1 : 0);
  const order = descending ? -1 : 1;
  return [...rows].sort((a, b) => order * (compare(key(a), key(b)) || compare(a.id, b.id)));
}

function paged<T>(rows: T[], query: URLSearchParams): { data: T[]; nextCursor: string | null } {
  const limit = Math.min(100, Math.max(1, Number(query.get('limit')) || 25));
  const start = Number(query.get('cursor')) || 0;
  const end = start + limit;
  return { data: rows.slice(start, end), nextCursor: end < rows.length ? String(end) : null };
}

/** Per-currency totals of the filtered set, in currency order. */
function totalsBy<T extends { currency: string }, R>(rows: T[], add: (total: R | undefined, row: T) => R): R[] {
  const totals = new Map<string, R>();
  for (const row of rows) totals.set(row.currency, add(totals.get(row.currency), row));
  return [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, total]) => total);
}

function invoices(details: InvoiceDetail[], query: URLSearchParams): InvoiceList {
  const statuses = csv(query, 'status');
  const rows = details
    .map(({ lines: _lines, payments: _payments, credits: _credits, ...invoice }): Invoice => invoice)
    .filter((invoice) =>
      (!statuses.length || statuses.includes(invoice.status)) && within(invoice.issueDate, query) &&
      contains(invoice.number, query.get('q')) && (!query.get('currency') || invoice.currency === query.get('currency')));
  const keys = { issueDate: (row: Invoice) => row.issueDate, dueDate: (row: Invoice) => row.dueDate, number: (row: Invoice) => row.number, total: (row: Invoice) => row.total, balance: (row: Invoice) => row.balance };
  return {
    ...paged(sorted(rows, query.get('sort') ?? '-issueDate', keys), query),
    totals: totalsBy(rows, (total: InvoiceList['totals'][number] | undefined, row) => ({
      currency: row.currency, count: (total?.count ?? 0) + 1, total: (total?.total ?? 0) + row.total, balance: (total?.balance ?? 0) + row.balance,
    })),
  };
}

/** Payments and credit notes are listed alike (as in the API): date or amount, a date range, a search, totals. */
function sources<T extends Payment | CreditNote>(records: T[], query: URLSearchParams, search: (row: T) => string | null, keep: (row: T) => boolean) {
  const rows = records.filter((row) =>
    keep(row) && within(row.date, query) && contains(search(row), query.get('q')) && (!query.get('currency') || row.currency === query.get('currency')));
  return { rows, page: paged(sorted(rows, query.get('sort') ?? '-date', { date: (row) => row.date, amount: (row) => row.amount }), query) };
}

function payments(records: Payment[], query: URLSearchParams): PaymentList {
  const methods = csv(query, 'method');
  const { rows, page } = sources(records, query, (row) => row.reference, (row) => !methods.length || methods.includes(row.method));
  return {
    ...page,
    totals: totalsBy(rows, (total: PaymentList['totals'][number] | undefined, row) => ({
      currency: row.currency, count: (total?.count ?? 0) + 1, amount: (total?.amount ?? 0) + row.amount, unapplied: (total?.unapplied ?? 0) + row.unapplied,
    })),
  };
}

function creditNotes(records: CreditNote[], query: URLSearchParams): CreditNoteList {
  const { rows, page } = sources(records, query, (row) => row.number, () => true);
  return {
    ...page,
    totals: totalsBy(rows, (total: CreditNoteList['totals'][number] | undefined, row) => ({
      currency: row.currency, count: (total?.count ?? 0) + 1, amount: (total?.amount ?? 0) + row.amount, remaining: (total?.remaining ?? 0) + row.remaining,
    })),
  };
}

function salesOrders(details: SalesOrderDetail[], query: URLSearchParams): SalesOrderList {
  const statuses = csv(query, 'status');
  const rows = details
    .map(({ lines: _lines, billedInvoices: _billed, ...order }): SalesOrder => order)
    .filter((order) => (!statuses.length || statuses.includes(order.status)) && within(order.orderDate, query) && contains(order.number, query.get('q')));
  return paged(sorted(rows, query.get('sort') ?? '-orderDate', { orderDate: (row) => row.orderDate, total: (row) => row.total }), query);
}

function schedules(details: ScheduleDetail[], query: URLSearchParams): ScheduleList {
  const kinds = csv(query, 'kind');
  const rows = details.map(({ items: _items, ...schedule }): Schedule => schedule).filter((schedule) => !kinds.length || kinds.includes(schedule.kind));
  return paged(rows, query);
}

// The statement, computed as the API computes it: opening balance before `from`, each
// movement in date order (invoices, then payments, then credit notes on the same day)
// with a running balance, and the aging of what was open at `to`. Void invoices never
// were owed, so they count nowhere.

const TYPE_ORDER: Record<StatementLine['type'], number> = { invoice: 0, payment: 1, credit_note: 2 };

interface Movement extends Omit<StatementLine, 'balance'> {
  currency: string;
}

function statement(account: AccountFixture, query: URLSearchParams): Response {
  const from = query.get('from') || null;
  const to = query.get('to') || FIXTURE_TODAY;
  if (from && from > to) return failure(400, 'bad_request', 'from must not be after to', [{ path: 'from', message: `after ${to}` }]);
  const owed = account.invoices.filter((invoice) => invoice.status !== 'void');
  const movements: Movement[] = [
    ...owed.map((invoice) => ({
      currency: invoice.currency, date: invoice.issueDate, type: 'invoice' as const, id: invoice.id, reference: invoice.number,
      description: `Invoice ${invoice.number}, due ${invoice.dueDate}`, dueDate: invoice.dueDate, debit: invoice.total, credit: 0,
    })),
    ...account.payments.map((payment) => ({
      currency: payment.currency, date: payment.date, type: 'payment' as const, id: payment.id, reference: payment.reference ?? payment.id,
      description: `Payment (${payment.method.replace('_', ' ')})`, method: payment.method, debit: 0, credit: payment.amount,
    })),
    ...account.creditNotes.map((note) => ({
      currency: note.currency, date: note.date, type: 'credit_note' as const, id: note.id, reference: note.number,
      description: note.reason ? `Credit note: ${note.reason}` : 'Credit note', ...(note.reason ? { reason: note.reason } : {}), debit: 0, credit: note.amount,
    })),
  ].filter((movement) => movement.date <= to);
  movements.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0)));

  const aging = agingAt(owed, to);
  const opening = new Map<string, number>();
  for (const movement of movements) {
    if (from && movement.date < from) opening.set(movement.currency, (opening.get(movement.currency) ?? 0) + movement.debit - movement.credit);
  }
  const shown = movements.filter((movement) => !from || movement.date >= from);
  const home = account.profile.customer.currency;
  const currencies = new Set([...opening.keys(), ...shown.map((movement) => movement.currency), ...aging.keys()]);
  if (currencies.size === 0) currencies.add(home);
  const blocks = [...currencies]
    .sort((a, b) => (a === home ? -1 : b === home ? 1 : a.localeCompare(b)))
    .map((currency): CurrencyStatement => {
      const openingBalance = opening.get(currency) ?? 0;
      let balance = openingBalance;
      const lines = shown
        .filter((movement) => movement.currency === currency)
        .map(({ currency: _currency, ...movement }) => ({ ...movement, balance: (balance += movement.debit - movement.credit) }));
      const debits = lines.reduce((sum, line) => sum + line.debit, 0);
      const credits = lines.reduce((sum, line) => sum + line.credit, 0);
      return {
        currency, openingBalance, lines, totals: { debits, credits }, closingBalance: openingBalance + debits - credits,
        aging: aging.get(currency) ?? { current: 0, days1to30: 0, days31to60: 0, days61to90: 0, days90plus: 0 },
      };
    });
  const { id, name } = account.profile.customer;
  return Response.json({ from, to, customer: { id, name }, currencies: blocks } satisfies Statement);
}

/** Each invoice's balance as it stood at `date` (what had been applied by then), by days past due. */
function agingAt(invoices: InvoiceDetail[], date: string): Map<string, Aging> {
  const days = (a: string, b: string) => Math.round((Date.parse(a) - Date.parse(b)) / 86_400_000);
  const result = new Map<string, Aging>();
  for (const invoice of invoices) {
    if (invoice.issueDate > date) continue;
    const applied = [...invoice.payments, ...invoice.credits].filter((entry) => entry.appliedOn <= date).reduce((sum, entry) => sum + entry.amount, 0);
    const balance = invoice.total - applied;
    if (balance <= 0) continue;
    const late = days(date, invoice.dueDate);
    const bucket: keyof Aging = late <= 0 ? 'current' : late <= 30 ? 'days1to30' : late <= 60 ? 'days31to60' : late <= 90 ? 'days61to90' : 'days90plus';
    const aging = result.get(invoice.currency) ?? { current: 0, days1to30: 0, days31to60: 0, days61to90: 0, days90plus: 0 };
    aging[bucket] += balance;
    result.set(invoice.currency, aging);
  }
  return result;
}

/** A PATCH checked by the API's own schema; the change is answered, not kept (each story starts afresh). */
function updateProfile(profile: Profile, body: unknown): Response {
  if (!profile.editable) return failure(403, 'forbidden', 'this account’s profile is view-only');
  const parsed = ProfileUpdate.safeParse(body);
  if (!parsed.success) {
    return failure(400, 'bad_request', 'invalid body', parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(root)', message: issue.message })));
  }
  const { email, phone, address, contacts } = parsed.data;
  const customer = { ...profile.customer };
  if (email !== undefined) customer.email = email ?? null;
  if (phone !== undefined) customer.phone = phone ?? null;
  if (address !== undefined) customer.address = address ? { ...address, line2: address.line2 ?? null, region: address.region ?? null, postalCode: address.postalCode ?? null } : null;
  if (contacts) {
    customer.contacts = contacts
      .map((contact) => ({ id: contact.id, name: contact.name, email: contact.email ?? null, phone: contact.phone ?? null, role: contact.role ?? null, isPrimary: contact.isPrimary }))
      .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
    customer.primaryContact = customer.contacts.find((contact) => contact.isPrimary) ?? null;
  }
  return Response.json({ customer, editable: profile.editable } satisfies Profile);
}
