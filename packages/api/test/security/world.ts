import { currencyExponent } from '@ssp/schemas';
import fc from 'fast-check';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import { type TestApi, createTestApi, expectJson } from '../harness.ts';

/**
 * Random tenants, customers and records for the isolation properties, written through
 * the Host API as a host would. Every string a party owns carries a random marker and
 * every amount is large and random, so that a response can be searched for "any byte of
 * another party's data" without false alarms from the caller's own figures.
 */
export interface Party {
  tenant: number;
  customerId: string;
  /** Every id, number, name, reference, label and amount (as the API prints it) of this party. */
  markers: string[];
  invoiceIds: string[];
  paymentIds: string[];
  creditNoteIds: string[];
  salesOrderIds: string[];
  scheduleIds: string[];
  contactIds: string[];
  /** Invoice, credit note and sales order numbers, and payment references: what list searches match. */
  invoiceNumbers: string[];
  creditNoteNumbers: string[];
  salesOrderNumbers: string[];
  references: string[];
}

export interface World {
  tenants: TestApi[];
  parties: Party[];
}

const CURRENCIES = ['USD', 'EUR', 'JPY', 'KWD'] as const;

interface RecordSpec {
  amount: number;
  day: number;
  rand: string;
}
interface CustomerSpec {
  currency: (typeof CURRENCIES)[number];
  rand: string;
  contacts: string[];
  invoices: (RecordSpec & { lines: RecordSpec[]; void: boolean })[];
  payments: (RecordSpec & { allocate: boolean })[];
  creditNotes: (RecordSpec & { allocate: boolean })[];
  salesOrders: RecordSpec[];
  schedules: (RecordSpec & { items: RecordSpec[] })[];
}
export interface WorldSpec {
  tenants: CustomerSpec[][];
}

const rand = fc.stringMatching(/^[a-z0-9]{7}$/);
// 10^9–10^11 minor units: big enough that a chance match with one of the caller's own figures is negligible.
// Unbiased: fast-check's usual bias towards the bounds made two parties' amounts collide.
const amount = fc.noBias(fc.integer({ min: 1_000_000_000, max: 99_999_999_999 }));
const day = fc.integer({ min: 0, max: 520 });
const record = fc.record({ amount, day, rand });
const customer: fc.Arbitrary<CustomerSpec> = fc.record({
  currency: fc.constantFrom(...CURRENCIES),
  rand,
  contacts: fc.array(rand, { minLength: 1, maxLength: 2 }),
  invoices: fc.array(fc.record({ amount, day, rand, lines: fc.array(record, { minLength: 1, maxLength: 2 }), void: fc.boolean() }), { minLength: 1, maxLength: 4 }),
  payments: fc.array(fc.record({ amount, day, rand, allocate: fc.boolean() }), { maxLength: 3 }),
  creditNotes: fc.array(fc.record({ amount, day, rand, allocate: fc.boolean() }), { maxLength: 2 }),
  salesOrders: fc.array(record, { maxLength: 1 }),
  schedules: fc.array(fc.record({ amount, day, rand, items: fc.array(record, { minLength: 1, maxLength: 2 }) }), { maxLength: 1 }),
});

/** Two or three tenants of two or three customers each. */
export const worldSpec: fc.Arbitrary<WorldSpec> = fc.record({
  tenants: fc.array(fc.array(customer, { minLength: 2, maxLength: 3 }), { minLength: 2, maxLength: 3 }),
});

/** Each tenant of a world allows its own page origin only. */
export const tenantOrigin = (label: string, tenant: number) => `https://${label}-t${tenant}.example`;

const dateOf = (offset: number) => new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

/** An amount as the API's documents and JSON may print it: digits, and grouped or plain decimals. */
export function amountForms(minor: number, currency: string): string[] {
  const exponent = currencyExponent(currency);
  const major = (minor / 10 ** exponent).toFixed(exponent);
  const grouped = new Intl.NumberFormat('en-US', { minimumFractionDigits: exponent, maximumFractionDigits: exponent }).format(minor / 10 ** exponent);
  return [...new Set([String(minor), major, grouped])];
}

/** Writes the world through the Host API and returns who owns what. */
export async function buildWorld(database: DatabaseHandle, spec: WorldSpec, label: string, config: Parameters<typeof createTestApi>[1] = {}): Promise<World> {
  const tenants: TestApi[] = [];
  const parties: Party[] = [];
  for (const [t, customers] of spec.tenants.entries()) {
    const api = await createTestApi(database, { ...config, settings: { profileEditable: true }, origins: [tenantOrigin(label, t)] });
    tenants.push(api);
    for (const [c, cs] of customers.entries()) parties.push(await ingestCustomer(api, t, `${label}t${t}c${c}`, cs));
  }
  return { tenants, parties };
}

