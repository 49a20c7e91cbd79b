import { currencyExponent } from '@ssp/schemas';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { money } from '../../elements/src/core/format.ts';
import { addDays } from '../src/dates.ts';
import type { DatabaseHandle } from '../src/db/connect.ts';
import { formatMoney } from '../src/documents/locale.ts';
import { type TestApi, backends, createTestApi, expectJson, uniqueId } from './harness.ts';

/**
 * The money invariants, for random histories ingested through the Host API and read back
 * through the Portal API. `SSP_INVARIANT_RUNS` histories per backend (`npm run
 * test:invariants` runs 10,000; the default suite a few), each on a fresh customer of one
 * tenant per backend, so a run costs its requests and nothing more.
 */
const RUNS = Number(process.env.SSP_INVARIANT_RUNS ?? 15);

/** `SSP_INVARIANT_BACKENDS=postgresql` (or `pglite`) narrows a long run to one backend, when that one is available. */
function selectedBackends() {
  const all = backends();
  const only = process.env.SSP_INVARIANT_BACKENDS;
  const chosen = all.filter((backend) => !only || backend.name === only);
  return chosen.length ? chosen : all;
}
const TODAY = '2026-06-15';
const FIRST_DAY = '2024-07-01';
const CURRENCIES = ['USD', 'JPY', 'KWD'] as const;
const LOCALES = ['en', 'fr-FR', 'de-DE', 'ja-JP'];
type Currency = (typeof CURRENCIES)[number];

// ---- What a history is made of: intents, turned into valid requests against a model. ----

const day = fc.integer({ min: 0, max: 730 });
const allocationIntent = fc.record({ pick: fc.nat(20), amount: fc.integer({ min: 1, max: 400_000 }) });
const invoiceIntent = fc.record({
  currency: fc.constantFrom(...CURRENCIES),
  issue: day,
  dueIn: fc.integer({ min: 0, max: 90 }),
  lines: fc.array(fc.record({ amount: fc.integer({ min: 0, max: 250_000 }), tax: fc.integer({ min: 0, max: 25_000 }) }), { minLength: 1, maxLength: 3 }),
  void: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
});
const sourceIntent = fc.record({
  currency: fc.constantFrom(...CURRENCIES),
  day,
  amount: fc.integer({ min: 1, max: 500_000 }),
  allocations: fc.array(allocationIntent, { maxLength: 3 }),
});
const step = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('payment' as const), source: sourceIntent }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('credit' as const), source: sourceIntent }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reallocate' as const), pick: fc.nat(20), allocations: fc.array(allocationIntent, { maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), pick: fc.nat(20) }) },
);
const history = fc.record({
  defaultCurrency: fc.constantFrom(...CURRENCIES),
  invoices: fc.array(invoiceIntent, { minLength: 1, maxLength: 6 }),
  steps: fc.array(step, { maxLength: 8 }),
  cuts: fc.uniqueArray(day, { minLength: 3, maxLength: 3 }).map((days) => days.sort((a, b) => a - b)),
});
type History = typeof history extends fc.Arbitrary<infer T> ? T : never;

interface ModelInvoice {
  id: string;
  currency: Currency;
  issueDate: string;
  dueDate: string;
  lines: { description: string; unitPrice: number; amount: number; taxAmount: number }[];
  total: number;
  void: boolean;
}
interface ModelSource {
  kind: 'payment' | 'credit';
  id: string;
  currency: Currency;
  date: string;
  amount: number;
  allocations: Map<string, number>;
}

/** The ledger as the host means it; the API must agree with it to the unit. */
class Model {
  invoices: ModelInvoice[] = [];
  sources: ModelSource[] = [];

  applied(invoiceId: string, kind?: 'payment' | 'credit'): number {
    let sum = 0;
    for (const source of this.sources) if (!kind || source.kind === kind) sum += source.allocations.get(invoiceId) ?? 0;
    return sum;
  }

  /** Allocations that fit: same currency, not void, within what the invoice and the source have left. */
  fit(source: ModelSource, intents: { pick: number; amount: number }[]): Map<string, number> {
    const candidates = this.invoices.filter((invoice) => invoice.currency === source.currency && !invoice.void);
    const result = new Map<string, number>();
    let left = source.amount;
    for (const intent of intents) {
      if (!candidates.length) break;
      const invoice = candidates[intent.pick % candidates.length]!;
      if (result.has(invoice.id)) continue;
      const amount = Math.min(intent.amount, invoice.total - this.applied(invoice.id), left);
      if (amount <= 0) continue;
      result.set(invoice.id, amount);
      left -= amount;
    }
    return result;
  }
}

const date = (offset: number) => addDays(FIRST_DAY, offset);

