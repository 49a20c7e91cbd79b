/**
 * Secret keys of a tenant, for rotation without downtime:
 *   npm run api-key -- create --tenant ID [--label "backend 2026-11"]   prints the new key, once
 *   npm run api-key -- list --tenant ID                                  id, prefix, label, created, revoked
 *   npm run api-key -- revoke --tenant ID --key KEY_ID                   refused from the next request on
 * Rotate: create a second key, deploy it to the host's backend, then revoke the old one.
 */
import { parseArgs } from 'node:util';
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { createApiKey, findTenant, revokeApiKey } from '../queries/tenants.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { tenant: { type: 'string' }, key: { type: 'string' }, label: { type: 'string' } },
});
const command = positionals[0];
if (!values.tenant || !['create', 'list', 'revoke'].includes(command ?? '') || (command === 'revoke' && !values.key)) {
  console.error('usage: npm run api-key -- create --tenant ID [--label TEXT] | list --tenant ID | revoke --tenant ID --key KEY_ID');
  process.exit(2);
}
const config = readConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  if (!(await findTenant(database.db, values.tenant))) {
    console.error(`no tenant ${values.tenant}`);
    process.exitCode = 1;
  } else if (command === 'create') {
    const key = await createApiKey(database.db, values.tenant, values.label ?? `created ${new Date().toISOString().slice(0, 10)}`);
    console.log(`key id:     ${key.id}`);
    console.log(`secret key: ${key.secret}`);
    console.log('Shown only now and stored hashed. Deploy it to your backend, then revoke the old key.');
  } else if (command === 'list') {
    const keys = await database.db
      .selectFrom('api_keys')
      .select(['id', 'key_prefix', 'label', 'created_at', 'revoked_at'])
      .where('tenant_id', '=', values.tenant)
      .orderBy('created_at')
      .execute();
    for (const key of keys) {
      const revoked = key.revoked_at ? `revoked ${new Date(key.revoked_at).toISOString()}` : 'active';
      console.log(`${key.id}  ${key.key_prefix}…  ${revoked}  created ${new Date(key.created_at).toISOString()}  ${key.label}`);
    }
  } else {
    await revokeApiKey(database.db, values.tenant, values.key!, new Date());
    const key = await database.db.selectFrom('api_keys').select('revoked_at').where('tenant_id', '=', values.tenant).where('id', '=', values.key!).executeTakeFirst();
    if (!key?.revoked_at) {
      console.error(`no key ${values.key} for tenant ${values.tenant}`);
      process.exitCode = 1;
    } else {
      console.log(`revoked ${values.key}: requests with it are refused (401) from now on`);
    }
  }
} finally {
  await database.close();
}
