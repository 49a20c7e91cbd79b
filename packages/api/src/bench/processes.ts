import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '../net.ts';

export { freePort };

/** The repository root (this file is packages/api/src/bench/processes.ts). */
export const ROOT = resolve(import.meta.dirname, '../../../..');


export interface Child {
  process: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves when it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts a child and resolves once its output matches `ready` (rejecting if it exits
 * first or takes longer than `timeoutMs`). The caller stops it; a bench that fails
 * halfway stops what it started in its `finally`.
 */
export async function startChild(command: string, args: string[], options: { env: NodeJS.ProcessEnv; ready: RegExp; timeoutMs: number; name: string }): Promise<Child & { match: RegExpMatchArray }> {
  const child = spawn(command, args, { cwd: ROOT, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const match = await new Promise<RegExpMatchArray>((done, reject) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      reject(new Error(`${options.name} did not start within ${options.timeoutMs / 1000} s:\n${text}`));
    }, options.timeoutMs);
    const poll = setInterval(() => {
      const found = text.match(options.ready);
      if (found) {
        clearInterval(poll);
        clearTimeout(timer);
        done(found);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`${options.name} exited with ${code} before it was ready:\n${text}`));
    });
  }).catch(async (error) => {
    await stop();
    throw error;
  });
  return { process: child, output: () => text, stop, match };
}

/** Env for API processes under load: quiet logs, long sessions, no per-key or per-session rate limits. */
export function benchApiEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    LOG_LEVEL: 'warn',
    SSP_SESSION_TTL_SECONDS: '7200',
    SSP_RATE_LIMIT_SESSION_PER_MIN: '0',
    SSP_RATE_LIMIT_KEY_PER_MIN: '0',
    ...extra,
  };
}

/** `workers` API processes (node:cluster) on a free port over `databaseUrl`. */
export async function startApi(databaseUrl: string, workers: number, extra: NodeJS.ProcessEnv = {}): Promise<Child & { url: string }> {
  const port = await freePort();
  const child = await startChild(process.execPath, ['--import', 'tsx', 'packages/api/src/bench/api-cluster.ts'], {
    env: benchApiEnv({ DATABASE_URL: databaseUrl, PORT: String(port), SSP_BENCH_WORKERS: String(workers), ...extra }),
    ready: /ready (\d+)/,
    // Each worker compiles the TypeScript sources at start: minutes on a busy 2-core machine.
    timeoutMs: 180_000,
    name: `API (${workers} process${workers > 1 ? 'es' : ''})`,
  });
  return { ...child, url: `http://127.0.0.1:${port}` };
}
