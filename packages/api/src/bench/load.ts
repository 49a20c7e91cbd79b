import autocannon from 'autocannon';

export interface LoadResult {
  name: string;
  /** 2xx responses per second over the measured run. */
  rps: number;
  p50: number;
  p99: number;
  /** Non-2xx responses plus connection errors: any makes the row fail. */
  errors: number;
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
export async function measureRoute(name: string, url: string, token: string | undefined, options: LoadOptions): Promise<LoadResult> {
  if (options.warmupSeconds > 0) await run(url, token, options.connections, options.warmupSeconds);
  const result = await run(url, token, options.connections, options.seconds);
  return {
    name,
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors,
  };
}
