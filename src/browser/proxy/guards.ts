/**
 * Who may talk to a proxy: pure checks over header values, so they are easy to test exhaustively.
 * Everything is refused unless it is addressed to this proxy by a loopback name (DNS rebinding), and
 * brum's reserved paths also need the page's own Origin and the per-run secret the injected tag carries.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface Refusal {
  readonly status: 400 | 403 | 404 | 405 | 429;
  readonly message: string;
}

const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `localhost:7601` → `{ hostname: 'localhost', port: 7601 }`; undefined when it is not a host[:port]. */
function parseHost(host: string): { hostname: string; port?: number } | undefined {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]/\s@]+)(?::(\d{1,5}))?$/.exec(host.trim());
  if (!m) return undefined;
  return { hostname: m[1]!.toLowerCase(), ...(m[2] !== undefined ? { port: Number(m[2]) } : {}) };
}

/** The Host header must name this proxy by a loopback name and its port: anything else is a rebinding attempt. */
export function checkHost(host: string | undefined, port: number): Refusal | undefined {
  const parsed = host === undefined ? undefined : parseHost(host);
  if (parsed && LOOPBACK_HOSTNAMES.has(parsed.hostname) && (parsed.port ?? 80) === port) return undefined;
  return {
    status: 403,
    message: `Forbidden: Host ${JSON.stringify(host ?? '')} is not this proxy (use http://127.0.0.1:${port} or http://localhost:${port}).`,
  };
}

/** The origins a page served by this proxy can have (`localhost` and `127.0.0.1` spellings). */
export function ownOrigins(port: number): ReadonlySet<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`]);
}

/** Constant-time comparison of the presented secret with the run's. */
export function secretMatches(presented: string | null | undefined, secret: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A request for a reserved path: the secret, and — when the browser says where it comes from — this
 * proxy's own origin, same-origin fetch metadata. A WebSocket always carries Origin, so it must match.
 */
export function checkReserved(
  headers: IncomingHttpHeaders,
  url: URL,
  port: number,
  secret: string,
  websocket: boolean,
): Refusal | undefined {
  const origin = headers.origin;
  if (websocket && origin === undefined)
    return { status: 403, message: 'Forbidden: a page-client socket must come from the page (no Origin).' };
  if (origin !== undefined && !ownOrigins(port).has(origin))
    return { status: 403, message: `Forbidden: Origin ${JSON.stringify(origin)} is not this proxy's page.` };
  const site = headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none')
    return { status: 403, message: `Forbidden: a ${site} request for brum's page client.` };
  if (!secretMatches(url.searchParams.get('s'), secret))
    return { status: 403, message: 'Forbidden: missing or wrong page-client secret.' };
  return undefined;
}
