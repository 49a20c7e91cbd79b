import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.ts';

describe('RateLimiter', () => {
  it('allows a burst of the whole minute, then says how long to wait', () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now);
    for (let i = 0; i < 60; i += 1) expect(limiter.take('a')).toBeUndefined();
    expect(limiter.take('a')).toBe(1);
    now += 1_000;
    expect(limiter.take('a')).toBeUndefined();
    expect(limiter.take('a')).toBe(1);
  });

  it('counts each caller apart', () => {
    const limiter = new RateLimiter(2, () => 0);
    expect(limiter.take('a')).toBeUndefined();
    expect(limiter.take('a')).toBeUndefined();
    expect(limiter.take('a')).toBe(30);
    expect(limiter.take('b')).toBeUndefined();
  });

  it('forgets callers whose bucket has filled again, so memory follows recent callers', () => {
    let now = 0;
    const limiter = new RateLimiter(10, () => now);
    for (let i = 0; i < 1000; i += 1) limiter.take(`caller-${i}`);
    expect(limiter.size).toBe(1000);
    now += 120_000;
    limiter.take('late');
    expect(limiter.size).toBe(1);
  });
});
