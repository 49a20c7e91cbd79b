import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '../src/net.ts';

export { freePort };

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));


/** Runs `work` with a superuser connection to `baseUrl`'s server (not to the database under test). */
export async function withAdmin<T>(baseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates a database of its own for one test run, on the server of `baseUrl`; returns its URL. */
export async function createDatabase(baseUrl: string, prefix: string): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  await withAdmin(baseUrl, (admin) => admin.query(`create database ${name}`));
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

export async function dropDatabase(baseUrl: string, name: string): Promise<void> {
  await withAdmin(baseUrl, async (admin) => {
    await admin.query(`alter database ${name} allow_connections true`);
    await admin.query(`drop database if exists ${name} with (force)`);
  });
}

/**
 * Takes the database away from every client without stopping the server, which other
 * tests share: new connections are refused, and every open one is terminated — what an
 * API process sees when its PostgreSQL goes down.
 */
export async function blockDatabase(baseUrl: string, name: string): Promise<void> {
  await withAdmin(baseUrl, async (admin) => {
    await admin.query(`alter database ${name} allow_connections false`);
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
  });
}

export async function allowDatabase(baseUrl: string, name: string): Promise<void> {
  await withAdmin(baseUrl, (admin) => admin.query(`alter database ${name} allow_connections true`));
}

export interface ApiProcess {
  child: ChildProcess;
  /** The server's own pid (node runs start.ts directly, no wrapper process). */
  pid: number;
  url: string;
  secretKey: string;
  customerIds: string[];
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * The real API (`packages/api/src/bin/start.ts`, as `npm start` runs it) in a process of
 * its own on `databaseUrl`: migrations, the demo tenant, its printed secret key and
 * customers. Resolves once it serves.
 */
export async function spawnApi(options: {
  databaseUrl: string;
  env?: Record<string, string>;
  /** Flags for node itself, e.g. V8 heap options. */
  nodeArgs?: string[];
  secretKey?: string;
  timeoutMs?: number;
}): Promise<ApiProcess> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'packages/api/src/bin/start.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ...(options.secretKey ? { SSP_DEMO_SECRET_KEY: options.secretKey } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the API did not come up:\n${output}`)), options.timeoutMs ?? 90_000);
    const check = setInterval(() => {
      if (output.includes('demo customers')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`the API exited ${code}:\n${output}`));
    });
  });
  const secretKey = output.match(/demo secret key\s+(ssp_sk_\S+)/)?.[1];
  const customerIds = output.match(/demo customers\s+(.+)/)?.[1]?.trim().split(', ') ?? [];
  if (!secretKey || customerIds.length === 0) throw new Error(`no key or customers in the output:\n${output}`);
  return {
    child,
    pid: child.pid!,
    url: `http://127.0.0.1:${port}`,
    secretKey,
    customerIds,
    output: () => output,
    stop: async (graceMs = 10_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Mints a session token for `customerId` through the Host API of `api`. */
export async function mintToken(api: ApiProcess, customerId: string): Promise<string> {
  const response = await fetch(`${api.url}/v1/sessions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${api.secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ customerId }),
  });
  if (response.status !== 201) throw new Error(`session for ${customerId}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
