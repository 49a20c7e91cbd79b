import type { Kysely } from 'kysely';
import { hashSecretKey } from '../auth/api-keys.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { createApiKey, createTenant, findTenant, updateTenant } from '../queries/tenants.ts';
import { seedTenantData } from '../seed/generate.ts';

export const DEMO_TENANT_ID = 'demo';
const START_KEY_LABEL = 'demo: generated at start';
/** What the demo's invoices and statements print at the top (no logo file: documents draw a mark). */
const DEMO_LETTERHEAD = { displayName: 'Acme Utilities', address: ['100 Market Street, Suite 400', 'Springfield, IL 62701'] };

export interface DemoTenant {
  secretKey: string;
  customerIds: string[];
  seeded: boolean;
}

/**
 * Makes sure the demo tenant exists, has data (seeded only when it has no customers),
 * and has a usable secret key: `SSP_DEMO_SECRET_KEY` when given, else a fresh one per
 * start (the previous generated one is revoked, since only its hash was kept).
 */
export async function ensureDemoTenant(db: Kysely<Database>, options: { port: number; secretKey: string | undefined; clock: Clock }): Promise<DemoTenant> {
  const origins = [`http://localhost:${options.port}`, `http://127.0.0.1:${options.port}`];
  const tenant = await findTenant(db, DEMO_TENANT_ID);
  if (!tenant) {
    await createTenant(db, { id: DEMO_TENANT_ID, name: 'Acme Utilities (demo)', allowedOrigins: origins, settings: { profileEditable: true, ...DEMO_LETTERHEAD } });
  } else if (!tenant.settings.displayName) {
    // A demo database made before documents had a letterhead.
    await updateTenant(db, DEMO_TENANT_ID, { settings: DEMO_LETTERHEAD });
  }
  let seeded = false;
  const existing = await db.selectFrom('customers').select('id').where('tenant_id', '=', DEMO_TENANT_ID).limit(1).execute();
  if (existing.length === 0) {
    await seedTenantData(db, { tenantId: DEMO_TENANT_ID, customers: 6, years: 3, seed: 42, today: options.clock.today() });
    seeded = true;
  }

  let secretKey = options.secretKey;
  if (secretKey) {
    const known = await db.selectFrom('api_keys').select('id').where('key_hash', '=', hashSecretKey(secretKey)).executeTakeFirst();
    if (!known) await createApiKey(db, DEMO_TENANT_ID, 'demo: SSP_DEMO_SECRET_KEY', secretKey);
  } else {
    await db
      .updateTable('api_keys')
      .set({ revoked_at: options.clock.now() })
      .where('tenant_id', '=', DEMO_TENANT_ID)
      .where('label', '=', START_KEY_LABEL)
      .where('revoked_at', 'is', null)
      .execute();
    secretKey = (await createApiKey(db, DEMO_TENANT_ID, START_KEY_LABEL)).secret;
  }
  const customers = await db.selectFrom('customers').select('id').where('tenant_id', '=', DEMO_TENANT_ID).orderBy('id').execute();
  return { secretKey, customerIds: customers.map((row) => row.id), seeded };
}