async function ingestCustomer(api: TestApi, tenant: number, tag: string, spec: CustomerSpec): Promise<Party> {
  const markers: string[] = [];
  const mark = <T extends string>(value: T): T => {
    markers.push(value);
    return value;
  };
  const money = (minor: number) => {
    markers.push(...amountForms(minor, spec.currency));
    return minor;
  };
  const customerId = mark(`${tag}x${spec.rand}`);
  const contactIds = spec.contacts.map((r, i) => mark(`${tag}ct${i}x${r}`));
  await expectJson(
    api.host('POST', '/v1/customers', {
      id: customerId,
      name: `Company ${mark(`Nm${tag}${spec.rand}`)}`,
      email: mark(`billing.${tag}${spec.rand}@example.com`),
      // The phone the isolation probes PATCH into the profile: the same, so nothing drifts.
      phone: '+1 555 0100',
      address: { line1: `${mark(`St${tag}${spec.rand}`)} Road`, city: mark(`Cy${tag}${spec.rand}`), country: 'US' },
      currency: spec.currency,
      billingTerms: 'NET30',
      accountManager: { name: mark(`Am${tag}${spec.rand}`) },
      contacts: contactIds.map((id, i) => ({ id, name: mark(`Cn${tag}${i}${spec.contacts[i]}`), email: mark(`c${i}.${tag}${spec.contacts[i]}@example.com`), isPrimary: i === 0 })),
    }),
    200,
  );

  const salesOrderIds = spec.salesOrders.map((so, i) => mark(`${tag}so${i}x${so.rand}`));
  const salesOrderNumbers = spec.salesOrders.map((so) => mark(`SO${tag}${so.rand}`));
  for (const [i, so] of spec.salesOrders.entries()) {
    await expectJson(
      api.host('POST', '/v1/sales-orders', {
        id: salesOrderIds[i], customerId, number: salesOrderNumbers[i], currency: spec.currency, orderDate: dateOf(so.day), status: 'in_progress',
        lines: [{ description: mark(`Sl${tag}${so.rand}`), quantity: 1, unitPrice: money(so.amount), amount: so.amount }],
      }),
      200,
    );
  }

  const invoiceIds = spec.invoices.map((inv, i) => mark(`${tag}i${i}x${inv.rand}`));
  const invoiceNumbers = spec.invoices.map((inv) => mark(`IN${tag}${inv.rand}`));
  const open: { id: string; balance: number; day: number }[] = [];
  await expectJson(
    api.host('POST', '/v1/invoices', {
      data: spec.invoices.map((inv, i) => {
        const total = inv.lines.reduce((sum, line) => sum + line.amount, 0);
        money(total);
        if (!inv.void) open.push({ id: invoiceIds[i]!, balance: total, day: inv.day });
        return {
          id: invoiceIds[i], customerId, number: invoiceNumbers[i], currency: spec.currency, issueDate: dateOf(inv.day), dueDate: dateOf(inv.day + 30), void: inv.void,
          ...(i === 0 && salesOrderIds[0] ? { salesOrderId: salesOrderIds[0] } : {}),
          lines: inv.lines.map((line) => ({ description: mark(`Ld${tag}${line.rand}`), quantity: 1, unitPrice: money(line.amount), amount: line.amount })),
        };
      }),
    }),
    200,
  );

  // Allocate half of what is left on an invoice, so that balances stay positive and no allocation is refused.
  const allocation = (amountAvailable: number, allocate: boolean, from: number) => {
    const target = open.find((inv) => inv.balance > 2);
    if (!allocate || !target) return [];
    const applied = Math.floor(Math.min(amountAvailable, target.balance) / 2);
    target.balance -= applied;
    return [{ invoiceId: target.id, amount: applied, appliedOn: dateOf(Math.max(from, target.day)) }];
  };
  const paymentIds = spec.payments.map((p, i) => mark(`${tag}p${i}x${p.rand}`));
  const references = spec.payments.map((p) => mark(`Rf${tag}${p.rand}`));
  if (spec.payments.length) {
    await expectJson(
      api.host('POST', '/v1/payments', {
        data: spec.payments.map((p, i) => ({
          id: paymentIds[i], customerId, currency: spec.currency, amount: money(p.amount), date: dateOf(p.day), method: 'bank_transfer', reference: references[i],
          allocations: allocation(p.amount, p.allocate, p.day),
        })),
      }),
      200,
    );
  }
  const creditNoteIds = spec.creditNotes.map((cn, i) => mark(`${tag}cn${i}x${cn.rand}`));
  const creditNoteNumbers = spec.creditNotes.map((cn) => mark(`CN${tag}${cn.rand}`));
  if (spec.creditNotes.length) {
    await expectJson(
      api.host('POST', '/v1/credit-notes', {
        data: spec.creditNotes.map((cn, i) => ({
          id: creditNoteIds[i], customerId, number: creditNoteNumbers[i], currency: spec.currency, date: dateOf(cn.day), amount: money(cn.amount), reason: mark(`Re${tag}${cn.rand}`),
          allocations: allocation(cn.amount, cn.allocate, cn.day),
        })),
      }),
      200,
    );
  }
  const scheduleIds = spec.schedules.map((s, i) => mark(`${tag}sc${i}x${s.rand}`));
  for (const [i, s] of spec.schedules.entries()) {
    await expectJson(
      api.host('POST', '/v1/schedules', {
        id: scheduleIds[i], customerId, kind: 'payment_plan', name: mark(`Sn${tag}${s.rand}`), description: mark(`Sd${tag}${s.rand}`), currency: spec.currency,
        items: s.items.map((item, j) => ({ id: mark(`${tag}it${j}x${item.rand}`), date: dateOf(item.day + 200), amount: money(item.amount), note: mark(`No${tag}${item.rand}`) })),
      }),
      200,
    );
  }
  return { tenant, customerId, markers, invoiceIds, paymentIds, creditNoteIds, salesOrderIds, scheduleIds, contactIds, invoiceNumbers, creditNoteNumbers, salesOrderNumbers, references };
}
