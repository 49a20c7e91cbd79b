import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../db/connect.ts';
import { seedTenantData } from '../seed/generate.ts';
import { BENCH_TENANT } from './bench-tenant.ts';
import { LARGE_ACCOUNT_ID, insertLargeAccount } from './large-account.ts';

export interface BenchSize {
  customers: number;
  invoicesPerCustomer: number;
  /** Invoices of the large account (see large-account.ts). */
  largeAccount: number;
}

export interface PreparedDatabase {
  url: string;
  database: DatabaseHandle;
  /** Seconds the seeding took, when this run seeded; undefined when the data was there. */
  seededSeconds: number | undefined;
  invoices: number;
  bytes: number;
}

/** `postgres://…/postgres` → `postgres://…/<name>`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The bench database `name` on the server of `serverUrl`: created when missing, migrated,
 * and seeded when its bench tenant has no customers (seed generator for the many
 * customers, then the large account), then analysed. A database that is already there is
 * reused as it is, so only the first run pays for the million invoices.
 */
export async function prepareDatabase(serverUrl: string, name: string, size: BenchSize, today: string, log: (line: string) => void): Promise<PreparedDatabase> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) {
      log(`creating database ${name}`);
      await admin.query(`create database "${name.replaceAll('"', '""')}"`);
    }
  } finally {
    await admin.end();
  }
  const url = databaseUrl(serverUrl, name);
  const database = await openDatabase({ url, poolSize: 5 });
  const { db } = database;
  let seededSeconds: number | undefined;
  const tenant = await db.selectFrom('tenants').select('id').where('id', '=', BENCH_TENANT).executeTakeFirst();
  if (!tenant) {
    await db
      .insertInto('tenants')
      .values({ id: BENCH_TENANT, name: 'Benchmark tenant', session_secret: randomBytes(32).toString('base64url'), allowed_origins: JSON.stringify([]), settings: JSON.stringify({}) })
      .execute();
  }
  const seeded = await db.selectFrom('customers').select('id').where('tenant_id', '=', BENCH_TENANT).limit(1).executeTakeFirst();
  if (!seeded) {
    log(`seeding ${size.customers.toLocaleString('en')} customers × ${size.invoicesPerCustomer} invoices and a large account of ${size.largeAccount.toLocaleString('en')} into ${name}…`);
    const started = performance.now();
    await seedTenantData(db, { tenantId: BENCH_TENANT, customers: size.customers, years: size.invoicesPerCustomer / 12, seed: 1, today, concurrency: 4 });
    await insertLargeAccount(db, { tenantId: BENCH_TENANT, invoices: size.largeAccount, today });
    seededSeconds = (performance.now() - started) / 1000;
    await sql`analyze`.execute(db);
  } else {
    const large = await db.selectFrom('customers').select('id').where('tenant_id', '=', BENCH_TENANT).where('id', '=', LARGE_ACCOUNT_ID).executeTakeFirst();
    if (!large) {
      await insertLargeAccount(db, { tenantId: BENCH_TENANT, invoices: size.largeAccount, today });
      await sql`analyze`.execute(db);
    }
  }
  const counted = await db.selectFrom('invoices').select((eb) => eb.fn.countAll<number>().as('count')).where('tenant_id', '=', BENCH_TENANT).executeTakeFirstOrThrow();
  const bytes = await sql<{ size: number }>`select pg_database_size(current_database()) as size`.execute(db);
  return { url, database, seededSeconds, invoices: counted.count, bytes: bytes.rows[0]!.size };
}
