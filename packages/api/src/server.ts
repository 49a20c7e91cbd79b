import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp } from './app.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { type DatabaseHandle, openDatabase } from './db/connect.ts';
import type { Deps } from './env.ts';
import { LiveUpdates } from './events/live.ts';
import { createLogger } from './logger.ts';
import { TenantCache } from './tenant-cache.ts';

export interface Runtime {
  deps: Deps;
  app: ReturnType<typeof createApp>;
  /** `close()` also stops live updates, before the pool they read through. */
  database: DatabaseHandle;
  live: LiveUpdates;
}

/**
 * Opens (and migrates) the configured database, starts this process's live updates
 * (its LISTEN connection and the hub of open streams) and builds the app around them.
 */
export async function createRuntime(config: Config, clock: Clock = systemClock): Promise<Runtime> {
  const logger = createLogger(config.logLevel);
  const opened = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    preparedStatements: config.preparedStatements,
    onPreparedFallback: (error) =>
      logger.warn({ err: error }, 'named prepared statements do not work through this DATABASE_URL (a pooler in transaction mode?): sending them unnamed from now on; set SSP_PREPARED_STATEMENTS=off to skip the attempt'),
  });
  const listenUrl = config.listenDatabaseUrl ?? opened.url;
  const live = new LiveUpdates({ ...opened, ...(listenUrl ? { url: listenUrl } : {}) }, config, logger);
  try {
    await live.start();
  } catch (error) {
    await opened.close();
    throw error;
  }
  const database: DatabaseHandle = {
    ...opened,
    close: async () => {
      await live.stop();
      await opened.close();
    },
  };
  const deps: Deps = { db: database.db, dbKind: database.kind, clock, config, logger, tenants: new TenantCache(database.db), live };
  return { deps, app: createApp(deps), database, live };
}

/** Serves `app` on `port`; resolves once listening. */
export function listen(app: Hono<any, any, any>, port: number): Promise<ReturnType<typeof serve>> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port }, () => resolve(server));
    server.once('error', reject);
  });
}

/**
 * Graceful shutdown, for SIGTERM: stop accepting connections, end the event streams with
 * a retry hint (their clients reconnect, to another process behind the load balancer),
 * let in-flight requests finish, then close live updates and the pool. Whatever is still
 * open after `drainMs` is cut, so the whole takes at most about `drainMs` plus the pool's
 * close; callers exit after it.
 */
export async function shutdownGracefully(server: ReturnType<typeof serve>, runtime: Runtime, drainMs = 8_000): Promise<void> {
  const http = server as Server<typeof IncomingMessage, typeof ServerResponse>;
  const closed = new Promise<void>((resolve) => http.close(() => resolve()));
  runtime.live.closeStreams();
  // Idle keep-alive sockets would hold close() open; busy ones finish their request first.
  http.closeIdleConnections();
  const idleSweep = setInterval(() => http.closeIdleConnections(), 100);
  let deadline: NodeJS.Timeout | undefined;
  await Promise.race([
    closed,
    new Promise<void>((resolve) => {
      deadline = setTimeout(() => {
        runtime.deps.logger.warn('shutdown: requests still open after the grace period; closing them');
        http.closeAllConnections();
        resolve();
      }, drainMs);
    }),
  ]);
  clearInterval(idleSweep);
  clearTimeout(deadline);
  await runtime.database.close();
}
