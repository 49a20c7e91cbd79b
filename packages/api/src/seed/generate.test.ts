import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../db/connect.ts';
import type { Database } from '../db/database.ts';
import { type SeedResult, seedTenantData } from './generate.ts';
import { Random } from './random.ts';

const TODAY = '2026-11-22';
const BASE = { customers: 12, years: 4, seed: 20261122, today: TODAY };
const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const todayDay = dayOf(TODAY);

/** Tables a seed writes, with their primary key after tenant_id. */
const TABLES: [keyof Database, string][] = [
  ['customers', 'id'],
  ['contacts', 'customer_id, id'],
  ['sales_orders', 'id'],
  ['sales_order_lines', 'sales_order_id, position'],
  ['invoices', 'id'],
  ['invoice_lines', 'invoice_id, position'],
  ['payments', 'id'],
  ['payment_allocations', 'payment_id, invoice_id'],
  ['credit_notes', 'id'],
  ['credit_allocations', 'credit_note_id, invoice_id'],
  ['schedules', 'id'],
  ['schedule_items', 'schedule_id, id'],
];

type Row = Record<string, any>;

async function rowsOf(db: Kysely<Database>, tenant: string, table: string, orderBy: string): Promise<Row[]> {
  const result = await sql<Row>`select * from ${sql.table(table)} where tenant_id = ${tenant} order by ${sql.raw(orderBy)}`.execute(db);
  return result.rows.map(({ tenant_id: _tenant, created_at: _created, updated_at: _updated, ...rest }) => rest);
}

async function digest(db: Kysely<Database>, tenant: string, only?: string): Promise<string> {
  const hash = createHash('sha256');
  for (const [table, orderBy] of TABLES) {
    if (only && table !== only) continue;
    hash.update(table);
    hash.update(JSON.stringify(await rowsOf(db, tenant, table, orderBy)));
  }
  return hash.digest('hex');
}

interface Data {
  customers: Row[];
  contacts: Row[];
  salesOrders: Row[];
  salesOrderLines: Row[];
  invoices: Row[];
  invoiceLines: Row[];
  payments: Row[];
  paymentAllocations: Row[];
  creditNotes: Row[];
  creditAllocations: Row[];
  schedules: Row[];
  scheduleItems: Row[];
}

async function load(db: Kysely<Database>, tenant: string): Promise<Data> {
  const [customers, contacts, salesOrders, salesOrderLines, invoices, invoiceLines, payments, paymentAllocations, creditNotes, creditAllocations, schedules, scheduleItems] =
    await Promise.all(TABLES.map(([table, orderBy]) => rowsOf(db, tenant, table, orderBy)));
  return {
    customers: customers!, contacts: contacts!, salesOrders: salesOrders!, salesOrderLines: salesOrderLines!, invoices: invoices!,
    invoiceLines: invoiceLines!, payments: payments!, paymentAllocations: paymentAllocations!, creditNotes: creditNotes!,
    creditAllocations: creditAllocations!, schedules: schedules!, scheduleItems: scheduleItems!,
  };
}

function groupBy<T extends Row>(rows: T[], key: string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row[key]);
    if (list) list.push(row);
    else map.set(row[key], [row]);
  }
  return map;
}

const sum = (rows: Row[] | undefined, field = 'amount') => (rows ?? []).reduce((total, row) => total + row[field], 0);

let handle: DatabaseHandle;
let db: Kysely<Database>;
let result: SeedResult;
let data: Data;

