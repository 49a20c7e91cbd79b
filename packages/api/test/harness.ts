import { inject } from 'vitest';
import './provided-context.ts';
import { pino } from 'pino';
import { createApp } from '../src/app.ts';
import { type Clock, fixedClock } from '../src/clock.ts';
import { type Config, readConfig } from '../src/config.ts';
import { type DatabaseHandle, openDatabase } from '../src/db/connect.ts';
import type { TenantSettings } from '../src/db/database.ts';
import type { Deps } from '../src/env.ts';
import { createApiKey, createTenant } from '../src/queries/tenants.ts';
import { TenantCache } from '../src/tenant-cache.ts';

export interface Backend {
  name: 'pglite' | 'postgresql';
  open(): Promise<DatabaseHandle>;
}

/** The backends this run tests: PGlite always, PostgreSQL when DATABASE_URL is set. */
export function backends(): Backend[] {
  const url = inject('postgresUrl');
  const list: Backend[] = [{ name: 'pglite', open: () => openDatabase({}) }];
  if (url) list.push({ name: 'postgresql', open: () => openDatabase({ url, poolSize: 5 }) });
  return list;
}

let sequence = 0;
/** Ids unique across the whole run, so test files can share one PostgreSQL database. */
export function uniqueId(prefix: string): string {
  sequence += 1;
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${sequence}`;
}

export interface TestApi {
  deps: Deps;
  app: ReturnType<typeof createApp>;
  /** Host API call with the tenant's secret key. */
  host(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Portal API call with a session token. */
  portal(token: string, path: string, init?: RequestInit): Promise<Response>;
  /** Mints a session token for a customer of the tenant. */
  token(customerId: string): Promise<string>;
  tenantId: string;
  secretKey: string;
  keyId: string;
  setClock(clock: Clock): void;
}

/** A tenant of its own on `database`, and the app around them. */
export async function createTestApi(
  database: DatabaseHandle,
  options: { today?: string; settings?: Partial<TenantSettings>; origins?: string[]; config?: Partial<Config>; logs?: string[] } = {},
): Promise<TestApi> {
  let clock = fixedClock(options.today ?? '2026-06-15');
  const logs = options.logs;
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs?.push(line) });
  const deps: Deps = {
    db: database.db,
    dbKind: database.kind,
    get clock() {
      return clock;
    },
    // Rate limits off unless a test sets them: long property runs share one key, and the
    // limits have tests of their own (test/security/tokens.test.ts).
    config: { ...readConfig({}), rateLimitKeyPerMin: 0, rateLimitSessionPerMin: 0, ...options.config },
    logger,
    tenants: new TenantCache(database.db),
  };
  const tenant = await createTenant(database.db, {
    id: uniqueId('ten'),
    name: 'Test tenant',
    allowedOrigins: options.origins ?? ['https://host.example'],
    settings: options.settings ?? {},
  });
  const key = await createApiKey(database.db, tenant.id, 'test');
  const app = createApp(deps);
  const host = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    Promise.resolve(
      app.request(path, {
        method,
        headers: { Authorization: `Bearer ${key.secret}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      }),
    );
  return {
    deps,
    app,
    host,
    portal: (token, path, init = {}) =>
      Promise.resolve(app.request(path, { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } })),
    token: async (customerId) => {
      const response = await host('POST', '/v1/sessions', { customerId });
      if (response.status !== 201) throw new Error(`session for ${customerId}: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { token: string }).token;
    },
    tenantId: tenant.id,
    secretKey: key.secret,
    keyId: key.id,
    setClock: (next) => {
      clock = next;
    },
  };
}

/** Asserts a status and returns the parsed JSON body, with the body in the failure message. */
export async function expectJson<T = any>(response: Response | Promise<Response>, status: number): Promise<T> {
  const res = await response;
  const text = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}
