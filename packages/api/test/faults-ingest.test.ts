import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/connect.ts';
import { openDatabase } from '../src/db/connect.ts';
import { type TestApi, createTestApi, expectJson, uniqueId } from './harness.ts';

const url = inject('postgresUrl');

const until = async <T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

const invoice = (id: string, customerId: string, total: number) => ({
  id, customerId, number: id, currency: 'USD', issueDate: '2026-05-01', dueDate: '2026-05-31', lines: [{ description: 'Service', unitPrice: total, amount: total }],
});

/**
 * Ingest under faults, on real PostgreSQL: a database backend that dies between two
 * writes of a batch, and batches racing for the same payment and invoices.
 */
describe.skipIf(!url)('ingest faults', () => {
  let database: DatabaseHandle;
  let api: TestApi;
  let admin: pg.Client;

  beforeAll(async () => {
    database = await openDatabase({ url, poolSize: 10 });
    api = await createTestApi(database);
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.end();
    await database?.close();
  });

  const customer = async () => {
    const id = uniqueId('cus');
    await expectJson(api.host('POST', '/v1/customers', { id, name: 'Fault Co', currency: 'USD' }), 200);
    return id;
  };

  /** Everything of the customer that a payment batch writes, as plain rows. */
  const snapshot = async (customerId: string, key: string) => {
    const tenant = api.tenantId;
    const q = async (text: string, values: unknown[] = [tenant, customerId]) => (await admin.query(text, values)).rows;
    return {
      payments: await q('select amount, amount_applied from payments where tenant_id = $1 and customer_id = $2 order by amount desc'),
      allocations: await q(
        'select a.payment_id, a.invoice_id, a.amount, a.applied_on::text from payment_allocations a join payments p on p.tenant_id = a.tenant_id and p.id = a.payment_id where a.tenant_id = $1 and p.customer_id = $2 order by 1, 2',
      ),
      invoices: await q('select id, total, amount_paid, balance from invoices where tenant_id = $1 and customer_id = $2 order by id'),
      keys: await q('select key, response_status from idempotency_keys where tenant_id = $1 and key = $2', [tenant, key]),
      audit: await q(`select action from audit_log where tenant_id = $1 and details->>'idempotencyKey' = $2`, [tenant, key]),
    };
  };

  it('a backend killed between two writes of a batch leaves nothing written; the replay with the same Idempotency-Key gives one success', async () => {
    const cus = await customer();
    const [first, second] = [uniqueId('inv'), uniqueId('inv')].sort() as [string, string];
    await expectJson(api.host('POST', '/v1/invoices', { data: [invoice(first, cus, 1000), invoice(second, cus, 1000)] }), 200);
    const key = uniqueId('key');
    const batch = {
      data: [
        { id: uniqueId('pay'), customerId: cus, currency: 'USD', amount: 600, date: '2026-05-10', method: 'card', allocations: [{ invoiceId: first, amount: 600 }] },
        { id: uniqueId('pay'), customerId: cus, currency: 'USD', amount: 500, date: '2026-05-11', method: 'card', allocations: [{ invoiceId: second, amount: 400 }] },
      ],
    };

    // Another session holds the second invoice, so the batch stops where it locks the
    // invoices it allocates to: after it claimed the key and inserted both payments,
    // before any allocation.
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query('select 1 from invoices where tenant_id = $1 and id = $2 for update', [api.tenantId, second]);
    const pending = api.host('POST', '/v1/payments', batch, { 'Idempotency-Key': key });
    const stuck = await until(
      async () =>
        (
          await admin.query(
            `select pid, backend_xid::text as xid from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock' and query ilike '%from "invoices"%for update%' and pid <> $1`,
            [(blocker as unknown as { processID: number }).processID],
          )
        ).rows[0] as { pid: number; xid: string | null } | undefined,
      10_000,
      'the batch to wait on the invoice lock',
    );
    // It has written (a transaction id is assigned on the first write), and not committed.
    expect(stuck.xid).not.toBeNull();
    await admin.query('select pg_terminate_backend($1)', [stuck.pid]);
    const crashed = await pending;
    expect(crashed.status).toBe(503);
    expect(((await crashed.json()) as { error: { code: string } }).error.code).toBe('database_unavailable');
    await blocker.query('commit');
    await blocker.end();

    expect(await snapshot(cus, key)).toEqual({
      payments: [],
      allocations: [],
      invoices: [
        { id: first, total: '1000', amount_paid: '0', balance: '1000' },
        { id: second, total: '1000', amount_paid: '0', balance: '1000' },
      ],
      keys: [],
      audit: [],
    });

    const replay = await api.host('POST', '/v1/payments', batch, { 'Idempotency-Key': key });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBeNull();
    const body = await replay.json();
    expect(body.data.map((p: { amountApplied: number; unapplied: number }) => [p.amountApplied, p.unapplied])).toEqual([
      [600, 0],
      [400, 100],
    ]);
    const once = await snapshot(cus, key);
    expect(once).toMatchObject({
      payments: [
        { amount: '600', amount_applied: '600' },
        { amount: '500', amount_applied: '400' },
      ],
      invoices: [
        { id: first, amount_paid: '600', balance: '400' },
        { id: second, amount_paid: '400', balance: '600' },
      ],
      keys: [{ key, response_status: 200 }],
      audit: [{ action: 'ingest.payments' }],
    });
    expect(once.allocations).toHaveLength(2);

    // Once more: the saved response, byte for byte, and the state unchanged.
    const again = await api.host('POST', '/v1/payments', batch, { 'Idempotency-Key': key });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(body);
    expect(await snapshot(cus, key)).toEqual(once);
  });

  it('concurrent batches allocating the same payments, credit notes and invoices never over-allocate any of them', async () => {
    const rounds = Number(process.env.SSP_FAULT_ROUNDS ?? 25);
    const allocation = fc.record({ invoice: fc.integer({ min: 0, max: 2 }), amount: fc.integer({ min: 1, max: 1000 }) });
    const source = fc.record({
      kind: fc.constantFrom('payment' as const, 'credit' as const),
      // Two of each: some exist before the race, some are created by it.
      slot: fc.integer({ min: 0, max: 1 }),
      amount: fc.integer({ min: 1, max: 1500 }),
      allocations: fc.uniqueArray(allocation, { minLength: 0, maxLength: 3, selector: (a) => a.invoice }),
    });
    const request = fc.uniqueArray(source, { minLength: 1, maxLength: 3, selector: (s) => `${s.kind}${s.slot}` });
    const requests = fc.array(request, { minLength: 2, maxLength: 6 });

    let served = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(requests, fc.boolean(), async (batches, preexisting) => {
        const cus = await customer();
        const invoices = [uniqueId('inv'), uniqueId('inv'), uniqueId('inv')];
        await expectJson(api.host('POST', '/v1/invoices', { data: invoices.map((id) => invoice(id, cus, 1000)) }), 200);
        const ids = { payment: [uniqueId('pay'), uniqueId('pay')], credit: [uniqueId('cn'), uniqueId('cn')] };
        if (preexisting) {
          await expectJson(api.host('POST', '/v1/payments', { data: ids.payment.map((id) => ({ id, customerId: cus, currency: 'USD', amount: 1, date: '2026-05-10', method: 'card' })) }), 200);
        }
        const bodies = batches.map((batch) => ({
          path: batch[0]!.kind === 'payment' ? '/v1/payments' : '/v1/credit-notes',
          items: batch
            .filter((item) => item.kind === batch[0]!.kind)
            .map((item) => {
              const common = { id: ids[item.kind][item.slot]!, customerId: cus, currency: 'USD', amount: item.amount, allocations: item.allocations.map((a) => ({ invoiceId: invoices[a.invoice]!, amount: a.amount })) };
              return item.kind === 'payment' ? { ...common, date: '2026-05-10', method: 'card' } : { ...common, number: common.id, date: '2026-05-10' };
            }),
        }));
        const responses = await Promise.all(bodies.map((body) => api.host('POST', body.path, { data: body.items })));
        const committed = new Map<string, { amount: number; allocations: string[] }[]>();
        for (const [index, response] of responses.entries()) {
          const text = await response.text();
          // 200, or 422 when the allocations do not fit what is left: nothing else.
          expect([200, 422], text).toContain(response.status);
          if (response.status !== 200) {
            refused += 1;
            continue;
          }
          served += 1;
          for (const item of bodies[index]!.items) {
            const versions = committed.get(item.id) ?? [];
            versions.push({ amount: item.amount, allocations: item.allocations.map((a) => `${a.invoiceId}:${a.amount}`).sort() });
            committed.set(item.id, versions);
          }
        }
        await checkTenantSums();
        // Each record stored is exactly one of the versions some batch committed: batches
        // serialise, they never blend.
        for (const [id, versions] of committed) {
          const table = id.startsWith('pay') ? 'payment' : 'credit_note';
          const { rows } = await admin.query(
            `select s.amount, coalesce(array_agg(a.invoice_id || ':' || a.amount order by a.invoice_id || ':' || a.amount) filter (where a.invoice_id is not null), '{}') as allocations
               from ${table}s s left join ${table === 'payment' ? 'payment_allocations' : 'credit_allocations'} a on a.tenant_id = s.tenant_id and a.${table}_id = s.id
              where s.tenant_id = $1 and s.id = $2 group by s.amount`,
            [api.tenantId, id],
          );
          const stored = { amount: Number(rows[0].amount), allocations: (rows[0].allocations as string[]).sort() };
          expect(versions).toContainEqual(stored);
        }
      }),
      { numRuns: rounds },
    );
    expect(served).toBeGreaterThan(rounds);
    expect(refused).toBeGreaterThan(0);
  }, 300_000);

  /** The money sums of the whole tenant, recomputed from the allocation rows. */
  async function checkTenantSums() {
    const tenant = [api.tenantId];
    const { rows: invoices } = await admin.query(
      `select i.id, i.total, i.amount_paid, i.amount_credited, i.balance,
              coalesce((select sum(amount) from payment_allocations a where a.tenant_id = i.tenant_id and a.invoice_id = i.id), 0) as paid,
              coalesce((select sum(amount) from credit_allocations a where a.tenant_id = i.tenant_id and a.invoice_id = i.id), 0) as credited
         from invoices i where i.tenant_id = $1`,
      tenant,
    );
    for (const row of invoices) {
      expect(row.amount_paid, row.id).toBe(row.paid);
      expect(row.amount_credited, row.id).toBe(row.credited);
      expect(Number(row.paid) + Number(row.credited), row.id).toBeLessThanOrEqual(Number(row.total));
      expect(Number(row.balance), row.id).toBe(Number(row.total) - Number(row.paid) - Number(row.credited));
    }
    for (const [table, allocations, column] of [
      ['payments', 'payment_allocations', 'payment_id'],
      ['credit_notes', 'credit_allocations', 'credit_note_id'],
    ] as const) {
      const { rows } = await admin.query(
        `select s.id, s.amount, s.amount_applied,
                coalesce((select sum(amount) from ${allocations} a where a.tenant_id = s.tenant_id and a.${column} = s.id), 0) as applied
           from ${table} s where s.tenant_id = $1`,
        tenant,
      );
      for (const row of rows) {
        expect(row.amount_applied, row.id).toBe(row.applied);
        expect(Number(row.applied), row.id).toBeLessThanOrEqual(Number(row.amount));
      }
    }
  }
});
