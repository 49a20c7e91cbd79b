/**
 * `npm run db:seed -- [--customers N] [--years Y | --invoices-per-customer K] [--seed S] [--tenant ID]
 *                    [--concurrency C] [--today YYYY-MM-DD] [--reset]`
 *
 * Fills a tenant with deterministic demo data (see src/seed/generate.ts for what it holds):
 * the same --seed, sizes and --today always give the same rows. Creates the tenant
 * (default `demo`) when it does not exist. Uses DATABASE_URL (PostgreSQL) when set,
 * else PGlite in SSP_DATA_DIR (default .data/pglite).
 *
 * Sizes: every customer is invoiced monthly over --years years ending today (fractional
 * years work: 2.5 = 30 months), plus a few one-off invoices. --invoices-per-customer K
 * is the same thing counted in invoices (years = K / 12), so these are equivalent:
 *   npm run db:seed -- --customers 1000 --years 84
 *   npm run db:seed -- --customers 1000 --invoices-per-customer 1000
 * and write about a million invoices (plus ~3.5 lines each, a payment and an allocation
 * each). Memory stays flat: customers are generated and written a chunk at a time, with
 * 1000-row INSERTs. On PostgreSQL, --concurrency chunks (default 4) are written in
 * parallel, each in its own transaction; PGlite has one connection, so 1 there.
 *
 * --reset deletes the tenant's existing customers and everything they own first;
 * without it, seeding a tenant that already has customers is refused.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { type Kysely, sql } from 'kysely';
import { openDatabase } from '../db/connect.ts';
import type { Database } from '../db/database.ts';
import { seedTenantData } from '../seed/generate.ts';

const usage =
  'usage: npm run db:seed -- [--customers N] [--years Y | --invoices-per-customer K] [--seed S] [--tenant ID] [--concurrency C] [--today YYYY-MM-DD] [--reset]';

function fail(message: string): never {
  console.error(message);
  console.error(usage);
  process.exit(2);
}

function numberOption(value: string | undefined, name: string, fallback: number, check: (n: number) => boolean): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || !check(parsed)) fail(`--${name}: bad value "${value}"`);
  return parsed;
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      customers: { type: 'string' },
      years: { type: 'string' },
      'invoices-per-customer': { type: 'string' },
      seed: { type: 'string' },
      tenant: { type: 'string', default: 'demo' },
      concurrency: { type: 'string' },
      today: { type: 'string' },
      reset: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const { values } = parsed;
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const customers = numberOption(values.customers, 'customers', 5, (n) => Number.isInteger(n) && n >= 0);
if (values.years !== undefined && values['invoices-per-customer'] !== undefined) fail('give --years or --invoices-per-customer, not both');
const years =
  values['invoices-per-customer'] !== undefined
    ? numberOption(values['invoices-per-customer'], 'invoices-per-customer', 60, (n) => Number.isInteger(n) && n >= 1 && n <= 2400) / 12
    : numberOption(values.years, 'years', 5, (n) => n > 0 && n <= 200);
const seed = numberOption(values.seed, 'seed', 1, (n) => Number.isSafeInteger(n));
const tenantId = values.tenant;
if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/.test(tenantId)) fail(`--tenant: bad id "${tenantId}"`);
const today = values.today ?? new Date().toISOString().slice(0, 10);
if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`))) fail(`--today: bad date "${today}"`);

const databaseUrl = process.env.DATABASE_URL || undefined;
const concurrency = numberOption(values.concurrency, 'concurrency', databaseUrl ? 4 : 1, (n) => Number.isInteger(n) && n >= 1 && n <= 32);
const database = await openDatabase({
  url: databaseUrl,
  dataDir: process.env.SSP_DATA_DIR || '.data/pglite',
  poolSize: concurrency + 1,
});

/** Children before parents. */
const OWNED_TABLES = [
  'schedule_items', 'schedules', 'credit_allocations', 'credit_notes', 'payment_allocations', 'payments',
  'invoice_lines', 'invoices', 'sales_order_lines', 'sales_orders', 'contacts', 'customers',
] as const;

async function resetTenant(db: Kysely<Database>, tenant: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // A large tenant takes longer than the pool's per-statement timeout to delete.
    await sql`set local statement_timeout = 0`.execute(trx);
    for (const table of OWNED_TABLES) await trx.deleteFrom(table).where('tenant_id', '=', tenant).execute();
  });
}

let bar: cliProgress.SingleBar | undefined;
try {
  const { db } = database;
  const existing = await db.selectFrom('tenants').select('id').where('id', '=', tenantId).executeTakeFirst();
  if (!existing) {
    await db
      .insertInto('tenants')
      .values({
        id: tenantId,
        name: 'Demo tenant',
        session_secret: randomBytes(32).toString('base64url'),
        allowed_origins: JSON.stringify([]),
        settings: JSON.stringify({ profileEditable: true }),
      })
      .execute();
    console.log(`created tenant ${tenantId}`);
  }
  const has = await db.selectFrom('customers').select('id').where('tenant_id', '=', tenantId).limit(1).executeTakeFirst();
  if (has) {
    if (!values.reset) {
      console.error(`tenant ${tenantId} already has customers; pass --reset to replace its data, or choose another --tenant`);
      process.exitCode = 1;
    } else {
      const started = performance.now();
      await resetTenant(db, tenantId);
      console.log(`deleted the existing data of tenant ${tenantId} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  }

  if (process.exitCode !== 1) {
    const months = Math.max(1, Math.round(years * 12));
    const approxInvoices = customers * months;
    const target = databaseUrl ? 'PostgreSQL' : `PGlite (${process.env.SSP_DATA_DIR || '.data/pglite'})`;
    console.log(
      `seeding tenant ${tenantId} on ${target}: ${customers} customers × ${months} months (≈${approxInvoices.toLocaleString('en')} invoices), seed ${seed}, today ${today}, concurrency ${concurrency}`,
    );
    const long = approxInvoices >= 50_000;
    if (process.stdout.isTTY || long) {
      bar = new cliProgress.SingleBar(
        {
          format: 'seeding [{bar}] {percentage}% | {value}/{total} customers | {duration_formatted} elapsed | ETA {eta_formatted}',
          stream: process.stdout,
          hideCursor: true,
          noTTYOutput: !process.stdout.isTTY,
          notTTYSchedule: 5_000,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(customers, 0);
    }
    const started = performance.now();
    const result = await seedTenantData(db, {
      tenantId,
      customers,
      years,
      seed,
      today,
      concurrency,
      onProgress: (done) => bar?.update(done),
    });
    bar?.stop();
    bar = undefined;
    const seconds = (performance.now() - started) / 1000;
    console.log(`customers:     ${result.customers.toLocaleString('en')}`);
    console.log(`invoices:      ${result.invoices.toLocaleString('en')}`);
    console.log(`payments:      ${result.payments.toLocaleString('en')}`);
    console.log(`credit notes:  ${result.creditNotes.toLocaleString('en')}`);
    console.log(`sales orders:  ${result.salesOrders.toLocaleString('en')}`);
    console.log(`schedules:     ${result.schedules.toLocaleString('en')}`);
    console.log(`elapsed:       ${seconds.toFixed(1)} s (${Math.round(result.invoices / Math.max(seconds, 0.001)).toLocaleString('en')} invoices/s)`);
    if (result.customerIds.length) console.log(`first customer: ${result.customerIds[0]}`);
  }
} catch (error) {
  bar?.stop();
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
