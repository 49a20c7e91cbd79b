import { readFileSync } from 'node:fs';
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
  const result = await run(url, token, options.connections, options.seconds);
  const cpu = serverPid ? cpuSeconds(serverPid) - cpuBefore : Number.NaN;
  return {
    name,
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors,
    cpuMs: (cpu * 1000) / Math.max(1, result['2xx']),
  };
}