function invoiceBody(invoice: ModelInvoice, customerId: string) {
  return { id: invoice.id, customerId, number: invoice.id, currency: invoice.currency, issueDate: invoice.issueDate, dueDate: invoice.dueDate, void: invoice.void, lines: invoice.lines };
}

function sourceBody(source: ModelSource, customerId: string) {
  const allocations = [...source.allocations].map(([invoiceId, amount]) => ({ invoiceId, amount }));
  const common = { id: source.id, customerId, currency: source.currency, date: source.date, amount: source.amount, allocations };
  return source.kind === 'payment' ? { ...common, method: 'bank_transfer' } : { ...common, number: source.id };
}

/** Ingests `h` for a new customer through the Host API, keeping the model in step; every request must be answered as the model expects. */
async function ingest(api: TestApi, h: History): Promise<{ customerId: string; model: Model }> {
  const customerId = uniqueId('cus');
  const model = new Model();
  await expectJson(api.host('POST', '/v1/customers', { id: customerId, name: 'Invariant Co', currency: h.defaultCurrency }), 200);
  model.invoices = h.invoices.map((intent) => {
    const lines = intent.lines.map((line, index) => ({ description: `Line ${index + 1}`, unitPrice: line.amount, amount: line.amount, taxAmount: line.tax }));
    return {
      id: uniqueId('inv'),
      currency: intent.currency,
      issueDate: date(intent.issue),
      dueDate: date(intent.issue + intent.dueIn),
      lines,
      total: lines.reduce((sum, line) => sum + line.amount + line.taxAmount, 0),
      void: intent.void,
    };
  });
  await expectJson(api.host('POST', '/v1/invoices', { data: model.invoices.map((invoice) => invoiceBody(invoice, customerId)) }), 200);

  for (const s of h.steps) {
    if (s.kind === 'payment' || s.kind === 'credit') {
      const source: ModelSource = { kind: s.kind, id: uniqueId(s.kind === 'payment' ? 'pay' : 'cn'), currency: s.source.currency, date: date(s.source.day), amount: s.source.amount, allocations: new Map() };
      // Allocations are applied on the later of the two dates by default, which the API checks too.
      source.allocations = model.fit(source, s.source.allocations);
      await expectJson(api.host('POST', s.kind === 'payment' ? '/v1/payments' : '/v1/credit-notes', sourceBody(source, customerId)), 200);
      model.sources.push(source);
    } else if (s.kind === 'reallocate') {
      if (!model.sources.length) continue;
      const source = model.sources[s.pick % model.sources.length]!;
      source.allocations = new Map();
      source.allocations = model.fit(source, s.allocations);
      await expectJson(api.host('POST', source.kind === 'payment' ? '/v1/payments' : '/v1/credit-notes', sourceBody(source, customerId)), 200);
    } else {
      const invoice = model.invoices[s.pick % model.invoices.length]!;
      const wanted = { ...invoice, void: true };
      if (model.applied(invoice.id) > 0) {
        // Voiding what has money applied would strand that money: refused, nothing changes.
        await expectJson(api.host('POST', '/v1/invoices', invoiceBody(wanted, customerId)), 422);
      } else {
        await expectJson(api.host('POST', '/v1/invoices', invoiceBody(wanted, customerId)), 200);
        invoice.void = true;
      }
    }
  }
  return { customerId, model };
}

// ---- Reading it back ----

async function allPages<T>(api: TestApi, token: string, path: string): Promise<{ rows: T[]; first: any }> {
  const rows: T[] = [];
  let first: any;
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page: any = await expectJson(api.portal(token, `${path}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`), 200);
    first ??= page;
    rows.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return { rows, first };
}

const sum = <T>(rows: T[], value: (row: T) => number) => rows.reduce((total, row) => total + value(row), 0);

/** Parses what `format` wrote back into minor units, using only the locale's own separators. */
function parseMoney(text: string, currency: string, locale: string): bigint {
  const decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')!.value;
  const negative = /[-\u2212]/.test(text);
  const kept = [...text].filter((char) => /\d/.test(char) || char === decimal).join('');
  const [whole, fraction = ''] = kept.split(decimal);
  if (fraction.length !== currencyExponent(currency)) throw new Error(`"${text}" shows ${fraction.length} decimals for ${currency}`);
  const value = BigInt(`${whole}${fraction}`);
  return negative ? -value : value;
}

function checkFormats(amount: number, currency: string) {
  for (const locale of LOCALES) {
    for (const [name, format] of [['elements', money], ['documents', formatMoney]] as const) {
      const text = format(amount, currency, locale);
      expect(parseMoney(text, currency, locale), `${name} ${locale}: ${text}`).toBe(BigInt(amount));
    }
  }
}

