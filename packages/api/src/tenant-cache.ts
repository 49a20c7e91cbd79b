import type { Kysely } from 'kysely';
import type { Database, Tenant } from './db/database.ts';

/**
 * Tenants change rarely and are read on every portal request (signing key, allowed
 * origins, settings), so each process keeps them for a short while. A change reaches
 * every process within `ttlMs`; `forget` makes it immediate in this one.
 */
export class TenantCache {
  private readonly byId = new Map<string, { tenant: Tenant | undefined; until: number }>();
  private origins: { set: Set<string>; until: number } | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs = 30_000,
  ) {}

  async get(id: string): Promise<Tenant | undefined> {
    const hit = this.byId.get(id);
    if (hit && hit.until > Date.now()) return hit.tenant;
    const tenant = await this.db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
    // Unknown ids are cached too (briefly), so a flood of forged kids costs one query each per TTL.
    this.byId.set(id, { tenant, until: Date.now() + this.ttlMs });
    if (this.byId.size > 10_000) this.byId.delete(this.byId.keys().next().value as string);
    return tenant;
  }

  /** Every origin any tenant allows: what a CORS preflight (which carries no token) may be answered for. */
  async allOrigins(): Promise<Set<string>> {
    if (this.origins && this.origins.until > Date.now()) return this.origins.set;
    const rows = await this.db.selectFrom('tenants').select('allowed_origins').execute();
    const set = new Set(rows.flatMap((row) => row.allowed_origins));
    this.origins = { set, until: Date.now() + this.ttlMs };
    return set;
  }

  forget(id?: string): void {
    if (id) this.byId.delete(id);
    else this.byId.clear();
    this.origins = undefined;
  }
}
