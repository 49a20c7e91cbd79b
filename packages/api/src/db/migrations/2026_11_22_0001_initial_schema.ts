/**
 * The whole data model of SPEC.md. Frozen: change the schema with a new migration.
 *
 * Every primary and foreign key leads with tenant_id, so each table can be distributed
 * on Citus by tenant_id and every join stays on one shard.
 */
import { type CreateTableBuilder, type Kysely, sql } from 'kysely';

const createdUpdated = <T extends string>(table: CreateTableBuilder<T, any>) =>
  table
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`));

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tenants')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('allowed_origins', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('settings', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('session_secret', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('tenant_id', 'text', (col) => col.notNull().references('tenants.id'))
    .addColumn('id', 'text', (col) => col.notNull())
    .addColumn('key_hash', 'text', (col) => col.notNull())
    .addColumn('key_prefix', 'text', (col) => col.notNull())
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .addPrimaryKeyConstraint('api_keys_pkey', ['tenant_id', 'id'])
    .execute();
  // Authentication looks a key up by its hash before the tenant is known. On Citus this
  // table is a reference table (small, replicated), so the global unique index holds.
  await db.schema.createIndex('api_keys_key_hash').unique().on('api_keys').column('key_hash').execute();

  await createdUpdated(
    db.schema
      .createTable('customers')
      .addColumn('tenant_id', 'text', (col) => col.notNull().references('tenants.id'))
      .addColumn('id', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('address', 'jsonb')
      .addColumn('currency', 'char(3)', (col) => col.notNull())
      .addColumn('billing_terms', 'text')
      .addColumn('billing_cycle', 'text')
      .addColumn('account_manager', 'jsonb')
      .addColumn('customer_since', 'date'),
  )
    .addPrimaryKeyConstraint('customers_pkey', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('contacts')
    .addColumn('tenant_id', 'text', (col) => col.notNull())
    .addColumn('customer_id', 'text', (col) => col.notNull())
    .addColumn('id', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('role', 'text')
    .addColumn('is_primary', 'boolean', (col) => col.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('contacts_pkey', ['tenant_id', 'customer_id', 'id'])
    .addForeignKeyConstraint('contacts_customer_fkey', ['tenant_id', 'customer_id'], 'customers', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();

  await createdUpdated(
    db.schema
      .createTable('sales_orders')
      .addColumn('tenant_id', 'text', (col) => col.notNull())
      .addColumn('id', 'text', (col) => col.notNull())
      .addColumn('customer_id', 'text', (col) => col.notNull())
      .addColumn('number', 'text', (col) => col.notNull())
      .addColumn('currency', 'char(3)', (col) => col.notNull())
      .addColumn('order_date', 'date', (col) => col.notNull())
      .addColumn('service_period_start', 'date')
      .addColumn('service_period_end', 'date')
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('total', 'bigint', (col) => col.notNull()),
  )
    .addPrimaryKeyConstraint('sales_orders_pkey', ['tenant_id', 'id'])
    .addForeignKeyConstraint('sales_orders_customer_fkey', ['tenant_id', 'customer_id'], 'customers', ['tenant_id', 'id'])
    .execute();
  // The customer's order list, newest first, keyset-paginated on (order_date, id).
  await db.schema.createIndex('sales_orders_customer_date').on('sales_orders').columns(['tenant_id', 'customer_id', 'order_date desc', 'id desc']).execute();

  await db.schema
    .createTable('sales_order_lines')
    .addColumn('tenant_id', 'text', (col) => col.notNull())
    .addColumn('sales_order_id', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull())
    .addColumn('quantity', 'numeric(18, 6)', (col) => col.notNull())
    .addColumn('unit_price', 'bigint', (col) => col.notNull())
    .addColumn('amount', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('sales_order_lines_pkey', ['tenant_id', 'sales_order_id', 'position'])
    .addForeignKeyConstraint('sales_order_lines_order_fkey', ['tenant_id', 'sales_order_id'], 'sales_orders', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();

  await createdUpdated(
    db.schema
      .createTable('invoices')
      .addColumn('tenant_id', 'text', (col) => col.notNull())
      .addColumn('id', 'text', (col) => col.notNull())
      .addColumn('customer_id', 'text', (col) => col.notNull())
      .addColumn('number', 'text', (col) => col.notNull())
      .addColumn('currency', 'char(3)', (col) => col.notNull())
      .addColumn('issue_date', 'date', (col) => col.notNull())
      .addColumn('due_date', 'date', (col) => col.notNull())
      .addColumn('is_void', 'boolean', (col) => col.notNull().defaultTo(false))
      .addColumn('sales_order_id', 'text')
      .addColumn('memo', 'text')
      .addColumn('subtotal', 'bigint', (col) => col.notNull())
      .addColumn('tax', 'bigint', (col) => col.notNull())
      .addColumn('total', 'bigint', (col) => col.notNull())
      .addColumn('amount_paid', 'bigint', (col) => col.notNull().defaultTo(0))
      .addColumn('amount_credited', 'bigint', (col) => col.notNull().defaultTo(0))
      .addColumn('balance', 'bigint', (col) => col.notNull().generatedAlwaysAs(sql`total - amount_paid - amount_credited`).stored()),
  )
    .addPrimaryKeyConstraint('invoices_pkey', ['tenant_id', 'id'])
    .addForeignKeyConstraint('invoices_customer_fkey', ['tenant_id', 'customer_id'], 'customers', ['tenant_id', 'id'])
    .addForeignKeyConstraint('invoices_sales_order_fkey', ['tenant_id', 'sales_order_id'], 'sales_orders', ['tenant_id', 'id'])
    // The money invariants hold in the database itself, whatever the code above it does.
    .addCheckConstraint('invoices_total_not_negative', sql`total >= 0`)
    .addCheckConstraint('invoices_applied_not_negative', sql`amount_paid >= 0 and amount_credited >= 0`)
    .addCheckConstraint('invoices_not_over_applied', sql`amount_paid + amount_credited <= total`)
    .addCheckConstraint('invoices_void_has_nothing_applied', sql`not is_void or (amount_paid = 0 and amount_credited = 0)`)
    .addCheckConstraint('invoices_due_after_issue', sql`due_date >= issue_date`)
    .execute();
  // The invoice list (default sort: newest first) and the statement's date-ordered scan,
  // keyset-paginated on (issue_date, id) so that page 500 costs what page 1 costs.
  await db.schema.createIndex('invoices_customer_issue_date').on('invoices').columns(['tenant_id', 'customer_id', 'issue_date desc', 'id desc']).execute();
  // Summary figures (outstanding, overdue, upcoming, aging) read only invoices with a
  // balance; a partial index keeps that set small however long the history is.
  await db.schema
    .createIndex('invoices_customer_open_due_date')
    .on('invoices')
    .columns(['tenant_id', 'customer_id', 'due_date'])
    .where(sql.ref('balance'), '>', 0)
    .where(sql.ref('is_void'), '=', false)
    .execute();
  // A sales order's billed invoices.
  await db.schema.createIndex('invoices_sales_order').on('invoices').columns(['tenant_id', 'sales_order_id']).where(sql.ref('sales_order_id'), 'is not', null).execute();

  await db.schema
    .createTable('invoice_lines')
    .addColumn('tenant_id', 'text', (col) => col.notNull())
    .addColumn('invoice_id', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull())
    .addColumn('quantity', 'numeric(18, 6)', (col) => col.notNull())
    .addColumn('unit_price', 'bigint', (col) => col.notNull())
    .addColumn('amount', 'bigint', (col) => col.notNull())
    .addColumn('tax_rate', 'numeric(7, 4)')
    .addColumn('tax_amount', 'bigint', (col) => col.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('invoice_lines_pkey', ['tenant_id', 'invoice_id', 'position'])
    .addForeignKeyConstraint('invoice_lines_invoice_fkey', ['tenant_id', 'invoice_id'], 'invoices', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();

  await createdUpdated(
    db.schema
      .createTable('payments')
      .addColumn('tenant_id', 'text', (col) => col.notNull())
      .addColumn('id', 'text', (col) => col.notNull())
      .addColumn('customer_id', 'text', (col) => col.notNull())
      .addColumn('currency', 'char(3)', (col) => col.notNull())
      .addColumn('amount', 'bigint', (col) => col.notNull())
      .addColumn('date', 'date', (col) => col.notNull())
      .addColumn('method', 'text', (col) => col.notNull())
      .addColumn('reference', 'text')
      .addColumn('amount_applied', 'bigint', (col) => col.notNull().defaultTo(0)),
  )
    .addPrimaryKeyConstraint('payments_pkey', ['tenant_id', 'id'])
    .addForeignKeyConstraint('payments_customer_fkey', ['tenant_id', 'customer_id'], 'customers', ['tenant_id', 'id'])
    .addCheckConstraint('payments_amount_positive', sql`amount > 0`)
    .addCheckConstraint('payments_not_over_applied', sql`amount_applied >= 0 and amount_applied <= amount`)
    .execute();
  // Payment history, newest first, keyset on (date, id); also the statement's scan.
  await db.schema.createIndex('payments_customer_date').on('payments').columns(['tenant_id', 'customer_id', 'date desc', 'id desc']).execute();

  await db.schema
    .createTable('payment_allocations')
    .addColumn('tenant_id', 'text', (col) => col.notNull())
    .addColumn('payment_id', 'text', (col) => col.notNull())
    .addColumn('invoice_id', 'text', (col) => col.notNull())
    .addColumn('amount', 'bigint', (col) => col.notNull())
    .addColumn('applied_on', 'date', (col) => col.notNull())
    .addPrimaryKeyConstraint('payment_allocations_pkey', ['tenant_id', 'payment_id', 'invoice_id'])
    .addForeignKeyConstraint('payment_allocations_payment_fkey', ['tenant_id', 'payment_id'], 'payments', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('payment_allocations_invoice_fkey', ['tenant_id', 'invoice_id'], 'invoices', ['tenant_id', 'id'])
    .addCheckConstraint('payment_allocations_amount_positive', sql`amount > 0`)
    .execute();
  // An invoice's applied payments (detail view, balance upkeep, aging as of a date).
  await db.schema.createIndex('payment_allocations_invoice').on('payment_allocations').columns(['tenant_id', 'invoice_id']).execute();

  await createdUpdated(
    db.schema
      .createTable('credit_notes')
      .addColumn('tenant_id', 'text', (col) => col.notNull())
      .addColumn('id', 'text', (col) => col.notNull())
      .addColumn('customer_id', 'text', (col) => col.notNull())
      .addColumn('number', 'text', (col) => col.notNull())
      .addColumn('currency', 'char(3)', (col) => col.notNull())
      .addColumn('date', 'date', (col) => col.notNull())
      .addColumn('amount', 'bigint', (col) => col.notNull())
      .addColumn('reason', 'text')
      .addColumn('amount_applied', 'bigint', (col) => col.notNull().defaultTo(0)),
  )
    .addPrimaryKeyConstraint('credit_notes_pkey', ['tenant_id', 'id'])
    .addForeignKeyConstraint('credit_notes_customer_fkey', ['tenant_id', 'customer_id'], 'customers', ['tenant_id', 'id'])
    .addCheckConstraint('credit_notes_amount_positive', sql`amount > 0`)
    .addCheckConstraint('credit_notes_not_over_applied', sql`amount_applied >= 0 and amount_applied <= amount`)
    .execute();
  // Credit note list, newest first; also the statement's scan.
  await db.schema.createIndex('credit_notes_customer_date').on('credit_notes').columns(['tenant_id', 'customer_id', 'date desc', 'id desc']).execute();

  await db.schema
    .createTable('credit_allocations')
    .addColumn('tenant_id', 'text', (col) => col.notNull())
    .addColumn('credit_note_id', 'text', (col) => col.notNull())
    .addColumn('invoice_id', 'text', (col) => col.notNull())
    .addColumn('amount', 'bigint', (col) => col.notNull())
    .addColumn('applied_on', 'date', (col) => col.notNull())
    .addPrimaryKeyConstraint('credit_allocations_pkey', ['tenant_id', 'credit_note_id', 'invoice_id'])
    .addForeignKeyConstraint('credit_allocations_credit_note_fkey', ['tenant_id', 'credit_note_id'], 'credit_notes', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('credit_allocations_invoice_fkey', ['tenant_id', 'invoice_id'], 'invoices', ['tenant_id', 'id'])
    .addCheckConstraint('credit_allocations_amount_positive', sql`amount > 0`)
    .execute();
  // An invoice's applied credits.
  await db.schema.createIndex('credit_allocations_invoice').on('credit_allocations').columns(['tenant_id', 'invoice_id']).execute();

  await createdUpdated(
    db.schema
      .createTable('schedules')
      .addColumn('tenant_id', 'text', (col) => col.notNull())
      .addColumn('id', 'text', (col) => col.notNull())
      .addColumn('customer_id', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('description', 'text')
      .addColumn('currency', 'char(3)')
      .addColumn('is_cancelled', 'boolean', (col) => col.notNull().defaultTo(false)),
  )
    .addPrimaryKeyConstraint('schedules_pkey', ['tenant_id', 'id'])
    .addForeignKeyConstraint('schedules_customer_fkey', ['tenant_id', 'customer_id'], 'customers', ['tenant_id', 'id'])
    .execute();
  // A customer's schedules.
  await db.schema.createIndex('schedules_customer').on('schedules').columns(['tenant_id', 'customer_id', 'id']).execute();

  await db.schema
    .createTable('schedule_items')
    .addColumn('tenant_id', 'text', (col) => col.notNull())
    .addColumn('schedule_id', 'text', (col) => col.notNull())
    .addColumn('id', 'text', (col) => col.notNull())
    .addColumn('date', 'date', (col) => col.notNull())
    .addColumn('window_start', 'text')
    .addColumn('window_end', 'text')
    .addColumn('amount', 'bigint')
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('schedule_items_pkey', ['tenant_id', 'schedule_id', 'id'])
    .addForeignKeyConstraint('schedule_items_schedule_fkey', ['tenant_id', 'schedule_id'], 'schedules', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  // A schedule's items in date order (next commitment first).
  await db.schema.createIndex('schedule_items_schedule_date').on('schedule_items').columns(['tenant_id', 'schedule_id', 'date']).execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('tenant_id', 'text', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('method', 'text', (col) => col.notNull())
    .addColumn('path', 'text', (col) => col.notNull())
    .addColumn('request_hash', 'text', (col) => col.notNull())
    .addColumn('response_status', 'integer', (col) => col.notNull())
    .addColumn('response_body', 'jsonb', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['tenant_id', 'key'])
    .execute();
  // Expiry sweeps delete keys older than 24 hours.
  await db.schema.createIndex('idempotency_keys_created_at').on('idempotency_keys').column('created_at').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('tenant_id', 'text', (col) => col.notNull())
    .addColumn('id', 'bigint', (col) => col.generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('details', 'jsonb', (col) => col.notNull())
    .addPrimaryKeyConstraint('audit_log_pkey', ['tenant_id', 'id'])
    .execute();
  // A customer's audit trail (profile edits), newest first.
  await db.schema.createIndex('audit_log_customer').on('audit_log').columns(['tenant_id', 'customer_id', 'at desc']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log', 'idempotency_keys', 'schedule_items', 'schedules', 'credit_allocations', 'credit_notes',
    'payment_allocations', 'payments', 'invoice_lines', 'invoices', 'sales_order_lines', 'sales_orders',
    'contacts', 'customers', 'api_keys', 'tenants',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
