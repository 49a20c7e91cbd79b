import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { createApiKey } from '../queries/tenants.ts';

export const BENCH_TENANT = 'bench';
const KEY_LABEL = 'bench run';

/**
 * A secret key for this run, and the way to delete it afterwards. Keys that earlier runs
 * left behind (killed before they cleaned up) go after a day; a run never deletes another
 * run's key while it may still be in use.
 */
export async function benchKey(db: Kysely<Database>, tenantId = BENCH_TENANT): Promise<{ secret: string; remove(): Promise<void> }> {
  await db
    .deleteFrom('api_keys')
    .where('tenant_id', '=', tenantId)
    .where('label', '=', KEY_LABEL)
    .where('created_at', '<', sql<Date>`now() - interval '1 day'`)
    .execute();
  const key = await createApiKey(db, tenantId, KEY_LABEL);
  return {
    secret: key.secret,
    remove: async () => {
      await db.deleteFrom('api_keys').where('tenant_id', '=', tenantId).where('id', '=', key.id).execute();
    },
  };
}

/** Calls the API: `fetch` against a base URL, or a Hono app's `request`. */
export type Call = (path: string, init: RequestInit) => Response | Promise<Response>;

export const over = (baseUrl: string): Call => (path, init) => fetch(`${baseUrl}${path}`, init);

/** A session token for `customerId`, minted through the Host API as a host's backend does. */
export async function mintToken(call: Call, secretKey: string, customerId: string): Promise<string> {
  const response = await call('/v1/sessions', {
    method: 'POST',
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ customerId }),
  });
  if (response.status !== 201) throw new Error(`POST /v1/sessions for ${customerId}: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
