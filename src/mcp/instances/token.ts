import { randomBytes, timingSafeEqual } from 'node:crypto';

/** The shortest token brum accepts from a user: 16 characters leave nothing to guess at a few tries a second. */
export const MIN_TOKEN_LENGTH = 16;
/** Longer than any sane token; bounds what every request compares. */
export const MAX_TOKEN_LENGTH = 512;

/**
 * Why a user-chosen token cannot be used, or undefined when it can. A token must be 16 to 512
 * visible ASCII characters without spaces (it travels in an HTTP header as `Bearer <token>`).
 */
export function tokenProblem(token: string): string | undefined {
  const advice =
    'use a long random one (e.g. `openssl rand -base64 24`), or give none for a fresh random token per start';
  if (token.length < MIN_TOKEN_LENGTH) {
    return `the MCP token is too short (${token.length} characters; at least ${MIN_TOKEN_LENGTH}): ${advice}`;
  }
  if (token.length > MAX_TOKEN_LENGTH) {
    return `the MCP token is too long (${token.length} characters; at most ${MAX_TOKEN_LENGTH})`;
  }
  if (!/^[\x21-\x7e]+$/.test(token)) {
    return 'the MCP token may contain only visible ASCII characters, without spaces';
  }
  return undefined;
}

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