async function check(api: TestApi, customerId: string, model: Model, h: History) {
  const token = await api.token(customerId);
  const byId = new Map(model.invoices.map((invoice) => [invoice.id, invoice]));
  const sources = new Map(model.sources.map((source) => [source.id, source]));
  const amounts: [number, string][] = [];

  // Invoices: balance = total − payments − credits, never below zero; a void one owes nothing.
  const invoices = await allPages<any>(api, token, '/v1/portal/invoices');
  expect(invoices.rows).toHaveLength(model.invoices.length);
  for (const row of invoices.rows) {
    const expected = byId.get(row.id)!;
    const paid = model.applied(row.id, 'payment');
    const credited = model.applied(row.id, 'credit');
    expect(row, row.id).toMatchObject({ currency: expected.currency, total: expected.total, amountPaid: paid, amountCredited: credited });
    expect(row.balance, row.id).toBe(expected.void ? 0 : row.total - row.amountPaid - row.amountCredited);
    expect(row.balance).toBeGreaterThanOrEqual(0);
    amounts.push([row.total, row.currency], [row.balance, row.currency]);
  }
  // The detail's applied payments and credits add up to the list's figures (three invoices a run keeps runs cheap).
  for (const row of invoices.rows.slice(0, 3)) {
    const detail = await expectJson(api.portal(token, `/v1/portal/invoices/${row.id}`), 200);
    expect(sum(detail.payments, (p: { amount: number }) => p.amount)).toBe(row.amountPaid);
    expect(sum(detail.credits, (c: { amount: number }) => c.amount)).toBe(row.amountCredited);
  }

  // Payments and credit notes: what is applied never exceeds the amount, and is what the allocations add up to.
  const payments = await allPages<any>(api, token, '/v1/portal/payments');
  const credits = await allPages<any>(api, token, '/v1/portal/credit-notes');
  for (const row of [...payments.rows, ...credits.rows]) {
    const expected = sources.get(row.id)!;
    expect(row.amount).toBe(expected.amount);
    expect(row.amountApplied, row.id).toBe(sum([...expected.allocations.values()], (a) => a));
    expect(row.amountApplied).toBe(sum(row.allocations, (a: { amount: number }) => a.amount));
    expect(row.amountApplied).toBeLessThanOrEqual(row.amount);
    expect(row.unapplied ?? row.remaining).toBe(row.amount - row.amountApplied);
    amounts.push([row.amount, row.currency]);
  }
  expect(payments.rows.length + credits.rows.length).toBe(model.sources.length);

  // List totals: per currency, the sums of the rows of that currency only — whichever way they are computed.
  const filtered = await allPages<any>(api, token, `/v1/portal/invoices?from=${FIRST_DAY}`);
  for (const totals of [invoices.first.totals, filtered.first.totals]) {
    for (const t of totals) {
      const rows = invoices.rows.filter((row) => row.currency === t.currency);
      expect(t, t.currency).toEqual({ currency: t.currency, count: rows.length, total: sum(rows, (r) => r.total), balance: sum(rows, (r) => r.balance) });
    }
    expect(totals.map((t: { currency: string }) => t.currency).sort()).toEqual([...new Set(invoices.rows.map((row) => row.currency))].sort());
  }
  for (const [list, open] of [
    [payments, 'unapplied'],
    [credits, 'remaining'],
  ] as const) {
    for (const t of list.first.totals) {
      const rows = list.rows.filter((row) => row.currency === t.currency);
      expect(t).toEqual({ currency: t.currency, count: rows.length, amount: sum(rows, (r) => r.amount), [open]: sum(rows, (r) => r[open]) });
    }
  }

  // Summary: every figure is a sum over the lists, per currency.
  const summary = await expectJson(api.portal(token, '/v1/portal/summary'), 200);
  const used = new Set([h.defaultCurrency, ...model.invoices.map((i) => i.currency), ...model.sources.map((s) => s.currency)]);
  expect(summary.currencies.map((c: { currency: string }) => c.currency).sort()).toEqual([...used].sort());
  for (const block of summary.currencies) {
    const c = block.currency;
    const open = invoices.rows.filter((row) => row.currency === c && row.balance > 0);
    const overdue = open.filter((row) => row.dueDate < TODAY);
    const upcoming = open.filter((row) => row.dueDate >= TODAY && row.dueDate <= addDays(TODAY, 30));
    const unappliedPayments = sum(payments.rows.filter((row) => row.currency === c), (row) => row.unapplied);
    const openCreditNotes = sum(credits.rows.filter((row) => row.currency === c), (row) => row.remaining);
    const outstanding = sum(open, (row) => row.balance);
    expect(block, c).toMatchObject({
      outstanding,
      overdue: { count: overdue.length, amount: sum(overdue, (row) => row.balance) },
      upcoming: { count: upcoming.length, amount: sum(upcoming, (row) => row.balance) },
      totalPaid: sum(payments.rows.filter((row) => row.currency === c), (row) => row.amount),
      availableCredit: { total: unappliedPayments + openCreditNotes, unappliedPayments, openCreditNotes },
      netBalance: outstanding - unappliedPayments - openCreditNotes,
      status: overdue.length ? 'past_due' : 'current',
    });
    expect(sum(Object.values(block.aging) as number[], (v) => v)).toBe(outstanding);
    amounts.push([block.outstanding, c], [block.netBalance, c], [block.availableCredit.total, c]);
  }

  // Statements: closing = opening + debits − credits; one period's closing is the next one's opening;
  // every line is of its block's currency; the opening is what the model owed before the period.
  const [a, b, c] = h.cuts.map(date) as [string, string, string];
  const owed = (currency: string, before: string) =>
    sum(model.invoices.filter((i) => i.currency === currency && !i.void && i.issueDate < before), (i) => i.total) -
    sum(model.sources.filter((s) => s.currency === currency && s.date < before), (s) => s.amount);
  const periods = [
    await expectJson(api.portal(token, `/v1/portal/statement?to=${addDays(a, -1)}`), 200),
    await expectJson(api.portal(token, `/v1/portal/statement?from=${a}&to=${b}`), 200),
    await expectJson(api.portal(token, `/v1/portal/statement?from=${addDays(b, 1)}&to=${c}`), 200),
  ];
  const records = new Map<string, string>([...model.invoices.map((i) => [i.id, i.currency] as const), ...model.sources.map((s) => [s.id, s.currency] as const)]);
  for (const [index, statement] of periods.entries()) {
    for (const block of statement.currencies) {
      let running = block.openingBalance;
      for (const line of block.lines) {
        expect(records.get(line.id), line.id).toBe(block.currency);
        running += line.debit - line.credit;
        expect(line.balance).toBe(running);
        expect(line.date >= (statement.from ?? '0000') && line.date <= statement.to).toBe(true);
      }
      expect(block.totals).toEqual({ debits: sum(block.lines, (l: { debit: number }) => l.debit), credits: sum(block.lines, (l: { credit: number }) => l.credit) });
      expect(block.closingBalance).toBe(block.openingBalance + block.totals.debits - block.totals.credits);
      expect(block.openingBalance, `${block.currency} opening of period ${index}`).toBe(statement.from ? owed(block.currency, statement.from) : 0);
      expect(block.closingBalance, `${block.currency} closing of period ${index}`).toBe(owed(block.currency, addDays(statement.to, 1)));
      amounts.push([block.openingBalance, block.currency], [block.closingBalance, block.currency]);
    }
    if (index > 0) {
      for (const currency of used) {
        const before = periods[index - 1].currencies.find((x: { currency: string }) => x.currency === currency);
        const after = statement.currencies.find((x: { currency: string }) => x.currency === currency);
        expect(after?.openingBalance ?? 0, `${currency} across periods ${index - 1}/${index}`).toBe(before?.closingBalance ?? 0);
      }
    }
  }

  for (const [amount, currency] of amounts) checkFormats(amount, currency);
}

