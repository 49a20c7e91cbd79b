/**
 * Reads that do not grow with a customer's history. Frozen: change the schema with a new
 * migration.
 *
 * `customer_totals`: per customer and currency, the all-time count and sums of invoices,
 * payments and credit notes, kept by statement-level triggers in the same transaction as
 * the writes that change them (so they can never disagree with the rows, whoever writes:
 * ingest, the seed generator, a host's own SQL). The summary reads its all-time figures
 * here; the lists' totals of an unfiltered list come from here; a statement's opening
 * balance is these totals minus what happened since its start. Without them, each of
 * those read every invoice or payment the customer ever had: tens of milliseconds for a
 * 15,000-invoice account, on every page.
 *
 * Statement-level triggers with transition tables aggregate a whole multi-row INSERT
 * into one update per customer and currency, so bulk ingest and seeding pay once per
 * statement, not once per row. All writes to one customer's totals row serialise on it,
 * as writes to one customer's invoices already mostly do (allocations lock them).
 *
 * The allocations' date indexes serve the statement's aging at a past date: invoices
 * open then are those open now plus those something was applied to after that date.
 */
import { type Kysely, sql } from 'kysely';

/** Per source table: the totals' columns it feeds, and each column's value for one row. */
const SOURCES = {
  invoices: {
    count: 'invoice_count',
    sums: {
      invoice_total: 'total',
      invoice_balance: 'balance',
      void_count: 'case when is_void then 1 else 0 end',
      void_total: 'case when is_void then total else 0 end',
    },
  },
  payments: { count: 'payment_count', sums: { payment_amount: 'amount', payment_applied: 'amount_applied' } },
  credit_notes: { count: 'credit_count', sums: { credit_amount: 'amount', credit_applied: 'amount_applied' } },
} as const;

const COLUMNS = [
  'invoice_count', 'invoice_total', 'invoice_balance', 'void_count', 'void_total',
  'payment_count', 'payment_amount', 'payment_applied',
  'credit_count', 'credit_amount', 'credit_applied',
];

function triggerFunction(table: keyof typeof SOURCES): string {
  const { count, sums } = SOURCES[table];
  const targets = [count, ...Object.keys(sums)];
  // `sign` is +1 for new rows and -1 for old ones: an UPDATE adds its new rows and takes
  // away its old ones in a single upsert.
  const values = ['sign', ...Object.values(sums).map((expression) => `sign * (${expression})`)];
  const delta = (from: string) => `
      insert into customer_totals as t (tenant_id, customer_id, currency, ${targets.join(', ')})
      select tenant_id, customer_id, currency, ${values.map((value) => `sum(${value})`).join(', ')}
      from (${from}) as changed
      group by tenant_id, customer_id, currency
      on conflict (tenant_id, customer_id, currency) do update set
        ${targets.map((column) => `${column} = t.${column} + excluded.${column}`).join(',\n        ')}`;
  return `
    create function customer_totals_${table}() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then${delta('select *, 1 as sign from new_rows')};
      elsif tg_op = 'DELETE' then${delta('select *, -1 as sign from old_rows')};
      else${delta('select *, 1 as sign from new_rows union all select *, -1 as sign from old_rows')};
      end if;
      return null;
    end $$`;
}

export async function up(db: Kysely<any>): Promise<void> {
  let table = db.schema
    .createTable('customer_totals')
    .addColumn('tenant_id', 'text', (col) => col.notNull())
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('currency', 'char(3)', (col) => col.notNull());
  for (const column of COLUMNS) table = table.addColumn(column, 'bigint', (col) => col.notNull().defaultTo(0));
  await table
    .addPrimaryKeyConstraint('customer_totals_pkey', ['tenant_id', 'customer_id', 'currency'])
    .addForeignKeyConstraint('customer_totals_customer_fkey', ['tenant_id', 'customer_id'], 'customers', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();

  for (const name of Object.keys(SOURCES) as (keyof typeof SOURCES)[]) {
    const { count, sums } = SOURCES[name];
    // What is there already, then the triggers for what comes.
    await sql
      .raw(
        `insert into customer_totals (tenant_id, customer_id, currency, ${[count, ...Object.keys(sums)].join(', ')})
         select tenant_id, customer_id, currency, count(*), ${Object.values(sums).map((expression) => `sum(${expression})`).join(', ')}
         from ${name} group by tenant_id, customer_id, currency
         on conflict (tenant_id, customer_id, currency) do update set
           ${[count, ...Object.keys(sums)].map((column) => `${column} = excluded.${column}`).join(', ')}`,
      )
      .execute(db);
    await sql.raw(triggerFunction(name)).execute(db);
    await sql.raw(`create trigger ${name}_totals_insert after insert on ${name} referencing new table as new_rows for each statement execute function customer_totals_${name}()`).execute(db);
    await sql
      .raw(`create trigger ${name}_totals_update after update on ${name} referencing old table as old_rows new table as new_rows for each statement execute function customer_totals_${name}()`)
      .execute(db);
    await sql.raw(`create trigger ${name}_totals_delete after delete on ${name} referencing old table as old_rows for each statement execute function customer_totals_${name}()`).execute(db);
  }

  await db.schema.createIndex('payment_allocations_applied_on').on('payment_allocations').columns(['tenant_id', 'applied_on']).execute();
  await db.schema.createIndex('credit_allocations_applied_on').on('credit_allocations').columns(['tenant_id', 'applied_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('credit_allocations_applied_on').execute();
  await db.schema.dropIndex('payment_allocations_applied_on').execute();
  for (const name of Object.keys(SOURCES)) {
    for (const event of ['insert', 'update', 'delete']) await sql.raw(`drop trigger ${name}_totals_${event} on ${name}`).execute(db);
    await sql.raw(`drop function customer_totals_${name}()`).execute(db);
  }
  await db.schema.dropTable('customer_totals').execute();
}
