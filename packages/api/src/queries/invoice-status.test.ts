import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../db/connect.ts';
import { invoiceStatus, statusSql } from './invoices.ts';

/** The status rule lives twice (SQL for filters, TypeScript for responses); they must agree. */
describe('invoice status rule', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openDatabase({ migrate: false });
  });
  afterAll(async () => {
    await database.close();
  });

  it('gives the same status in SQL and in TypeScript for any invoice and day', async () => {
    const day = fc.integer({ min: 0, max: 60 }).map((offset) => new Date(Date.UTC(2026, 0, 1 + offset)).toISOString().slice(0, 10));
    const invoice = fc.record({
      is_void: fc.boolean(),
      total: fc.integer({ min: 0, max: 1000 }),
      paidShare: fc.integer({ min: 0, max: 100 }),
      creditShare: fc.integer({ min: 0, max: 100 }),
      due_date: day,
    });
    await fc.assert(
      fc.asyncProperty(invoice, day, async (input, today) => {
        const amount_paid = Math.floor((input.total * input.paidShare) / 200);
        const amount_credited = Math.floor((input.total * input.creditShare) / 200);
        const row = { is_void: input.is_void, due_date: input.due_date, amount_paid, amount_credited, balance: input.total - amount_paid - amount_credited };
        const { rows } = await sql<{ status: string }>`
          select ${statusSql(today)} as status from (select ${row.is_void}::boolean as is_void, ${row.balance}::bigint as balance,
            ${row.due_date}::date as due_date, ${amount_paid}::bigint as amount_paid, ${amount_credited}::bigint as amount_credited) as invoices`.execute(database.db);
        expect(rows[0]!.status).toBe(invoiceStatus(row, today));
      }),
      { numRuns: 300 },
    );
  });
});