describe('money invariants', () => {
  it('every amount formats and parses back to the same minor units in 0-, 2- and 3-decimal currencies, in the elements and the documents', () => {
    fc.assert(
      fc.property(fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -1_000_000, max: 1_000_000 })), fc.constantFrom('JPY', 'USD', 'KWD', 'EUR', 'BHD', 'KRW'), (amount, currency) =>
        checkFormats(amount, currency),
      ),
      // The largest safe amount in a 3-decimal currency: where dividing by 1000 in floating point goes wrong.
      { numRuns: Math.max(1_000, RUNS), examples: [[Number.MAX_SAFE_INTEGER, 'KWD']] },
    );
  });

  describe.each(selectedBackends())('on $name', (backend) => {
    let database: DatabaseHandle;
    let api: TestApi;

    beforeAll(async () => {
      database = await backend.open();
      api = await createTestApi(database, { today: TODAY });
    });
    afterAll(async () => {
      await database?.close();
    });

    it(`holds for ${RUNS} random histories of invoices, payments, credit notes, reallocations and voids`, async () => {
      await fc.assert(
        fc.asyncProperty(history, async (h) => {
          const { customerId, model } = await ingest(api, h);
          await check(api, customerId, model, h);
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
    }, 60_000 + RUNS * 2_000);
  });
});
