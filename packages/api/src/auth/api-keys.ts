import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Secret keys look like `ssp_sk_<43 base64url chars>`: 256 random bits. */
const PREFIX = 'ssp_sk_';

export function generateSecretKey(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/**
 * SHA-256, not a slow KDF: a secret key is 256 random bits, so it cannot be guessed
 * from its hash whatever the hash's speed, and a slow KDF would add tens of
 * milliseconds to every Host API call. (Passwords, which people choose, would need
 * one; we have none.) A pepper would need one more secret shared by every process.
 */
export function hashSecretKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function looksLikeSecretKey(value: string): boolean {
  return value.startsWith(PREFIX) && value.length === PREFIX.length + 43;
}

/** Constant-time comparison of two hex digests of equal length. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** What a key list may show: enough to recognise a key, never enough to use it. */
export function keyPrefix(secret: string): string {
  return secret.slice(0, PREFIX.length + 6);
}
