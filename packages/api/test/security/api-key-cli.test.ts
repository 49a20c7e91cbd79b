import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/connect.ts';
import { type TestApi, createTestApi } from '../harness.ts';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../src/bin/api-key.ts', import.meta.url));

/** Rotation as an operator does it, with `npm run api-key`, against the PostgreSQL of this run. */
describe.skipIf(!inject('postgresUrl'))('api-key command', () => {
  let database: DatabaseHandle;
  let api: TestApi;
  beforeAll(async () => {
    database = await openDatabase({ url: inject('postgresUrl'), poolSize: 2 });
    api = await createTestApi(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  const apiKey = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', cli, ...args], { env: { ...process.env, DATABASE_URL: inject('postgresUrl'), LOG_LEVEL: 'silent' } });
  const status = async (secret: string) => (await api.app.request('/v1/customers?limit=1', { headers: { Authorization: `Bearer ${secret}` } })).status;

  it('creates a second key, lists both, and revokes the old one while the new one keeps working', async () => {
    const created = await apiKey('create', '--tenant', api.tenantId, '--label', 'rotation');
    const secret = created.stdout.match(/secret key: (\S+)/)![1]!;
    const id = created.stdout.match(/key id: +(\S+)/)![1]!;
    expect(await status(secret)).toBe(200);
    expect(await status(api.secretKey)).toBe(200);

    const listed = (await apiKey('list', '--tenant', api.tenantId)).stdout;
    expect(listed).toContain(api.keyId);
    expect(listed).toContain(id);
    expect(listed).not.toContain(secret.slice(13));

    await apiKey('revoke', '--tenant', api.tenantId, '--key', api.keyId);
    expect(await status(api.secretKey)).toBe(401);
    expect(await status(secret)).toBe(200);
  }, 60_000);

  it('says so, with exit code 1, for an unknown key', async () => {
    await expect(apiKey('revoke', '--tenant', api.tenantId, '--key', 'key_nope')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('no key key_nope') });
  }, 60_000);
});
