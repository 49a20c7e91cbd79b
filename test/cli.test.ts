import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createApp } from '../packages/api/src/app.ts';
import { systemClock } from '../packages/api/src/clock.ts';
import { readConfig } from '../packages/api/src/config.ts';
import { openDatabase } from '../packages/api/src/db/connect.ts';
import { TenantCache } from '../packages/api/src/tenant-cache.ts';

const run = promisify(execFile);

/** The README's other commands, run as a user runs them, on a PGlite directory of their own. */
describe('command line', () => {
  let dataDir: string;
  const env = () => {
    const { DATABASE_URL: _ignored, ...rest } = process.env;
    return { ...rest, SSP_DATA_DIR: dataDir };
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ssp-cli-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('migrates, creates a tenant whose printed key works, and refuses bad arguments', async () => {
    const migrated = await run('npm', ['run', '--silent', 'db:migrate'], { env: env() });
    expect(migrated.stdout).toMatch(/applied: 2026_11_22_0001_initial_schema/);

    const created = await run('npm', ['run', '--silent', 'tenant:create', '--', '--name', 'Acme', '--origin', 'https://portal.acme.example'], { env: env() });
    const key = created.stdout.match(/secret key: (ssp_sk_\S+)/)?.[1];
    expect(key).toBeDefined();

    const database = await openDatabase({ dataDir });
    try {
      const config = readConfig({});
      const app = createApp({ db: database.db, dbKind: database.kind, clock: systemClock, config, logger: pino({ level: 'silent' }), tenants: new TenantCache(database.db) });
      const response = await app.request('/v1/customers', { headers: { Authorization: `Bearer ${key}` } });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: [], nextCursor: null });
      const tenant = await database.db.selectFrom('tenants').selectAll().where('name', '=', 'Acme').executeTakeFirstOrThrow();
      expect(tenant.allowed_origins).toEqual(['https://portal.acme.example']);
      const stored = await database.db.selectFrom('api_keys').select('key_hash').where('tenant_id', '=', tenant.id).executeTakeFirstOrThrow();
      expect(stored.key_hash).not.toContain(key!.slice(7));
    } finally {
      await database.close();
    }

    await expect(run('npm', ['run', '--silent', 'tenant:create', '--', '--origin', 'https://x.example'], { env: env() })).rejects.toMatchObject({ code: 2 });
    await expect(run('npm', ['run', '--silent', 'tenant:create', '--', '--name', 'X', '--origin', 'https://x.example/path'], { env: env() })).rejects.toMatchObject({ code: 2 });
  }, 120_000);
});
