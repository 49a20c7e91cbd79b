import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { generateSecretKey, hashSecretKey, keyPrefix, sameHash } from '../auth/api-keys.ts';
import type { Database, Tenant, TenantSettings } from '../db/database.ts';

export interface NewTenantInput {
  id?: string;
  name: string;
  allowedOrigins?: string[];
  settings?: Partial<TenantSettings>;
}

export async function createTenant(db: Kysely<Database>, input: NewTenantInput): Promise<Tenant> {
  const settings: TenantSettings = { profileEditable: false, ...input.settings };
  return db
    .insertInto('tenants')
    .values({
      id: input.id ?? `ten_${randomUUID().replaceAll('-', '').slice(0, 20)}`,
      name: input.name,
      allowed_origins: JSON.stringify(input.allowedOrigins ?? []),
      settings: JSON.stringify(settings),
      session_secret: randomBytes(32).toString('base64url'),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findTenant(db: Kysely<Database>, id: string): Promise<Tenant | undefined> {
  return db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateTenant(
  db: Kysely<Database>,
  id: string,
  changes: { allowedOrigins?: string[]; settings?: Partial<TenantSettings>; name?: string },
): Promise<void> {
  const tenant = await findTenant(db, id);
  if (!tenant) throw new Error(`no tenant ${id}`);
  await db
    .updateTable('tenants')
    .set({
      ...(changes.name ? { name: changes.name } : {}),
      ...(changes.allowedOrigins ? { allowed_origins: JSON.stringify(changes.allowedOrigins) } : {}),
      ...(changes.settings ? { settings: JSON.stringify({ ...tenant.settings, ...changes.settings }) } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Creates a secret key and returns it: the only time the whole key exists outside the caller. */
export async function createApiKey(
  db: Kysely<Database>,
  tenantId: string,
  label: string,
  secret: string = generateSecretKey(),
): Promise<{ id: string; secret: string }> {
  const id = `key_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await db
    .insertInto('api_keys')
    .values({ tenant_id: tenantId, id, key_hash: hashSecretKey(secret), key_prefix: keyPrefix(secret), label })
    .execute();
  return { id, secret };
}

export async function revokeApiKey(db: Kysely<Database>, tenantId: string, keyId: string, at: Date): Promise<void> {
  await db.updateTable('api_keys').set({ revoked_at: at }).where('tenant_id', '=', tenantId).where('id', '=', keyId).execute();
}

/** The tenant and key id of an active secret key, or undefined. */
export async function findTenantBySecretKey(
  db: Kysely<Database>,
  secret: string,
): Promise<{ tenant: Tenant; keyId: string } | undefined> {
  const hash = hashSecretKey(secret);
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('tenants', 'tenants.id', 'api_keys.tenant_id')
    .selectAll('tenants')
    .select(['api_keys.id as key_id', 'api_keys.key_hash'])
    .where('api_keys.key_hash', '=', hash)
    .where('api_keys.revoked_at', 'is', null)
    .executeTakeFirst();
  // The index lookup already matched; the constant-time check keeps the comparison
  // itself from depending on where two hashes first differ.
  if (!row || !sameHash(row.key_hash, hash)) return undefined;
  const { key_id: keyId, key_hash: _hash, ...tenant } = row;
  return { tenant, keyId };
}
