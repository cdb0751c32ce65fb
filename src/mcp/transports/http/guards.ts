/**
 * The checks every HTTP request passes before the MCP SDK sees it. Pure functions over header
 * values, so they are easy to test exhaustively; `http-server.ts` turns a refusal into a response.
 */
import {
  localhostAllowedHostnames,
  localhostAllowedOrigins,
  validateHostHeader,
  validateOriginHeader,
} from '@modelcontextprotocol/server';
import { bearerToken, tokensMatch } from '../../instances/token.js';

/** A refusal: HTTP status, extra headers, and a message that says what to do. */
export interface Refusal {
  readonly status: 400 | 401 | 403 | 404 | 405 | 413 | 429 | 500;
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** `localhost`, `127.0.0.1`, `[::1]`: the SDK's own loopback allowlists (Host and Origin). */
const LOOPBACK_HOSTNAMES = localhostAllowedHostnames();
const LOOPBACK_ORIGINS = localhostAllowedOrigins();

/** `localhost:7777` → `localhost`; `[::1]:7777` → `[::1]`; undefined when it is not a host[:port]. */
export function hostnameOf(hostHeader: string): string | undefined {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]/\s@]+)(?::(\d{1,5}))?$/.exec(hostHeader.trim());
  return m?.[1]?.toLowerCase();
}

/**
 * DNS-rebinding defence: a browser tricked into calling us sends the attacker's name as Host.
 * The SDK's `validateHostHeader` decides against its loopback list; brum is stricter in front of it:
 * the header must be exactly host[:port] (no user info, path or spaces, which the SDK's URL parsing
 * would drop) and the name must be written as allowed (`127.1` or `0x7f.1`, which URL parsing turns
 * into `127.0.0.1`, are refused).
 */
export function checkHost(host: string | undefined): Refusal | undefined {
  const name = host === undefined ? undefined : hostnameOf(host);
  const sdk = name === undefined ? undefined : validateHostHeader(host, LOOPBACK_HOSTNAMES);
  if (sdk?.ok && sdk.hostname === name) return undefined;
  return {
    status: 403,
    message: `Forbidden: Host header ${JSON.stringify(host ?? '')} is not a loopback name (use 127.0.0.1, localhost or [::1]).`,
  };
}

/**
 * A present Origin must be a loopback page; non-browser clients send none. The SDK's
 * `validateOriginHeader` decides, except that brum also refuses an empty Origin (the SDK lets it pass
 * like a missing one; no browser sends it).
 */
export function checkOrigin(origin: string | undefined): Refusal | undefined {
  if (origin === undefined) return undefined;
  if (origin !== '' && validateOriginHeader(origin, LOOPBACK_ORIGINS).ok) return undefined;
  return { status: 403, message: `Forbidden: Origin ${JSON.stringify(origin)} is not a loopback origin.` };
}

/** The per-start token, compared in constant time. */
export function checkAuth(authorization: string | undefined, token: string): Refusal | undefined {
  const presented = bearerToken(authorization);
  if (presented !== undefined && tokensMatch(presented, token)) return undefined;
  return {
    status: 401,
    message:
      presented === undefined
        ? 'Unauthorized: send "Authorization: Bearer <token>" (the token brum printed at start, also in its instance file).'
        : 'Unauthorized: wrong token. Each brum start makes a new one unless BRUM_TOKEN or --token-file is given.',
    headers: { 'WWW-Authenticate': 'Bearer realm="brum"' },
  };
}

/** A declared body size over the cap is refused before reading anything. */
export function checkContentLength(contentLength: string | undefined, maxBytes: number): Refusal | undefined {
  if (contentLength === undefined) return undefined;
  const n = Number(contentLength);
  if (Number.isFinite(n) && n <= maxBytes) return undefined;
  return tooLarge(maxBytes);
}

export function tooLarge(maxBytes: number): Refusal {
  return { status: 413, message: `Payload too large: the request body limit is ${maxBytes} bytes.` };
}

/** Too many wrong tokens lately (auth-limiter.ts): refused without looking at this one. */
export function tooManyAttempts(): Refusal {
  return {
    status: 429,
    message:
      'Too many failed token attempts: brum is slowing down guesses. Retry in a few seconds, with the token brum printed at start.',
    headers: { 'Retry-After': '2' },
  };
}
