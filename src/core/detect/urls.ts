import type { LogLine } from '../logs/types.js';
import type { UrlRecord } from './types.js';

/**
 * Local and LAN URLs as dev servers print them. Host alternatives: localhost and `*.localhost`,
 * loopback / any-address IPs, IPv6 loopback/any, private IPv4 ranges. The host must not continue
 * as a longer public name (`localhost.example.com`), hence the negative lookahead.
 */
const URL_RE =
  /\bhttps?:\/\/(?:(?:[\w-]+\.)*localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1?\]|10(?:\.\d{1,3}){3}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2}|192\.168(?:\.\d{1,3}){2})(?![\w-]|\.[\w-])(?::\d{1,5})?(?:[/?#][^\s'"<>`]*)?/gi;
const TRAILING = /[.,;:!?)\]}'"]+$/;
const ANY_HOST = /^(https?:\/\/)(?:0\.0\.0\.0|\[::\])(?=[:/?#]|$)/i;

/**
 * Local/LAN http(s) URLs in a line of stripped text, in order, without duplicates.
 * `0.0.0.0` and `[::]` become `localhost` (you cannot browse to the any-address); trailing punctuation
 * is dropped; the path is kept.
 */
export function findUrls(text: string): string[] {
  if (text.indexOf('http') === -1) return [];
  const out: string[] = [];
  for (const m of text.matchAll(URL_RE)) {
    let url = m[0].replace(TRAILING, '');
    // Keep a closing parenthesis that belongs to the URL's own path, e.g. `/wiki/Foo_(bar)`.
    if (m[0].length > url.length && m[0][url.length] === ')' && url.includes('(')) url += ')';
    url = url.replace(ANY_HOST, '$1localhost');
    if (!out.includes(url)) out.push(url);
  }
  return out;
}

/** `http://localhost:3000` and `http://localhost:3000/` are the same page. */
function dedupeKey(url: string): string {
  return url.replace(/^(https?:\/\/[^/?#]+)\/$/, '$1').toLowerCase();
}

/** URLs seen per process, deduplicated, in order of first appearance. */
export class UrlTracker {
  readonly #byProcess = new Map<string, Map<string, UrlRecord>>();

  /** Records the URLs in a line; returns only those not seen before for its process. */
  add(line: LogLine): UrlRecord[] {
    const urls = findUrls(line.text);
    if (urls.length === 0) return [];
    let seen = this.#byProcess.get(line.processId);
    if (!seen) this.#byProcess.set(line.processId, (seen = new Map()));
    const added: UrlRecord[] = [];
    for (const url of urls) {
      const key = dedupeKey(url);
      if (seen.has(key)) continue;
      const record: UrlRecord = Object.freeze({
        processId: line.processId,
        url,
        firstSeen: line.ts,
        seq: line.seq,
      });
      seen.set(key, record);
      added.push(record);
    }
    return added;
  }

  /** URLs of one process, or of all processes ordered by first appearance. */
  list(processId?: string): UrlRecord[] {
    if (processId !== undefined) return [...(this.#byProcess.get(processId)?.values() ?? [])];
    const all: UrlRecord[] = [];
    for (const m of this.#byProcess.values()) all.push(...m.values());
    return all.sort((a, b) => a.seq - b.seq);
  }

  /** Forgets a process's URLs (e.g. at restart, when the port may change). */
  clear(processId: string): void {
    this.#byProcess.delete(processId);
  }
}
