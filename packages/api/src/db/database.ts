/**
 * The database as Kysely sees it. One interface per table; every key leads with
 * `tenant_id` so that the schema distributes on Citus by tenant without change.
 *
 * Money columns are `bigint` minor units; the drivers are set up (see connect.ts) to
 * hand them back as JS numbers, checked to be safe integers.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** `date` columns travel as `YYYY-MM-DD` strings in both directions (no time zone games). */
type DateColumn = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface TenantSettings {
  /** Whether customers may edit their email, phone, address and contacts. */
  profileEditable: boolean;
  /** The name printed on documents and used as the sender's name of emails (default: the tenant's name). */
  displayName?: string;
  /** Postal address lines printed under the name on documents. */
  address?: string[];
  /** The logo on documents: a PNG file, base64 (without a data: prefix). */
  logoPng?: string;
  /** Whether customers may email themselves their statement from the portal (default true). */
  statementEmail?: boolean;
}

export interface TenantsTable {
  id: string;
  name: string;
  allowed_origins: Json<string[]>;
  settings: Json<TenantSettings>;
  /** HMAC key that signs this tenant's session tokens (random, 32 bytes, base64url). */
  session_secret: string;
  created_at: Timestamp;
}

export interface ApiKeysTable {
  tenant_id: string;
  id: string;
  /** SHA-256 of the whole secret key, hex; the key itself is never stored. */
  key_hash: string;
  /** The first characters of the key, to tell keys apart in a list. */
  key_prefix: string;
  label: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface CustomersTable {
  tenant_id: string;
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: Json<AddressJson> | null;
  currency: string;
  billing_terms: string | null;
  billing_cycle: string | null;
  account_manager: Json<AccountManagerJson> | null;
  customer_since: DateColumn | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AddressJson {
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode?: string | null;
  country: string;
}

export interface AccountManagerJson {
  name: string;
  email?: string | null;
  phone?: string | null;
}

export interface ContactsTable {
  tenant_id: string;
  customer_id: string;
  id: string;
  position: number;
  name: string;
  email: string | null;
  phone: string | null;
  role: string | null;
  is_primary: boolean;
}

export interface InvoicesTable {
  tenant_id: string;
  id: string;
  customer_id: string;
  number: string;
  currency: string;
  issue_date: DateColumn;
  due_date: DateColumn;
  is_void: boolean;
  sales_order_id: string | null;
  memo: string | null;
  subtotal: number;
  tax: number;
  total: number;
  /** Maintained in the same transaction as the allocations that change it. */
  amount_paid: Generated<number>;
  amount_credited: Generated<number>;
  /** Generated column: total − amount_paid − amount_credited, and 0 when void. */
  balance: ColumnType<number, never, never>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InvoiceLinesTable {
  tenant_id: string;
  invoice_id: string;
  position: number;
  description: string;
  quantity: number;
  unit_price: number;
  amount: number;
  tax_rate: number | null;
  tax_amount: number;
}

export interface PaymentsTable {
  tenant_id: string;
  id: string;
  customer_id: string;
  currency: string;
  amount: number;
  date: DateColumn;
  method: string;
  reference: string | null;
  amount_applied: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AllocationColumns {
  tenant_id: string;
  invoice_id: string;
  amount: number;
  applied_on: DateColumn;
}

export interface PaymentAllocationsTable extends AllocationColumns {
  payment_id: string;
}

export interface CreditNotesTable {
  tenant_id: string;
  id: string;
  customer_id: string;
  number: string;
  currency: string;
  date: DateColumn;
  amount: number;
  reason: string | null;
  amount_applied: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CreditAllocationsTable extends AllocationColumns {
  credit_note_id: string;
}

export interface SalesOrdersTable {
  tenant_id: string;
  id: string;
  customer_id: string;
  number: string;
  currency: string;
  order_date: DateColumn;
  service_period_start: DateColumn | null;
  service_period_end: DateColumn | null;
  status: string;
  total: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SalesOrderLinesTable {
  tenant_id: string;
  sales_order_id: string;
  position: number;
  description: string;
  quantity: number;
  unit_price: number;
  amount: number;
}

export interface SchedulesTable {
  tenant_id: string;
  id: string;
  customer_id: string;
  kind: string;
  name: string;
  description: string | null;
  currency: string | null;
  is_cancelled: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ScheduleItemsTable {
  tenant_id: string;
  schedule_id: string;
  id: string;
  date: DateColumn;
  window_start: string | null;
  window_end: string | null;
  amount: number | null;
  status: string;
  note: string | null;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  response_status: number;
  response_body: Json<unknown>;
  created_at: Timestamp;
}

export interface AuditLogTable {
  tenant_id: string;
  id: Generated<number>;
  at: Timestamp;
  actor: string;
  action: string;
  customer_id: string | null;
  details: Json<unknown>;
}

/** The outbox of live updates (see migration 0003 and events/outbox.ts). */
export interface ChangeEventsTable {
  tenant_id: string;
  id: Generated<number>;
  customer_id: string;
  kind: ChangeKind;
  ids: Json<string[]>;
  invoice_ids: Json<string[]> | null;
  created_at: Timestamp;
}

/**
 * All-time counts and sums per customer and currency, kept by triggers (migration 0004):
 * read-only for the code, which reads them instead of a customer's whole history.
 */
export interface CustomerTotalsTable {
  tenant_id: string;
  customer_id: string;
  currency: string;
  invoice_count: number;
  /** Every invoice's total, void ones included (the invoice list's totals count them). */
  invoice_total: number;
  invoice_balance: number;
  /** Void invoices: what the statement and summary leave out. */
  void_count: number;
  void_total: number;
  payment_count: number;
  payment_amount: number;
  payment_applied: number;
  credit_count: number;
  credit_amount: number;
  credit_applied: number;
}

/**
 * Per customer, currency and month (its first day): invoiced (void excluded) and paid,
 * kept by triggers (migration 0005) for the summary's chart. Read-only for the code.
 */
export interface CustomerMonthlyTable {
  tenant_id: string;
  customer_id: string;
  currency: string;
  month: string;
  invoiced: number;
  paid: number;
}

/** What a change event says changed; the Portal API's `event: change` carries it as `kind`. */
export type ChangeKind = 'invoice' | 'payment' | 'credit_note' | 'sales_order' | 'schedule' | 'customer';

export interface Database {
  tenants: TenantsTable;
  api_keys: ApiKeysTable;
  customers: CustomersTable;
  contacts: ContactsTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  payments: PaymentsTable;
  payment_allocations: PaymentAllocationsTable;
  credit_notes: CreditNotesTable;
  credit_allocations: CreditAllocationsTable;
  sales_orders: SalesOrdersTable;
  sales_order_lines: SalesOrderLinesTable;
  schedules: SchedulesTable;
  schedule_items: ScheduleItemsTable;
  idempotency_keys: IdempotencyKeysTable;
  audit_log: AuditLogTable;
  change_events: ChangeEventsTable;
  customer_totals: CustomerTotalsTable;
  customer_monthly: CustomerMonthlyTable;
}

export type Tenant = Selectable<TenantsTable>;
export type NewTenant = Insertable<TenantsTable>;
export type CustomerRow = Selectable<CustomersTable>;
export type ContactRow = Selectable<ContactsTable>;
export type InvoiceRow = Selectable<InvoicesTable>;
export type NewInvoice = Insertable<InvoicesTable>;
export type InvoiceUpdate = Updateable<InvoicesTable>;
export type PaymentRow = Selectable<PaymentsTable>;
export type CreditNoteRow = Selectable<CreditNotesTable>;
export type SalesOrderRow = Selectable<SalesOrdersTable>;
export type ScheduleRow = Selectable<SchedulesTable>;
export type ScheduleItemRow = Selectable<ScheduleItemsTable>;
