import type { Backend } from '../harness.ts';

/**
 * How hard the security suite pushes. The default suite (`npm test`) sends a few hundred
 * generated requests on each backend; `npm run test:security` sets SSP_SECURITY_REQUESTS
 * to 10,000 and runs on PostgreSQL only (SSP_SECURITY_BACKENDS=postgresql).
 */
export function securityRequests(): number {
  const value = Number(process.env.SSP_SECURITY_REQUESTS ?? 300);
  if (!Number.isInteger(value) || value < 1) throw new Error(`SSP_SECURITY_REQUESTS must be a positive integer, got ${process.env.SSP_SECURITY_REQUESTS}`);
  return value;
}

/** Generated cases per fuzzed route (bad-input suite). */
export function fuzzRuns(): number {
  const value = Number(process.env.SSP_SECURITY_FUZZ_RUNS ?? 15);
  if (!Number.isInteger(value) || value < 1) throw new Error(`SSP_SECURITY_FUZZ_RUNS must be a positive integer, got ${process.env.SSP_SECURITY_FUZZ_RUNS}`);
  return value;
}

export function securityBackends(all: Backend[]): Backend[] {
  const wanted = process.env.SSP_SECURITY_BACKENDS?.split(',').filter(Boolean);
  if (!wanted) return all;
  const chosen = all.filter((backend) => wanted.includes(backend.name));
  if (!chosen.length) throw new Error(`SSP_SECURITY_BACKENDS=${wanted.join(',')} matches none of ${all.map((b) => b.name).join(', ')} (is DATABASE_URL set?)`);
  return chosen;
}
