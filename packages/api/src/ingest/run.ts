import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Deps, HostEnv } from '../env.ts';
import { ApiError, badRequest } from '../errors.ts';
import type { Change } from '../events/change.ts';
import { recordChanges } from '../events/outbox.ts';
import { Issues } from './issues.ts';

/** Idempotency keys are kept this long, as Stripe does. */
const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

export interface IngestSpec<T, W = unknown> {
  /** For the audit log: `customers`, `invoices`, … */
  resource: string;
  /** Writes the batch; what it returns goes to `changes`. */
  write(trx: Kysely<Database>, tenantId: string, items: T[], issues: Issues): Promise<W>;
  /** The stored record as the response shows it. */
  read(trx: Kysely<Database>, tenantId: string, item: T, today: string): Promise<unknown>;
  /** Which customers see what change: recorded in the outbox in the same transaction (live updates). */
  changes(items: T[], written: W): Change[];
}

/**
 * Runs one ingest request — one record or a `{ data: [...] }` batch — in one transaction:
 * all of it lands or none does. With an `Idempotency-Key`, the key is claimed inside that
 * same transaction, so a retry after a crash either finds the committed response and
 * replays it, or finds nothing and runs again; the same key with another body is a 409,
 * and a concurrent request with the same key waits for the first and then replays it.
 */
export async function runIngest<T, W>(deps: Deps, c: Context<HostEnv>, body: T | { data: T[] }, spec: IngestSpec<T, W>): Promise<Response> {
  const tenant = c.get('tenant');
  const batch = typeof body === 'object' && body !== null && 'data' in body && Array.isArray((body as { data: unknown }).data);
  const items = batch ? (body as { data: T[] }).data : [body as T];
  const key = c.req.header('idempotency-key');
  if (key !== undefined && (key.length < 1 || key.length > 255)) throw badRequest('Idempotency-Key must be 1–255 characters');
  const requestHash = createHash('sha256').update(`${c.req.method} ${c.req.path}\n${JSON.stringify(body)}`).digest('hex');
  const today = deps.clock.today();

  const outcome = await deps.db.transaction().execute(async (trx) => {
    if (key !== undefined) {
      const replay = await claimKey(trx, tenant.id, key, c.req.method, c.req.path, requestHash, deps.clock.now());
      if (replay) return { replayed: true, status: replay.status, body: replay.body };
    }
    const issues = new Issues((index) => (batch ? ['data', index] : []));
    const written = await spec.write(trx, tenant.id, items, issues);
    const records = [];
    for (const item of items) records.push(await spec.read(trx, tenant.id, item, today));
    const response = batch ? { data: records } : records[0];
    await trx
      .insertInto('audit_log')
      .values({
        tenant_id: tenant.id,
        actor: `api_key:${c.get('apiKeyId')}`,
        action: `ingest.${spec.resource}`,
        customer_id: null,
        details: JSON.stringify({ count: items.length, ids: items.slice(0, 100).map((item) => (item as { id: string }).id), idempotencyKey: key ?? null }),
      })
      .execute();
    if (key !== undefined) {
      await trx
        .updateTable('idempotency_keys')
        .set({ response_status: 200, response_body: JSON.stringify(response) })
        .where('tenant_id', '=', tenant.id)
        .where('key', '=', key)
        .execute();
    }
    // Last, after every row lock the write took (see recordChanges). A replay above
    // returned early: it changed nothing, so it announces nothing.
    await recordChanges(trx, tenant.id, spec.changes(items, written), deps.config.eventsRetentionDays);
    return { replayed: false, status: 200, body: response };
  });
  if (outcome.replayed) c.header('Idempotent-Replayed', 'true');
  return c.json(outcome.body as object, outcome.status as 200);
}

/** Claims `key` for this request, or returns the response saved under it. */
async function claimKey(
  trx: Kysely<Database>,
  tenantId: string,
  key: string,
  method: string,
  path: string,
  requestHash: string,
  now: Date,
): Promise<{ status: number; body: unknown } | undefined> {
  const claimed = await trx
    .insertInto('idempotency_keys')
    .values({ tenant_id: tenantId, key, method, path, request_hash: requestHash, response_status: 0, response_body: 'null' })
    .onConflict((oc) => oc.columns(['tenant_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (claimed) return undefined;
  const saved = await trx
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('key', '=', key)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (now.getTime() - saved.created_at.getTime() > KEY_LIFETIME_MS) {
    await trx
      .updateTable('idempotency_keys')
      .set({ method, path, request_hash: requestHash, response_status: 0, response_body: 'null', created_at: now })
      .where('tenant_id', '=', tenantId)
      .where('key', '=', key)
      .execute();
    return undefined;
  }
  if (saved.request_hash !== requestHash) {
    throw new ApiError(409, 'idempotency_key_reused', `Idempotency-Key ${key} was used with a different request (${saved.method} ${saved.path} or another body)`);
  }
  return { status: saved.response_status, body: saved.response_body };
}
