import { readFileSync, readdirSync } from 'node:fs';
import autocannon from 'autocannon';

export interface LoadResult {
  name: string;
  /** 2xx responses per second over the measured run. */
  rps: number;
  p50: number;
  p99: number;
  /** Non-2xx responses plus connection errors: any makes the row fail. */
  errors: number;
  /**
   * CPU time the API processes spent per answered request (user + system): unlike the
   * latencies, it barely moves when other work shares the machine. NaN when not measured.
   */
  cpuMs: number;
  /**
   * CPU time every local PostgreSQL process spent per answered request (backends,
   * walwriter, …; PgBouncer is not among them): where the rest of a request's cost went.
   * NaN when PostgreSQL is not on this machine or not measured.
   */
  databaseCpuMs: number;
}

const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of `pid` and of its children (cluster workers), from /proc. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const own = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return own + children.reduce((sum, child) => sum + cpuSeconds(child), 0);
  } catch {
    return Number.NaN;
  }
}

/** User + system CPU seconds of every process named `postgres` on this machine (NaN if none can be read). */
export function postgresCpuSeconds(): number {
  let total = 0;
  let found = false;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.split(') ')[1]!.split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
      found = true;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return found ? total : Number.NaN;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

function run(url: string, token: string | undefined, connections: number, seconds: number) {
  return autocannon({
    url,
    connections,
    duration: seconds,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

/**
 * `connections` clients hammering one URL for `seconds`, after an unmeasured warm-up of
 * the same shape (JIT, the pool's connections, PostgreSQL's buffers and plans).
 */
export async function measureRoute(name: string, url: string, token: string | undefined, options: LoadOptions, serverPid?: number): Promise<LoadResult> {
  if (options.warmupSeconds > 0) await run(url, token, options.connections, options.warmupSeconds);
  const cpuBefore = serverPid ? cpuSeconds(serverPid) : Number.NaN;
  const databaseBefore = postgresCpuSeconds();
  const result = await run(url, token, options.connections, options.seconds);
  const cpu = serverPid ? cpuSeconds(serverPid) - cpuBefore : Number.NaN;
  const databaseCpu = postgresCpuSeconds() - databaseBefore;
  return {
    name,
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors,
    cpuMs: (cpu * 1000) / Math.max(1, result['2xx']),
    databaseCpuMs: (databaseCpu * 1000) / Math.max(1, result['2xx']),
  };
}

/**
 * Two routes whose ratio is a target (the first page and a deep page), measured A B B A
 * in halves of `seconds`, so that whatever drifts during the run (the machine's other
 * work, the heap growing, PostgreSQL's caches) weighs on both alike; measured one after
 * the other, the second carried the drift alone (1.32× in one run, 1.04–1.08× measured
 * alternately in the same hour). Each half has its own warm-up. The halves are merged:
 * req/s, p50 and CPU averaged, p99 the worse of the two, errors summed.
 */
export async function measurePair(
  a: { name: string; url: string },
  b: { name: string; url: string },
  token: string | undefined,
  options: LoadOptions,
  serverPid?: number,
): Promise<[LoadResult, LoadResult]> {
  const half = { ...options, seconds: Math.max(1, options.seconds / 2) };
  const a1 = await measureRoute(a.name, a.url, token, half, serverPid);
  const b1 = await measureRoute(b.name, b.url, token, half, serverPid);
  const b2 = await measureRoute(b.name, b.url, token, half, serverPid);
  const a2 = await measureRoute(a.name, a.url, token, half, serverPid);
  return [merge(a1, a2), merge(b1, b2)];
}

function merge(first: LoadResult, second: LoadResult): LoadResult {
  const mean = (pick: (result: LoadResult) => number) => (pick(first) + pick(second)) / 2;
  return {
    name: first.name,
    rps: mean((result) => result.rps),
    p50: mean((result) => result.p50),
    p99: Math.max(first.p99, second.p99),
    errors: first.errors + second.errors,
    cpuMs: mean((result) => result.cpuMs),
    databaseCpuMs: mean((result) => result.databaseCpuMs),
  };
}
