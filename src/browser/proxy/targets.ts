/** Which URLs a process prints get a proxy: loopback http(s) origins, one proxy per origin. */
import { httpUrl } from '../../core/http-url.js';

const LOOPBACK = /^(?:localhost|(?:[\w-]+\.)+localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** The origin to proxy for a URL a process printed, or undefined (not loopback, not http, unparsable). */
export function proxyTarget(url: string): string | undefined {
  const parsed = httpUrl(url);
  if (parsed === undefined || !LOOPBACK.test(parsed.hostname)) return undefined;
  return parsed.origin;
}

/** The port an origin names (its scheme's default when none is written). */
export function portOf(origin: string): number {
  const parsed = new URL(origin);
  return parsed.port === '' ? (parsed.protocol === 'https:' ? 443 : 80) : Number(parsed.port);
}
