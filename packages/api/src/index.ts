export { createApp, type App } from './app.ts';
export { type Clock, fixedClock, systemClock } from './clock.ts';
export { type Config, readConfig } from './config.ts';
export { type DatabaseHandle, type DatabaseKind, openDatabase } from './db/connect.ts';
export type { Deps } from './env.ts';
export { createRuntime, listen } from './server.ts';
export { createApiKey, createTenant, revokeApiKey, updateTenant } from './queries/tenants.ts';
