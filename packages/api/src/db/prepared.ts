import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import { sql } from 'kysely';
import type pg from 'pg';

/**
 * Named prepared statements for the hottest Portal API reads.
 *
 * Kysely sends every query as an unnamed statement, which PostgreSQL parses and plans
 * again on each call. For the one-statement summary that planning was more than half of
 * the database's CPU per request (0.92 → 0.36 ms measured side by side, see
 * docs/performance.md). A statement marked with `PREPARE` is sent under a name derived
 * from its text, so each pooled connection parses it once and PostgreSQL can reuse a
 * plan; its parameters still travel separately, so nothing about values changes.
 *
 * Only reads that run outside a transaction are marked: if the name cannot be used (a
 * pooler in transaction mode that does not track prepared statements, such as PgBouncer
 * before 1.21, hands the next query to another server connection), the query is sent
 * again unnamed and this process stops naming statements, saying so once in its log.
 * `SSP_PREPARED_STATEMENTS=off` turns them off from the start.
 */
const MARKER = '/* prepared */';

/** Put in a raw `sql` statement, or in a builder through `.modifyFront(PREPARE)`. */
export const PREPARE = sql.raw(MARKER);

// SQLSTATEs of a name the server connection does not have, or already has for other text.
const NAME_LOST = new Set(['26000', '42P05']);

export interface PreparingOptions {
  enabled: boolean;
  /** Told once when statements stop being named. */
  onFallback?: (error: unknown) => void;
}

/** `pool` for Kysely's PostgresDialect, sending statements marked with PREPARE under a name. */
export function preparingPool(pool: pg.Pool, options: PreparingOptions): PostgresPool {
  let enabled = options.enabled;
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) {
      name = `ssp_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      // Marked statements are a fixed set in the code; the bound is only a safety net.
      if (names.size < 1_000) names.set(text, name);
    }
    return name;
  };
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();

  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    query: ((text: unknown, parameters?: readonly unknown[]) => {
      if (typeof text !== 'string' || !enabled || !text.includes(MARKER)) return client.query(text as string, parameters as unknown[]);
      const values = parameters ? [...parameters] : [];
      return client.query({ name: nameOf(text), text, values }).catch((error: { code?: string }) => {
        if (!NAME_LOST.has(error?.code ?? '')) throw error;
        // Queries already sent under a name when the first refusal came are retried too.
        if (enabled) {
          enabled = false;
          options.onFallback?.(error);
        }
        return client.query(text, values);
      }) as Promise<PostgresQueryResult<unknown>>;
    }) as PostgresPoolClient['query'],
    release: () => client.release(),
  });

  return {
    async connect() {
      const client = await pool.connect();
      let view = wrapped.get(client);
      if (!view) {
        view = wrap(client);
        wrapped.set(client, view);
      }
      return view;
    },
    end: () => pool.end(),
  };
}
