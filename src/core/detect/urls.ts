import type { LogLine } from '../logs/types.js';
import type { UrlRecord } from './types.js';
import { detach } from './detach.js';

/**
 * Local and LAN URLs as dev servers print them. Host alternatives: localhost and `*.localhost`,
 * loopback / any-address IPs, IPv6 loopback/any, private IPv4 ranges. The host must not continue
 * as a longer public name (`localhost.example.com`), hence the negative lookahead.
 */
const URL_RE =
  /\bhttps?:\/\/(?:(?:[\w-]+\.)*localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1?\]|10(?:\.\d{1,3}){3}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2}|192\.168(?:\.\d{1,3}){2})(?![\w-]|\.[\w-])(?::\d{1,5})?(?:[/?#][^\s'"<>`]*)?/gi;
const TRAILING = /[.,;:!?)\]}'"]+$/;
const ANY_HOST = /^(https?:\/\/)(?:0\.0\.0\.0|\[::\])(?=[:/?#]|$)/i;

/** URLs taken from one line at most (a crafted line can hold thousands). */
export const MAX_URLS_PER_LINE = 20;

/**
 * Local/LAN http(s) URLs in a line of stripped text, in order, without duplicates, at most
 * {@link MAX_URLS_PER_LINE}. `0.0.0.0` and `[::]` become `localhost` (you cannot browse to the
 * any-address); trailing punctuation is dropped; the path is kept.
 */
export function findUrls(text: string): string[] {
  if (text.indexOf('http') === -1) return [];
  const out: string[] = [];
  let matches = 0;
  for (const m of text.matchAll(URL_RE)) {
    // Duplicates count too: a line of 3,000 copies of one URL stops after a few dozen matches.
    if (++matches > MAX_URLS_PER_LINE * 4 || out.length >= MAX_URLS_PER_LINE) break;
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

/** URLs kept per process: the first few a server announces, then the most recently seen. */
export const MAX_URLS_PER_PROCESS = 20;
/** Of those, how many of the first ones stay whatever comes later (`Local: http://localhost:5173/`). */
export const PINNED_URLS = 4;
/** Longer URLs are not recorded (they are request paths with payloads, not places to open). */
export const MAX_URL_LENGTH = 2048;

interface ProcessUrls {
  /** key → record; map order: pinned first, then least recently seen first. */
  readonly records: Map<string, UrlRecord>;
  readonly pinned: Set<string>;
}

/**
 * URLs seen per process, deduplicated and bounded: the first {@link PINNED_URLS} are kept, the rest is
 * a window of the most recently seen, {@link MAX_URLS_PER_PROCESS} in all. A server that logs every
 * request URL thus never grows the list (nor every snapshot that carries it).
 */
export class UrlTracker {
  readonly #byProcess = new Map<string, ProcessUrls>();

  /** Records the URLs in a line; returns only those not seen before (or evicted since) for its process. */
  add(line: LogLine): UrlRecord[] {
    const urls = findUrls(line.text);
    if (urls.length === 0) return [];
    let state = this.#byProcess.get(line.processId);
    if (!state) this.#byProcess.set(line.processId, (state = { records: new Map(), pinned: new Set() }));
    const seen = state.records;
    const added: UrlRecord[] = [];
    for (const url of urls) {
      if (url.length > MAX_URL_LENGTH) continue;
      const key = dedupeKey(url);
      const known = seen.get(key);
      if (known) {
        // Seen again: now the most recent of the window (pinned ones keep their place).
        if (!state.pinned.has(key)) {
          seen.delete(key);
          seen.set(key, known);
        }
        continue;
      }
      const record: UrlRecord = Object.freeze({
        processId: line.processId,
        url: detach(url), // a slice of the line would keep its whole pipe chunk alive
        firstSeen: line.ts,
        seq: line.seq,
      });
      seen.set(key, record);
      if (state.pinned.size < PINNED_URLS) state.pinned.add(key);
      added.push(record);
      if (seen.size > MAX_URLS_PER_PROCESS) this.#evictOldest(state);
    }
    return added;
  }

  #evictOldest(state: ProcessUrls): void {
    for (const key of state.records.keys()) {
      if (state.pinned.has(key)) continue;
      state.records.delete(key);
      return;
    }
  }

  /**
   * URLs of one process (the first ones, then the rest from least to most recently seen), or of all
   * processes ordered by first appearance.
   */
  list(processId?: string): UrlRecord[] {
    if (processId !== undefined) return [...(this.#byProcess.get(processId)?.records.values() ?? [])];
    const all: UrlRecord[] = [];
    for (const m of this.#byProcess.values()) all.push(...m.records.values());
    return all.sort((a, b) => a.seq - b.seq);
  }

  /** Forgets a process's URLs (e.g. at restart, when the port may change). */
  clear(processId: string): void {
    this.#byProcess.delete(processId);
  }
}
