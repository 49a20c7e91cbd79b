/**
 * `customer_monthly`: per customer, currency and calendar month, what was invoiced (void
 * invoices excluded) and what was paid. Frozen: change the schema with a new migration.
 *
 * The account summary's 12-month chart summed every invoice and payment of the last year
 * on each request: about 500 of each, two bitmap scans, for the bench's large account,
 * most of the cost of the summary. Kept here, the chart reads 11 rows per currency for the
 * closed months; the current month is still summed from the invoices and payments
 * themselves, up to today, so an invoice dated later this month is not counted early.
 *
 * Kept like `customer_totals` (0004): statement-level triggers with transition tables,
 * in the same transaction as the write, whoever writes. An UPDATE adds its new rows and
 * takes away its old ones, so a voided invoice or a moved payment date moves its amount.
 * Updates that change no month's figures (allocations updating `amount_paid`, the most
 * common write) skip the upsert.
 */
import { type Kysely, sql } from 'kysely';

/** Per source table: the month a row falls in, and its amounts. */
const SOURCES = {
  invoices: { month: 'issue_date', invoiced: 'case when is_void then 0 else total end', paid: '0' },
  payments: { month: 'date', invoiced: '0', paid: 'amount' },
} as const;

function triggerFunction(table: keyof typeof SOURCES): string {
  const { month, invoiced, paid } = SOURCES[table];
  const delta = (from: string) => `
      insert into customer_monthly as t (tenant_id, customer_id, currency, month, invoiced, paid)
      select tenant_id, customer_id, currency, date_trunc('month', ${month})::date, sum(sign * (${invoiced})), sum(sign * (${paid}))
      from (${from}) as changed
      group by tenant_id, customer_id, currency, date_trunc('month', ${month})::date
      having sum(sign * (${invoiced})) <> 0 or sum(sign * (${paid})) <> 0
      on conflict (tenant_id, customer_id, currency, month) do update set
        invoiced = t.invoiced + excluded.invoiced,
        paid = t.paid + excluded.paid`;
  return `
    create function customer_monthly_${table}() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then${delta('select *, 1 as sign from new_rows')};
      elsif tg_op = 'DELETE' then${delta('select *, -1 as sign from old_rows')};
      else${delta('select *, 1 as sign from new_rows union all select *, -1 as sign from old_rows')};
      end if;
      return null;
    end $$`;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('customer_monthly')
    .addColumn('tenant_id', 'text', (col) => col.notNull())
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('currency', 'char(3)', (col) => col.notNull())
    // The first day of the month.
    .addColumn('month', 'date', (col) => col.notNull())
    .addColumn('invoiced', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('paid', 'bigint', (col) => col.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('customer_monthly_pkey', ['tenant_id', 'customer_id', 'currency', 'month'])
    .addForeignKeyConstraint('customer_monthly_customer_fkey', ['tenant_id', 'customer_id'], 'customers', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();

  for (const name of Object.keys(SOURCES) as (keyof typeof SOURCES)[]) {
    const { month, invoiced, paid } = SOURCES[name];
    // What is there already, then the triggers for what comes.
    await sql
      .raw(
        `insert into customer_monthly (tenant_id, customer_id, currency, month, invoiced, paid)
         select tenant_id, customer_id, currency, date_trunc('month', ${month})::date, sum(${invoiced}), sum(${paid})
         from ${name} group by tenant_id, customer_id, currency, date_trunc('month', ${month})::date
         on conflict (tenant_id, customer_id, currency, month) do update set
           invoiced = customer_monthly.invoiced + excluded.invoiced, paid = customer_monthly.paid + excluded.paid`,
      )
      .execute(db);
    await sql.raw(triggerFunction(name)).execute(db);
    await sql.raw(`create trigger ${name}_monthly_insert after insert on ${name} referencing new table as new_rows for each statement execute function customer_monthly_${name}()`).execute(db);
    await sql
      .raw(`create trigger ${name}_monthly_update after update on ${name} referencing old table as old_rows new table as new_rows for each statement execute function customer_monthly_${name}()`)
      .execute(db);
    await sql.raw(`create trigger ${name}_monthly_delete after delete on ${name} referencing old table as old_rows for each statement execute function customer_monthly_${name}()`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of Object.keys(SOURCES)) {
    for (const event of ['insert', 'update', 'delete']) await sql.raw(`drop trigger ${name}_monthly_${event} on ${name}`).execute(db);
    await sql.raw(`drop function customer_monthly_${name}()`).execute(db);
  }
  await db.schema.dropTable('customer_monthly').execute();
}
