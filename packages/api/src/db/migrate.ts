import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import * as initialSchema from './migrations/2026_11_22_0001_initial_schema.ts';
import * as voidInvoicesOweNothing from './migrations/2026_11_22_0002_void_invoices_owe_nothing.ts';
import * as changeEvents from './migrations/2026_11_22_0003_change_events.ts';
import * as customerTotals from './migrations/2026_11_22_0004_customer_totals.ts';
import * as customerMonthly from './migrations/2026_11_22_0005_customer_monthly.ts';

/**
 * Migrations are imported statically (not read from a folder at run time) so that the
 * same list works from source, from a bundle and in tests. Add new ones at the end.
 */
const migrations: Record<string, Migration> = {
  '2026_11_22_0001_initial_schema': initialSchema,
  '2026_11_22_0002_void_invoices_owe_nothing': voidInvoicesOweNothing,
  '2026_11_22_0003_change_events': changeEvents,
  '2026_11_22_0004_customer_totals': customerTotals,
  '2026_11_22_0005_customer_monthly': customerMonthly,
};

/** Our own advisory lock key for migrations (an arbitrary constant; Kysely's is another). */
const MIGRATION_LOCK = 7_395_012_883;

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the schema up to date; throws with the failing migration's name.
 *
 * Everything runs in one transaction that we open ourselves on one connection, Kysely's
 * migration lock included. Left to itself, Kysely takes a session-level advisory lock
 * outside its transaction: behind a pooler in transaction mode (PgBouncer) the lock and
 * the unlock can land on different server connections, leaving the lock held by a pooled
 * connection and the next process's start waiting on it. Inside one transaction every
 * statement has the same server connection.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return db.connection().execute(async (connection) => {
    await sql`begin`.execute(connection);
    // The pool's statement_timeout (15 s) is for requests: a migration that fills a new
    // table from a million existing rows may take longer, and must not fail the start.
    await sql`set local statement_timeout = 0`.execute(connection);
    // Before Kysely creates its own tables: two processes starting at once on an empty
    // database would otherwise both try, and the loser's transaction would be aborted.
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(connection);
    const { error, results } = await new Migrator({ db: connection, provider, disableTransactions: true }).migrateToLatest().catch((thrown: unknown) => ({
      error: thrown,
      results: undefined,
    }));
    const failed = results?.find((result) => result.status === 'Error');
    if (error) {
      await sql`rollback`.execute(connection);
      throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    await sql`commit`.execute(connection);
    return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
  });
}
