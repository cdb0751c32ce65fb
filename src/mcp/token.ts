import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random bearer token (24 random bytes, base64url: 32 characters). */
export function createToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Compares a presented token with the expected one in constant time, so response timing does not
 * reveal how many leading characters were right. Different lengths compare unequal (after a dummy
 * comparison of equal cost, to not leak the length through an early return either).
 */
export function tokensMatch(presented: string, expected: string): boolean {
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  if (a.length !== b.length) {
    timingSafeEqual(b, b);
    return false;
  }
  return timingSafeEqual(a, b);
}

/** Extracts the token of an `Authorization: Bearer <token>` header value, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1];
}
