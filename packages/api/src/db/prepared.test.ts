import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, describe, expect, inject, it } from 'vitest';
import '../../test/provided-context.ts';
import { PGBOUNCER, startPgBouncer } from '../bench/pgbouncer.ts';
import { type DatabaseHandle, openDatabase } from './connect.ts';
import { PREPARE } from './prepared.ts';

const url = inject('postgresUrl');

/** A marked read, its answer depending on its parameter. */
const marked = (db: DatabaseHandle['db'], value: number) => sql<{ doubled: number }>`${PREPARE} select ${value}::int * 2 as doubled`.execute(db);

/** Prepared statements of the marked kind on the (single) server connection of `db`. */
async function preparedHere(db: DatabaseHandle['db']): Promise<number> {
  const { rows } = await sql<{ count: number }>`select count(*)::int as count from pg_prepared_statements where statement like '%as doubled%'`.execute(db);
  return rows[0]!.count;
}

describe.skipIf(!url)('named prepared statements on PostgreSQL', () => {
  const opened: DatabaseHandle[] = [];
  const open = async (options: Parameters<typeof openDatabase>[0]) => {
    const handle = await openDatabase({ url, poolSize: 1, migrate: false, ...options });
    opened.push(handle);
    return handle;
  };
  afterEach(async () => {
    for (const handle of opened.splice(0)) await handle.close();
  });

  it('prepare a marked statement once per connection and answer as before', async () => {
    const { db } = await open({});
    for (const value of [1, 2, 3, 21]) expect((await marked(db, value)).rows).toEqual([{ doubled: value * 2 }]);
    expect(await preparedHere(db)).toBe(1);
  });

  it('are not used when turned off', async () => {
    const { db } = await open({ preparedStatements: false });
    expect((await marked(db, 4)).rows).toEqual([{ doubled: 8 }]);
    expect(await preparedHere(db)).toBe(0);
  });

  it('fall back to unnamed statements, once and for good, when the server connection forgot the name', async () => {
    const fallbacks: unknown[] = [];
    const { db } = await open({ onPreparedFallback: (error) => fallbacks.push(error) });
    await marked(db, 1);
    // What a pooler in transaction mode does: the next query lands where the name is unknown.
    await sql`deallocate all`.execute(db);
    expect((await marked(db, 5)).rows).toEqual([{ doubled: 10 }]);
    expect((await marked(db, 6)).rows).toEqual([{ doubled: 12 }]);
    expect(fallbacks).toHaveLength(1);
    expect((fallbacks[0] as { code: string }).code).toBe('26000');
    expect(await preparedHere(db)).toBe(0);
  });

  it.skipIf(!existsSync(PGBOUNCER))('work through PgBouncer in transaction mode, falling back when it cannot keep them', async () => {
    const bouncer = await startPgBouncer(url, 2);
    try {
      const fallbacks: unknown[] = [];
      const { db } = await open({ url: bouncer.url, poolSize: 6, onPreparedFallback: (error) => fallbacks.push(error) });
      const values = Array.from({ length: 200 }, (_, index) => index);
      const answers = await Promise.all(values.map(async (value) => (await marked(db, value)).rows[0]!.doubled));
      expect(answers).toEqual(values.map((value) => value * 2));
      // PgBouncer 1.21+ with max_prepared_statements keeps them; older ones make us fall back.
      expect(fallbacks.length).toBeLessThanOrEqual(1);
    } finally {
      await bouncer.stop();
    }
  });
});
