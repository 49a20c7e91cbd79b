import type { Context, MiddlewareHandler } from 'hono';
import type { Deps, HostEnv, PortalEnv } from '../env.ts';
import { ApiError } from '../errors.ts';

/**
 * Token buckets, one per caller: `perMinute` requests in a burst, refilled evenly over
 * the minute. Held in this process's memory, so with N API processes behind a load
 * balancer a caller gets up to N× the limit; where that matters, put the limit in front
 * (the load balancer's per-header limit, or a shared store such as Redis) and keep this
 * one as the per-process backstop. docs/security.md says the same.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;
  private sweptAt: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.perMs = perMinute / 60_000;
    this.sweptAt = now();
  }

  /** Takes one token for `key`: undefined when allowed, else the seconds to wait. */
  take(key: string): number | undefined {
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
  }

  /** How many callers it remembers (a full bucket is forgotten: it is the same as a new one). */
  get size(): number {
    return this.buckets.size;
  }

  // Once a minute at most, so that memory follows the callers of the last minute,
  // not every caller ever seen.
  private sweep(now: number): void {
    if (now - this.sweptAt < 60_000) return;
    this.sweptAt = now;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.perMinute) this.buckets.delete(key);
    }
  }
}

function limit<E extends HostEnv | PortalEnv>(perMinute: number, keyOf: (c: Context<E>) => string): MiddlewareHandler<E> {
  if (perMinute <= 0) return async (_c, next) => next();
  const limiter = new RateLimiter(perMinute);
  // A Host API path is matched by two registrations (`/v1/x` and `/v1/x/*`): count a request once.
  const counted = new WeakSet<Request>();
  return async (c, next) => {
    if (counted.has(c.req.raw)) return next();
    counted.add(c.req.raw);
    const wait = limiter.take(keyOf(c));
    if (wait !== undefined) {
      throw new ApiError(429, 'rate_limited', `too many requests: at most ${perMinute} a minute; retry in ${wait} s`, undefined, { 'Retry-After': String(wait) });
    }
    await next();
  };
}

/**
 * Host API: per secret key (`SSP_RATE_LIMIT_KEY_PER_MIN`, 0 turns it off), so that two
 * keys of one tenant, e.g. during a rotation, each have their own.
 */
export const hostRateLimit = (deps: Deps) => limit<HostEnv>(deps.config.rateLimitKeyPerMin, (c) => c.get('apiKeyId'));

/**
 * Portal API: per customer session (`SSP_RATE_LIMIT_SESSION_PER_MIN`, 0 turns it off),
 * keyed by tenant and customer rather than by token, so that minting fresh tokens does
 * not reset it. A long-lived request (the event stream) counts once, when it opens.
 */
export const sessionRateLimit = (deps: Deps) =>
  limit<PortalEnv>(deps.config.rateLimitSessionPerMin, (c) => `${c.get('tenant').id}\u0000${c.get('customerId')}`);
