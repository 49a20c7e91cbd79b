import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';

export const LARGE_ACCOUNT_ID = 'large-account';

/**
 * One customer with a far longer history than the seed generator's (which bills each
 * customer monthly: about 1,000 invoices over 84 years), so that the benchmarks have a
 * page 500 to reach (500 × 25 rows) and a statement of 10,000 lines to draw: a wholesale
 * account invoiced `invoices` times, evenly over the 30 years before `today`.
 *
 * Written by the database itself (INSERT … SELECT over generate_series), and consistent
 * the way ingest keeps data: every invoice older than 45 days is settled by its own
 * payment (with its allocation, and amount_paid set to match), every 300th of those
 * partly by a credit note instead; every 500th old invoice is left unpaid (disputed,
 * 90+ days overdue) and every 997th is void. The last 45 days are open, some overdue.
 */
export async function insertLargeAccount(db: Kysely<Database>, { tenantId, invoices, today }: { tenantId: string; invoices: number; today: string }): Promise<void> {
  const id = LARGE_ACCOUNT_ID;
  const span = 30 * 365;
  await db.transaction().execute(async (trx) => {
    await sql`set local statement_timeout = 0`.execute(trx);
    await trx
      .insertInto('customers')
      .values({
        tenant_id: tenantId, id, name: 'Northwind Wholesale (large account)', email: 'ap@northwind.example', currency: 'USD',
        billing_terms: 'NET30', billing_cycle: 'weekly', customer_since: sql<string>`${today}::date - ${span}::int`,
      })
      .execute();
    // g = 1 is the oldest invoice; `kind` decides how it was settled (see above).
    await sql`
      create temporary table large_account on commit drop as
      select g,
             ${id} || '-inv-' || g as invoice_id,
             'NW-' || lpad(g::text, 6, '0') as number,
             ${today}::date - (${span}::int - ((g - 1)::bigint * ${span}::int / ${invoices}::int))::int as issue_date,
             1000 + (g::bigint * 7919) % 500000 as total,
             case when g % 997 = 0 then 'void'
                  when ${today}::date - (${span}::int - ((g - 1)::bigint * ${span}::int / ${invoices}::int))::int > ${today}::date - 45
                    then 'open'
                  when g % 500 = 0 then 'disputed'
                  when g % 300 = 0 then 'credited'
                  else 'paid' end as kind
      from generate_series(1, ${invoices}::int) as g`.execute(trx);
    await sql`
      insert into invoices (tenant_id, id, customer_id, number, currency, issue_date, due_date, is_void, subtotal, tax, total, amount_paid, amount_credited)
      select ${tenantId}, invoice_id, ${id}, number, 'USD', issue_date, issue_date + 30, kind = 'void',
             total * 5 / 6, total - total * 5 / 6, total,
             case kind when 'paid' then total when 'credited' then total - total / 10 else 0 end,
             case kind when 'credited' then total / 10 else 0 end
      from large_account`.execute(trx);
    await sql`
      insert into invoice_lines (tenant_id, invoice_id, position, description, quantity, unit_price, amount, tax_rate, tax_amount)
      select ${tenantId}, invoice_id, 1, 'Wholesale supply, delivery ' || number, 1, total * 5 / 6, total * 5 / 6, 20, total - total * 5 / 6
      from large_account`.execute(trx);
    await sql`
      insert into payments (tenant_id, id, customer_id, currency, amount, date, method, reference, amount_applied)
      select ${tenantId}, ${id} || '-pay-' || g, ${id}, 'USD', amount, issue_date + 20 + g % 15, 'bank_transfer', 'NW-REMIT-' || g, amount
      from (select *, case kind when 'credited' then total - total / 10 else total end as amount from large_account where kind in ('paid', 'credited')) as settled`.execute(trx);
    await sql`
      insert into payment_allocations (tenant_id, payment_id, invoice_id, amount, applied_on)
      select ${tenantId}, ${id} || '-pay-' || g, invoice_id, case kind when 'credited' then total - total / 10 else total end, issue_date + 20 + g % 15
      from large_account where kind in ('paid', 'credited')`.execute(trx);
    await sql`
      insert into credit_notes (tenant_id, id, customer_id, number, currency, date, amount, reason, amount_applied)
      select ${tenantId}, ${id} || '-cn-' || g, ${id}, 'NW-CN-' || lpad(g::text, 6, '0'), 'USD', issue_date + 10, total / 10, 'Short delivery', total / 10
      from large_account where kind = 'credited'`.execute(trx);
    await sql`
      insert into credit_allocations (tenant_id, credit_note_id, invoice_id, amount, applied_on)
      select ${tenantId}, ${id} || '-cn-' || g, invoice_id, total / 10, issue_date + 10
      from large_account where kind = 'credited'`.execute(trx);
  });
}