beforeAll(async () => {
  handle = await openDatabase();
  db = handle.db;
  for (const id of ['a', 'b', 'c', 'd', 'tiny']) {
    await db
      .insertInto('tenants')
      .values({ id, name: `Tenant ${id}`, session_secret: 'x', allowed_origins: JSON.stringify([]), settings: JSON.stringify({ profileEditable: false }) })
      .execute();
  }
  const progress: [number, number][] = [];
  result = await seedTenantData(db, { tenantId: 'a', ...BASE, onProgress: (done, total) => progress.push([done, total]) });
  expect(progress[0]).toEqual([0, BASE.customers]);
  expect(progress.at(-1)).toEqual([BASE.customers, BASE.customers]);
  await seedTenantData(db, { tenantId: 'b', ...BASE });
  await seedTenantData(db, { tenantId: 'c', ...BASE, seed: BASE.seed + 1 });
  await seedTenantData(db, { tenantId: 'd', ...BASE, concurrency: 3 });
  data = await load(db, 'a');
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

describe('Random', () => {
  it('repeats its sequence for a seed and stays in range', () => {
    const draw = (seed: number) => {
      const rng = new Random(seed);
      return Array.from({ length: 200 }, () => rng.int(-5, 5));
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(7).every((n) => n >= -5 && n <= 5)).toBe(true);
    const rng = new Random(1);
    expect(new Set(Array.from({ length: 500 }, () => rng.pick(['x', 'y', 'z']))).size).toBe(3);
    const hits = Array.from({ length: 2000 }, () => rng.chance(0.25)).filter(Boolean).length;
    expect(hits).toBeGreaterThan(400);
    expect(hits).toBeLessThan(600);
  });
});

describe('seedTenantData', () => {
  it('reports what it wrote', async () => {
    expect(result.customers).toBe(BASE.customers);
    expect(result.customerIds).toHaveLength(BASE.customers);
    expect(result.customerIds[0]).toBe('cus_0001');
    expect(data.customers).toHaveLength(result.customers);
    expect(data.invoices).toHaveLength(result.invoices);
    expect(data.payments).toHaveLength(result.payments);
    expect(data.creditNotes).toHaveLength(result.creditNotes);
    expect(data.salesOrders).toHaveLength(result.salesOrders);
    expect(data.schedules).toHaveLength(result.schedules);
    // Roughly monthly over the years, per customer.
    expect(result.invoices).toBeGreaterThan(BASE.customers * BASE.years * 12 * 0.8);
  });

  it('is deterministic: same seed, same rows; another seed, other rows', async () => {
    const a = await digest(db, 'a');
    expect(await digest(db, 'b')).toBe(a);
    expect(await digest(db, 'd')).toBe(a); // written with parallel chunks
    expect(await digest(db, 'c', 'invoices')).not.toBe(await digest(db, 'a', 'invoices'));
    expect(await digest(db, 'c', 'payments')).not.toBe(await digest(db, 'a', 'payments'));
  });

  it('keeps invoice totals consistent with their lines', () => {
    const lines = groupBy(data.invoiceLines, 'invoice_id');
    for (const invoice of data.invoices) {
      const own = lines.get(invoice.id) ?? [];
      expect(own.length).toBeGreaterThanOrEqual(1);
      expect(own.length).toBeLessThanOrEqual(6);
      expect(own.map((line) => line.position)).toEqual(own.map((_, k) => k + 1));
      for (const line of own) {
        expect(line.amount).toBe(Math.round(line.quantity * line.unit_price));
        expect(line.tax_amount).toBe(line.tax_rate ? Math.round((line.amount * line.tax_rate) / 100) : 0);
      }
      expect(invoice.subtotal).toBe(sum(own));
      expect(invoice.tax).toBe(sum(own, 'tax_amount'));
      expect(invoice.total).toBe(invoice.subtotal + invoice.tax);
      expect(invoice.total).toBeGreaterThan(0);
    }
  });

  it('keeps every money invariant', () => {
    const invoices = new Map(data.invoices.map((invoice) => [invoice.id, invoice]));
    const payments = new Map(data.payments.map((payment) => [payment.id, payment]));
    const notes = new Map(data.creditNotes.map((note) => [note.id, note]));
    const paidTo = groupBy(data.paymentAllocations, 'invoice_id');
    const creditedTo = groupBy(data.creditAllocations, 'invoice_id');
    for (const invoice of data.invoices) {
      const paid = sum(paidTo.get(invoice.id));
      const credited = sum(creditedTo.get(invoice.id));
      expect(invoice.amount_paid).toBe(paid);
      expect(invoice.amount_credited).toBe(credited);
      expect(invoice.balance).toBe(invoice.is_void ? 0 : invoice.total - paid - credited);
      expect(invoice.balance).toBeGreaterThanOrEqual(0);
      if (invoice.is_void) expect(paid + credited).toBe(0);
    }
    const byPayment = groupBy(data.paymentAllocations, 'payment_id');
    for (const payment of data.payments) {
      expect(payment.amount_applied).toBe(sum(byPayment.get(payment.id)));
      expect(payment.amount_applied).toBeLessThanOrEqual(payment.amount);
      expect(payment.amount).toBeGreaterThan(0);
      expect(dayOf(payment.date)).toBeLessThanOrEqual(todayDay);
      expect(['card', 'bank_transfer', 'direct_debit', 'cash', 'check', 'wallet', 'other']).toContain(payment.method);
    }
    const byNote = groupBy(data.creditAllocations, 'credit_note_id');
    for (const note of data.creditNotes) {
      expect(note.amount_applied).toBe(sum(byNote.get(note.id)));
      expect(note.amount_applied).toBeLessThanOrEqual(note.amount);
      expect(dayOf(note.date)).toBeLessThanOrEqual(todayDay);
    }
    const checkAllocation = (allocation: Row, owner: Row) => {
      const invoice = invoices.get(allocation.invoice_id)!;
      expect(invoice.customer_id).toBe(owner.customer_id);
      expect(invoice.currency).toBe(owner.currency);
      expect(invoice.is_void).toBe(false);
      expect(allocation.amount).toBeGreaterThan(0);
      expect(allocation.applied_on).toBe(owner.date > invoice.issue_date ? owner.date : invoice.issue_date);
      expect(dayOf(allocation.applied_on)).toBeLessThanOrEqual(todayDay);
    };
    for (const allocation of data.paymentAllocations) checkAllocation(allocation, payments.get(allocation.payment_id)!);
    for (const allocation of data.creditAllocations) checkAllocation(allocation, notes.get(allocation.credit_note_id)!);
  });

  it('dates invoices by the customer terms and never after today', () => {
    const customers = new Map(data.customers.map((customer) => [customer.id, customer]));
    for (const invoice of data.invoices) {
      const terms = Number(/^NET(\d+)$/.exec(customers.get(invoice.customer_id)!.billing_terms)![1]);
      expect(dayOf(invoice.due_date) - dayOf(invoice.issue_date)).toBe(terms);
      expect(dayOf(invoice.issue_date)).toBeLessThanOrEqual(todayDay);
    }
    // Ids and numbers are unique in the tenant.
    expect(new Set(data.invoices.map((invoice) => invoice.number)).size).toBe(data.invoices.length);
    expect(new Set(data.creditNotes.map((note) => note.number)).size).toBe(data.creditNotes.length);
    expect(new Set(data.salesOrders.map((order) => order.number)).size).toBe(data.salesOrders.length);
    expect(data.invoices[0]!.id).toMatch(/^inv_\d{4}_\d{4}$/);
    expect(data.invoices[0]!.number).toMatch(/^INV-\d{5}$/);
  });

  it('gives customers a full profile and 1–4 contacts with one primary', () => {
    const contacts = groupBy(data.contacts, 'customer_id');
    for (const customer of data.customers) {
      expect(customer.email).toMatch(/^[a-z0-9.-]+@[a-z0-9.-]+\.example$/);
      expect(customer.phone).toMatch(/^\+?[0-9 ().-]{3,32}$/);
      expect(customer.address).toMatchObject({ line1: expect.any(String), city: expect.any(String), country: expect.stringMatching(/^[A-Z]{2}$/) });
      expect(customer.address).toHaveProperty('postalCode');
      expect(customer.account_manager).toMatchObject({ name: expect.any(String), email: expect.any(String), phone: expect.any(String) });
      expect(customer.billing_terms).toMatch(/^NET(15|30|45|60)$/);
      expect(customer.billing_cycle).toMatch(/^Monthly on the \d+(st|nd|rd|th)$/);
      expect(customer.customer_since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const own = contacts.get(customer.id) ?? [];
      expect(own.length).toBeGreaterThanOrEqual(1);
      expect(own.length).toBeLessThanOrEqual(4);
      expect(own.filter((contact) => contact.is_primary)).toHaveLength(1);
    }
    const names = data.customers.map((customer) => customer.name);
    expect(names).toEqual(expect.arrayContaining(['Müller GmbH', 'Ωμέγα Α.Ε.', 'ООО Ромашка']));
    expect(new Set(names).size).toBe(names.length);
  });

  it('has USD/EUR/GBP customers, one in JPY and one in KWD, amounts scaled to each currency', () => {
    const currencies = data.customers.map((customer) => customer.currency);
    expect(currencies.filter((currency) => currency === 'JPY')).toHaveLength(1);
    expect(currencies.filter((currency) => currency === 'KWD')).toHaveLength(1);
    expect(currencies.filter((currency) => ['USD', 'EUR', 'GBP'].includes(currency)).length).toBe(BASE.customers - 2);
    // Amounts are in each currency's minor units: the same item costs about the same in
    // US dollars everywhere (customers' prices differ by at most ~2.3×), so an exponent
    // mistake (×10, ×100) stands out. Approximate rates, per major unit.
    const usdPer: Record<string, number> = { USD: 1, EUR: 1 / 0.92, GBP: 1 / 0.79, JPY: 1 / 150, KWD: 1 / 0.307 };
    const exponent: Record<string, number> = { USD: 2, EUR: 2, GBP: 2, JPY: 0, KWD: 3 };
    const invoices = new Map(data.invoices.map((invoice) => [invoice.id, invoice]));
    const recent = (line: Row) => dayOf(invoices.get(line.invoice_id)!.issue_date) > todayDay - 730;
    const priceOf = (line: Row) => {
      const currency = invoices.get(line.invoice_id)!.currency;
      return (line.unit_price / 10 ** exponent[currency]!) * usdPer[currency]!;
    };
    const item = (line: Row) => line.description.replace(/ — [A-Z][a-z]+ \d{4}$/, '');
    const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
    const pricesBy = (currencies: string[]) => {
      const map = new Map<string, number[]>();
      for (const line of data.invoiceLines) {
        if (line.unit_price <= 0 || !recent(line) || !currencies.includes(invoices.get(line.invoice_id)!.currency)) continue;
        map.set(item(line), [...(map.get(item(line)) ?? []), priceOf(line)]);
      }
      return map;
    };
    const reference = pricesBy(['USD', 'EUR', 'GBP']);
    for (const currency of ['JPY', 'KWD']) {
      const shared = [...pricesBy([currency])].filter(([description]) => reference.has(description));
      expect(shared.length).toBeGreaterThan(0);
      for (const [description, prices] of shared) {
        const ratio = median(prices) / median(reference.get(description)!);
        expect(ratio, `${currency} ${description}`).toBeGreaterThan(0.33);
        expect(ratio, `${currency} ${description}`).toBeLessThan(3);
      }
    }
    // A customer invoiced in two currencies, paying each in its own.
    const perCustomer = groupBy(data.invoices, 'customer_id');
    const multi = [...perCustomer.values()].filter((rows) => new Set(rows.map((row) => row.currency)).size > 1);
    expect(multi.length).toBeGreaterThanOrEqual(1);
  });

  it('has every payment behaviour', () => {
    const invoices = new Map(data.invoices.map((invoice) => [invoice.id, invoice]));
    const payments = new Map(data.payments.map((payment) => [payment.id, payment]));
    const allocationsOf = groupBy(data.paymentAllocations, 'payment_id');
    const onTime = data.paymentAllocations.filter((a) => payments.get(a.payment_id)!.date <= invoices.get(a.invoice_id)!.due_date);
    const late = data.paymentAllocations.filter((a) => payments.get(a.payment_id)!.date > invoices.get(a.invoice_id)!.due_date);
    expect(onTime.length).toBeGreaterThan(late.length);
    expect(late.length).toBeGreaterThan(0);
    // Partial: paid in more than one payment, or paid in part with a balance left.
    const paymentsPerInvoice = groupBy(data.paymentAllocations, 'invoice_id');
    expect([...paymentsPerInvoice.values()].some((rows) => rows.length > 1)).toBe(true);
    expect(data.invoices.some((invoice) => invoice.amount_paid > 0 && invoice.balance > 0)).toBe(true);
    // Over-payment: applied in full to its invoice, with a remainder left unapplied.
    expect(data.payments.some((payment) => payment.amount_applied > 0 && payment.amount > payment.amount_applied)).toBe(true);
    // One payment for several invoices.
    expect([...allocationsOf.values()].some((rows) => rows.length >= 2)).toBe(true);
    // Void invoices, and old invoices never paid.
    expect(data.invoices.filter((invoice) => invoice.is_void).length).toBeGreaterThanOrEqual(1);
    expect(
      data.invoices.some((invoice) => !invoice.is_void && invoice.amount_paid === 0 && invoice.balance > 0 && dayOf(invoice.due_date) < todayDay - 365),
    ).toBe(true);
  });

  it('has customers overdue in every aging bucket and a customer fully current', () => {
    const buckets = (rows: Row[]) => {
      const out = { d1to30: 0, d31to60: 0, d61to90: 0, d90plus: 0 };
      for (const invoice of rows) {
        if (invoice.is_void || invoice.balance <= 0) continue;
        const late = todayDay - dayOf(invoice.due_date);
        if (late >= 1 && late <= 30) out.d1to30 += invoice.balance;
        else if (late >= 31 && late <= 60) out.d31to60 += invoice.balance;
        else if (late >= 61 && late <= 90) out.d61to90 += invoice.balance;
        else if (late > 90) out.d90plus += invoice.balance;
      }
      return out;
    };
    const perCustomer = [...groupBy(data.invoices, 'customer_id').entries()].map(([id, rows]) => ({ id, ...buckets(rows) }));
    const everywhere = perCustomer.filter((c) => c.d1to30 > 0 && c.d31to60 > 0 && c.d61to90 > 0 && c.d90plus > 0);
    expect(everywhere.map((c) => c.id)).toContain('cus_0002');
    const current = perCustomer.filter((c) => c.d1to30 + c.d31to60 + c.d61to90 + c.d90plus === 0);
    expect(current.map((c) => c.id)).toContain('cus_0001');
  });

  it('has credit notes applied, partly applied and unapplied', () => {
    const notes = data.creditNotes;
    expect(notes.some((note) => note.amount_applied === note.amount)).toBe(true);
    expect(notes.some((note) => note.amount_applied > 0 && note.amount_applied < note.amount)).toBe(true);
    expect(notes.some((note) => note.amount_applied === 0)).toBe(true);
  });

  it('has sales orders in every status, billed over several invoices', () => {
    const lines = groupBy(data.salesOrderLines, 'sales_order_id');
    const billed = groupBy(data.invoices.filter((invoice) => invoice.sales_order_id), 'sales_order_id');
    for (const order of data.salesOrders) {
      expect(order.total).toBe(sum(lines.get(order.id)));
      expect(['open', 'in_progress', 'completed', 'cancelled']).toContain(order.status);
      expect(order.service_period_end >= order.service_period_start).toBe(true);
      expect(dayOf(order.order_date)).toBeLessThanOrEqual(todayDay);
      for (const invoice of billed.get(order.id) ?? []) {
        expect(invoice.customer_id).toBe(order.customer_id);
        expect(invoice.currency).toBe(order.currency);
        expect(invoice.issue_date >= order.service_period_start && invoice.issue_date <= order.service_period_end).toBe(true);
      }
      if (order.status === 'open') expect(billed.get(order.id)).toBeUndefined();
      if (order.status === 'completed') {
        // Every ordered line was billed: the billed lines add up to the order.
        const billedAmount = (billed.get(order.id) ?? []).reduce((total, invoice) => {
          const own = data.invoiceLines.filter((line) => line.invoice_id === invoice.id);
          const fromOrder = own.filter((line) => (lines.get(order.id) ?? []).some((ordered) => line.description.startsWith(ordered.description.split(' — ')[0])));
          return total + sum(fromOrder);
        }, 0);
        expect(billedAmount).toBe(order.total);
      }
    }
    expect(new Set(data.salesOrders.map((order) => order.status))).toEqual(new Set(['open', 'in_progress', 'completed', 'cancelled']));
    expect([...billed.values()].some((rows) => rows.length >= 2)).toBe(true);
  });

  it('has payment plans, billing arrangements and service visits', () => {
    const items = groupBy(data.scheduleItems, 'schedule_id');
    const kinds = groupBy(data.schedules, 'kind');
    expect([...kinds.keys()].sort()).toEqual(['billing_arrangement', 'payment_plan', 'service']);
    for (const schedule of data.schedules) {
      const own = items.get(schedule.id) ?? [];
      expect(own.length).toBeGreaterThan(0);
      for (const item of own) {
        expect(['scheduled', 'done', 'missed', 'cancelled']).toContain(item.status);
        if (item.amount !== null) expect(schedule.currency).not.toBeNull();
        if (item.window_start !== null) {
          expect(item.window_start).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
          expect(item.window_end).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
          expect(item.window_end > item.window_start).toBe(true);
        }
      }
    }
    const statusesOf = (kind: string) => new Set((kinds.get(kind) ?? []).flatMap((schedule) => (items.get(schedule.id) ?? []).map((item) => item.status)));
    const plans = (kinds.get('payment_plan') ?? []).flatMap((schedule) => items.get(schedule.id) ?? []);
    expect(statusesOf('payment_plan')).toEqual(new Set(['done', 'missed', 'scheduled']));
    expect(plans.filter((item) => item.status === 'scheduled').every((item) => dayOf(item.date) >= todayDay)).toBe(true);
    expect(plans.every((item) => item.amount > 0)).toBe(true);
    const arrangements = (kinds.get('billing_arrangement') ?? []).flatMap((schedule) => items.get(schedule.id) ?? []);
    expect(arrangements.filter((item) => dayOf(item.date) > todayDay).length).toBeGreaterThanOrEqual(6);
    const visits = (kinds.get('service') ?? []).flatMap((schedule) => items.get(schedule.id) ?? []);
    expect(statusesOf('service')).toEqual(new Set(['scheduled', 'done', 'missed', 'cancelled']));
    expect(visits.every((item) => item.window_start !== null && item.amount === null)).toBe(true);
  });

  it('handles a single customer and a short history', async () => {
    const tiny = await seedTenantData(db, { tenantId: 'tiny', customers: 1, years: 0.25, seed: 3, today: '2024-02-29' });
    expect(tiny.customers).toBe(1);
    expect(tiny.invoices).toBeGreaterThanOrEqual(3);
    const invoices = await rowsOf(db, 'tiny', 'invoices', 'id');
    expect(invoices.every((invoice) => invoice.issue_date <= '2024-02-29')).toBe(true);
  });

  it('rejects bad options', async () => {
    await expect(seedTenantData(db, { tenantId: 'tiny', customers: 1, years: 1, seed: 1, today: '2026-02-30' })).rejects.toThrow(RangeError);
    await expect(seedTenantData(db, { tenantId: 'tiny', customers: -1, years: 1, seed: 1, today: TODAY })).rejects.toThrow(RangeError);
  });
});
