/**
 * `npm run tenant:create -- --name "Acme" --origin https://portal.acme.example [--origin …] [--profile-editable]
 *   [--display-name "Acme Utilities Ltd"] [--address "12 Harbour Road"]… [--logo logo.png] [--no-statement-email]`
 * Creates a tenant and prints its first secret key, once. Keep it in the host's backend.
 * The display name, address lines and PNG logo are printed on invoices and statements.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { isPng } from '../documents/pdf/letterhead.ts';
import { createApiKey, createTenant } from '../queries/tenants.ts';

const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    id: { type: 'string' },
    origin: { type: 'string', multiple: true, default: [] },
    'profile-editable': { type: 'boolean', default: false },
    'display-name': { type: 'string' },
    address: { type: 'string', multiple: true, default: [] },
    logo: { type: 'string' },
    'no-statement-email': { type: 'boolean', default: false },
  },
});
if (!values.name) {
  console.error(
    'usage: npm run tenant:create -- --name NAME [--id ID] [--origin https://…]… [--profile-editable]\n' +
      '         [--display-name NAME] [--address LINE]… [--logo FILE.png] [--no-statement-email]',
  );
  process.exit(2);
}
// The logo travels in the tenant's settings (read on every request, embedded in every
// document), so it is kept small.
const MAX_LOGO_BYTES = 256 * 1024;
let logoPng: string | undefined;
if (values.logo) {
  let bytes: Buffer;
  try {
    bytes = readFileSync(values.logo);
  } catch (error) {
    console.error(`--logo: cannot read ${values.logo}: ${(error as Error).message}`);
    process.exit(2);
  }
  if (!isPng(bytes) || bytes.length > MAX_LOGO_BYTES) {
    console.error(`--logo must be a PNG file of at most ${MAX_LOGO_BYTES / 1024} KiB, and ${values.logo} is not`);
    process.exit(2);
  }
  logoPng = bytes.toString('base64');
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
    settings: {
      profileEditable: values['profile-editable'],
      ...(values['display-name'] ? { displayName: values['display-name'] } : {}),
      ...(values.address.length ? { address: values.address } : {}),
      ...(logoPng ? { logoPng } : {}),
      ...(values['no-statement-email'] ? { statementEmail: false } : {}),
    },
  });
  const key = await createApiKey(database.db, tenant.id, 'created by tenant:create');
  console.log(`tenant:     ${tenant.id} (${tenant.name})`);
  console.log(`origins:    ${values.origin.join(', ') || '(none: the portal API refuses cross-origin pages)'}`);
  console.log(`secret key: ${key.secret}`);
  console.log('The key is shown only now and stored hashed. Keep it in your backend; never send it to a browser.');
} finally {
  await database.close();
}
