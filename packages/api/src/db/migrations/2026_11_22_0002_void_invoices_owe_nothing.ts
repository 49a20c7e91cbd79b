/**
 * A void invoice owes nothing: its balance is 0, not its total. Keeping that in the
 * generated column (rather than in each query) makes sorting and summing by balance
 * agree with what the API shows. Frozen: change the schema with a new migration.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('invoices_customer_open_due_date').execute();
  await db.schema.alterTable('invoices').dropColumn('balance').execute();
  await db.schema
    .alterTable('invoices')
    .addColumn('balance', 'bigint', (col) =>
      col.notNull().generatedAlwaysAs(sql`case when is_void then 0 else total - amount_paid - amount_credited end`).stored(),
    )
    .execute();
  // As before: the open balances the summary reads, small however long the history is.
  await db.schema
    .createIndex('invoices_customer_open_due_date')
    .on('invoices')
    .columns(['tenant_id', 'customer_id', 'due_date'])
    .where(sql.ref('balance'), '>', 0)
    .where(sql.ref('is_void'), '=', false)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('invoices_customer_open_due_date').execute();
  await db.schema.alterTable('invoices').dropColumn('balance').execute();
  await db.schema
    .alterTable('invoices')
    .addColumn('balance', 'bigint', (col) => col.notNull().generatedAlwaysAs(sql`total - amount_paid - amount_credited`).stored())
    .execute();
  await db.schema
    .createIndex('invoices_customer_open_due_date')
    .on('invoices')
    .columns(['tenant_id', 'customer_id', 'due_date'])
    .where(sql.ref('balance'), '>', 0)
    .where(sql.ref('is_void'), '=', false)
    .execute();
}
