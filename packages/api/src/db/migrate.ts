import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as initialSchema from './migrations/2026_11_22_0001_initial_schema.ts';
import * as voidInvoicesOweNothing from './migrations/2026_11_22_0002_void_invoices_owe_nothing.ts';
import * as changeEvents from './migrations/2026_11_22_0003_change_events.ts';
import * as customerTotals from './migrations/2026_11_22_0004_customer_totals.ts';

/**
 * Migrations are imported statically (not read from a folder at run time) so that the
 * same list works from source, from a bundle and in tests. Add new ones at the end.
 */
const migrations: Record<string, Migration> = {
  '2026_11_22_0001_initial_schema': initialSchema,
  '2026_11_22_0002_void_invoices_owe_nothing': voidInvoicesOweNothing,
  '2026_11_22_0003_change_events': changeEvents,
  '2026_11_22_0004_customer_totals': customerTotals,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
