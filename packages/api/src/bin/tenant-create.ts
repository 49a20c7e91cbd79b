/**
 * `npm run tenant:create -- --name "Acme" --origin https://portal.acme.example [--origin …] [--profile-editable]`
 * Creates a tenant and prints its first secret key, once. Keep it in the host's backend.
 */
import { parseArgs } from 'node:util';
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { createApiKey, createTenant } from '../queries/tenants.ts';

const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    id: { type: 'string' },
    origin: { type: 'string', multiple: true, default: [] },
    'profile-editable': { type: 'boolean', default: false },
  },
});
if (!values.name) {
  console.error('usage: npm run tenant:create -- --name NAME [--id ID] [--origin https://…]… [--profile-editable]');
  process.exit(2);
}
for (const origin of values.origin) {
  if (new URL(origin).origin !== origin) {
    console.error(`--origin must be an origin like https://example.com (no path), got ${origin}`);
    process.exit(2);
  }
}
const config = readConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  const tenant = await createTenant(database.db, {
    ...(values.id ? { id: values.id } : {}),
    name: values.name,
    allowedOrigins: values.origin,
    settings: { profileEditable: values['profile-editable'] },
  });
  const key = await createApiKey(database.db, tenant.id, 'created by tenant:create');
  console.log(`tenant:     ${tenant.id} (${tenant.name})`);
  console.log(`origins:    ${values.origin.join(', ') || '(none: the portal API refuses cross-origin pages)'}`);
  console.log(`secret key: ${key.secret}`);
  console.log('The key is shown only now and stored hashed. Keep it in your backend; never send it to a browser.');
} finally {
  await database.close();
}
