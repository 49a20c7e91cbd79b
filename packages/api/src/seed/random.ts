/**
 * A small seeded pseudo-random source for the seed generator, built on pure-rand's
 * xoroshiro128+ generator. Same seed, same sequence, on every platform: nothing here
 * touches Math.random or the clock.
 */
import { type RandomGenerator, unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';

/** Mixes several integers into one 32-bit seed (a murmur3-style finaliser per step). */
export function mixSeed(...parts: number[]): number {
  let hash = 0x2545f491;
  for (const part of parts) {
    let k = Math.imul(part | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    hash ^= k;
    hash = (hash << 13) | (hash >>> 19);
    hash = (Math.imul(hash, 5) + 0xe6546b64) | 0;
    // Fold in the high part of seeds beyond 32 bits as well.
    hash ^= Math.floor(part / 0x1_0000_0000) | 0;
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash | 0;
}

export class Random {
  private readonly rng: RandomGenerator;

  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed | 0);
  }

  /** A uniformly distributed integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) {
      throw new RangeError(`bad range [${min}, ${max}]`);
    }
    return unsafeUniformIntDistribution(min, max, this.rng);
  }

  /** A float in [0, 1) with 30 bits of resolution (plenty for chances and shares). */
  float(): number {
    return this.int(0, 0x3fff_ffff) / 0x4000_0000;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return p > 0 && (p >= 1 || this.float() < p);
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty array');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** One value, chosen with the given relative weights. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.float() * total;
    for (const [value, weight] of entries) {
      if (roll < weight) return value;
      roll -= weight;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new RangeError('weighted pick from an empty list');
    return last[0];
  }

  /** `count` characters drawn from `alphabet`. */
  string(count: number, alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'): string {
    let out = '';
    for (let i = 0; i < count; i++) out += alphabet[this.int(0, alphabet.length - 1)];
    return out;
  }

  /** An independent generator whose sequence is decided by this one's next draw. */
  fork(): Random {
    return new Random(this.int(-0x8000_0000, 0x7fff_ffff));
  }
}
