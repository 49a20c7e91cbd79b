import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import { preparingPool } from './prepared.ts';

export type DatabaseKind = 'pglite' | 'postgresql';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** PostgreSQL's connection string, for connections outside the pool (the LISTEN of live updates). */
  url?: string;
  /** The embedded instance, for its in-process LISTEN/NOTIFY. */
  pglite?: PGlite;
  /** Ends the pool or stops PGlite. */
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…`: a pg pool. Unset: embedded PGlite. */
  url?: string | undefined;
  /** PGlite's directory; `memory://` (the default when unset) keeps it in memory. */
  dataDir?: string | undefined;
  /** Pool size for PostgreSQL (default 10). */
  poolSize?: number | undefined;
  /**
   * PostgreSQL: send the statements marked with `PREPARE` as named prepared statements
   * (default true; see prepared.ts). Off for a pooler that cannot keep them.
   */
  preparedStatements?: boolean | undefined;
  /** Told once if prepared statements turn out not to work here and are turned off. */
  onPreparedFallback?: ((error: unknown) => void) | undefined;
  /** Run migrations before returning (default true). */
  migrate?: boolean | undefined;
}

// Type OIDs whose parsing differs between the two drivers. Both are told the same thing,
// so that every API response is byte-identical on PGlite and on PostgreSQL.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

function parseInt8(value: string): number {
  const parsed = Number(value);
  // Money is bigint in the database; beyond 2^53 it cannot travel as a JSON number.
  if (!Number.isSafeInteger(parsed)) throw new RangeError(`int8 value ${value} exceeds the safe integer range`);
  return parsed;
}

const parsers: Record<number, (value: string) => unknown> = {
  [INT8]: parseInt8,
  [NUMERIC]: (value) => Number(value),
  // Calendar dates stay `YYYY-MM-DD` strings: a JS Date would shift them by time zone.
  [DATE]: (value) => value,
};

function pgTypes(): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: string) =>
      parsers[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
  };
}

/** Opens the configured database and (by default) migrates it to the latest schema. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  const handle = options.url ? openPostgres(options.url, options.poolSize ?? 10, options) : await openPglite(options.dataDir);
  if (options.migrate !== false) {
    try {
      await migrateToLatest(handle.db);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
  return handle;
}

function openPostgres(url: string, poolSize: number, options: DatabaseOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: pgTypes(),
    // Fail fast when the database is unreachable, so that requests answer 503 quickly
    // instead of queueing behind a connect that will not come.
    connectionTimeoutMillis: 2_000,
    idleTimeoutMillis: 30_000,
    options: '-c TimeZone=UTC -c statement_timeout=15000',
  });
  // An idle client losing its connection (database restart) must not crash the process;
  // the pool drops it and the next query connects afresh.
  pool.on('error', () => {});
  // The same for a client that is checked out but between queries (in a transaction,
  // awaiting the app) when its backend is terminated: pg emits 'error' on the client,
  // and with no listener that would crash the process. The client is then unqueryable,
  // its next query fails (→ 503), and the pool discards it on release.
  pool.on('connect', (client) => client.on('error', () => {}));
  const preparing = preparingPool(pool, { enabled: options.preparedStatements ?? true, onFallback: options.onPreparedFallback });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparing }) });
  return { db, kind: 'postgresql', url, close: () => db.destroy() };
}

async function openPglite(dataDir: string | undefined): Promise<DatabaseHandle> {
  const pglite = await PGlite.create({
    dataDir: dataDir ?? 'memory://',
    parsers,
  });
  await pglite.exec(`SET TIME ZONE 'UTC'`);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
