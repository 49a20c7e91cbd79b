import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { DatabaseKind } from './db/connect.ts';
import type { Database, Tenant } from './db/database.ts';
import type { LiveUpdates } from './events/live.ts';
import type { TenantCache } from './tenant-cache.ts';

/** What every route needs, built once per process and passed to the route factories. */
export interface Deps {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  clock: Clock;
  config: Config;
  logger: Logger;
  tenants: TenantCache;
  /** Live updates of this process (the runtime starts them); without it the events stream answers 503. */
  live?: LiveUpdates;
}

/** Context variables of the Host API (set by the secret-key middleware). */
export interface HostEnv {
  Variables: { tenant: Tenant; apiKeyId: string };
}

/** Context variables of the Portal API (set by the session-token middleware). */
export interface PortalEnv {
  Variables: { tenant: Tenant; customerId: string; sessionExpiresAt: Date };
}
