import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp } from './app.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { type DatabaseHandle, openDatabase } from './db/connect.ts';
import type { Deps } from './env.ts';
import { createLogger } from './logger.ts';
import { TenantCache } from './tenant-cache.ts';

export interface Runtime {
  deps: Deps;
  app: ReturnType<typeof createApp>;
  database: DatabaseHandle;
}

/** Opens (and migrates) the configured database and builds the app around it. */
export async function createRuntime(config: Config, clock: Clock = systemClock): Promise<Runtime> {
  const logger = createLogger(config.logLevel);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  const deps: Deps = { db: database.db, dbKind: database.kind, clock, config, logger, tenants: new TenantCache(database.db) };
  return { deps, app: createApp(deps), database };
}

/** Serves `app` on `port`; resolves once listening. */
export function listen(app: Hono, port: number): Promise<ReturnType<typeof serve>> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port }, () => resolve(server));
    server.once('error', reject);
  });
}
