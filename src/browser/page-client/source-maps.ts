/**
 * Maps a location a page reported (`http://127.0.0.1:7601/src/App.tsx?t=171…:12:5`) to the project's
 * source file (`src/App.tsx:10:3`) through the dev server's source maps, fetched from the dev server
 * itself (never from another origin), bounded in size and time, and cached.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import type { SourceLocation } from '../../core/browser/types.js';

export const MAX_SCRIPT_BYTES = 8 * 1024 * 1024;
export const MAX_MAP_BYTES = 16 * 1024 * 1024;
export const FETCH_TIMEOUT_MS = 2_000;
const MAX_CACHED = 64;

/** Where a page's scripts come from and where the project lives. */
export interface PageOrigin {
  /** The page's origin as the browser sees it (the proxy's, or the dev server's when direct). */
  readonly origin: string;
  /** The dev server's origin: maps are fetched from here. */
  readonly target: string;
  /** The dev server's directory: URL paths (`/src/App.tsx`) are files under it. */
  readonly root: string;
  /** Files are named relative to the project (default: `root`); a workspace's server runs in a subfolder. */
  readonly project?: string;
}

export interface RawLocation {
  readonly url: string;
  readonly line?: number;
  readonly column?: number;
}

export class SourceMapper {
  /** Script URL (on the dev server) → its map, or null when it has none or it could not be read. */
  readonly #maps = new Map<string, Promise<TraceMap | null>>();

  constructor(
    private readonly fetchText: (url: string, maxBytes: number) => Promise<string> = fetchBounded,
  ) {}

  /** The project location for a page location; never throws (falls back to a cleaned URL). */
  async map(raw: RawLocation, page: PageOrigin): Promise<SourceLocation> {
    const upstream = upstreamUrl(raw.url, page);
    if (upstream !== undefined && raw.line !== undefined && raw.line > 0) {
      const traced = await this.#trace(upstream, raw.line, raw.column ?? 1);
      if (traced !== undefined) {
        const file = projectFile(traced.source, page.root, page.project);
        if (file !== undefined) return { file, line: traced.line, column: traced.column, url: raw.url };
      }
    }
    return { ...plainLocation(raw, page), url: raw.url };
  }

  /**
   * A stack frame line (`at fn (url:line:col)`) with its location mapped, and that location;
   * unchanged (and no location) when it names none.
   */
  async mapFrame(frame: string, page: PageOrigin): Promise<{ text: string; location?: SourceLocation }> {
    const m = FRAME_LOCATION.exec(frame);
    if (m === null) return { text: frame };
    const mapped = await this.map({ url: m[1]!, line: Number(m[2]), column: Number(m[3]) }, page);
    const where = `${mapped.file}${mapped.line === undefined ? '' : `:${mapped.line}`}${mapped.column === undefined ? '' : `:${mapped.column}`}`;
    return { text: frame.slice(0, m.index) + where + frame.slice(m.index + m[0].length), location: mapped };
  }

  async #trace(
    scriptUrl: string,
    line: number,
    column: number,
  ): Promise<{ source: string; line: number; column: number } | undefined> {
    const map = await this.#mapFor(scriptUrl);
    if (map === null) return undefined;
    try {
      const pos = originalPositionFor(map, { line, column: Math.max(0, column - 1) });
      if (pos.source === null || pos.line === null) return undefined;
      return { source: pos.source, line: pos.line, column: (pos.column ?? 0) + 1 };
    } catch {
      return undefined;
    }
  }

  #mapFor(scriptUrl: string): Promise<TraceMap | null> {
    let entry = this.#maps.get(scriptUrl);
    if (entry === undefined) {
      entry = this.#load(scriptUrl).catch(() => null);
      this.#maps.set(scriptUrl, entry);
      if (this.#maps.size > MAX_CACHED) this.#maps.delete(this.#maps.keys().next().value!);
    }
    return entry;
  }

  async #load(scriptUrl: string): Promise<TraceMap | null> {
    const script = await this.fetchText(scriptUrl, MAX_SCRIPT_BYTES);
    const ref = lastSourceMappingUrl(script);
    if (ref === undefined) return null;
    let mapUrl: string;
    let json: string;
    if (ref.startsWith('data:')) {
      const comma = ref.indexOf(',');
      if (comma < 0 || ref.length > MAX_MAP_BYTES * 1.4) return null;
      const payload = ref.slice(comma + 1);
      json = /;base64$/i.test(ref.slice(0, comma))
        ? Buffer.from(payload, 'base64').toString('utf8')
        : decodeURIComponent(payload);
      mapUrl = scriptUrl;
    } else {
      mapUrl = new URL(ref, scriptUrl).href;
      if (new URL(mapUrl).origin !== new URL(scriptUrl).origin) return null; // never another origin
      json = await this.fetchText(mapUrl, MAX_MAP_BYTES);
    }
    return new TraceMap(json, mapUrl);
  }
}

/** `(url:line:col)` or ` url:line:col` at the end of a V8 stack frame. */
const FRAME_LOCATION = /(https?:\/\/[^\s()]+?):(\d+):(\d+)(?=\)?\s*$)/;

/** The URL to fetch a page script from on the dev server, or undefined for other origins. */
function upstreamUrl(url: string, page: PageOrigin): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.origin === page.target) return parsed.href;
    if (parsed.origin === page.origin) return new URL(parsed.pathname + parsed.search, page.target).href;
  } catch {
    // not a URL (`<anonymous>`, `eval at …`)
  }
  return undefined;
}

function lastSourceMappingUrl(script: string): string | undefined {
  const tail = script.length > 2_000_000 ? script.slice(-2_000_000) : script;
  let found: string | undefined;
  for (const m of tail.matchAll(/[#@] sourceMappingURL=([^\s'"]+)/g)) found = m[1];
  return found;
}

/**
 * A location in the project's own code: a relative path outside `node_modules` (not a URL, not an
 * absolute path outside the project, not a bundled dependency such as Vite's `.vite/deps`).
 */
export function isProjectFile(location: SourceLocation | undefined): boolean {
  if (location === undefined) return false;
  const file = location.file;
  return !file.startsWith('/') && !/^[a-z]+:/i.test(file) && !file.includes('node_modules/');
}

/** A source named by a map (a file URL, an absolute path, or a dev-server URL) → project-relative path. */
export function projectFile(source: string, root: string, project: string = root): string | undefined {
  let path: string | undefined;
  if (source.startsWith('file:')) {
    try {
      path = fileURLToPath(source);
    } catch {
      return undefined;
    }
  } else if (isAbsolute(source)) path = source;
  else {
    try {
      const url = new URL(source);
      let pathname = decodeURIComponent(url.pathname);
      if (pathname.startsWith('/@fs/')) pathname = pathname.slice(4); // Vite: a file outside its root
      path =
        pathname.startsWith(root + '/') || pathname.startsWith(project + '/')
          ? pathname
          : resolve(root, '.' + pathname);
    } catch {
      return undefined;
    }
  }
  const rel = relative(project, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return path; // outside the project: absolute
  return rel.split(sep).join('/');
}

/** Without a map: the path of a same-origin URL when that file exists in the project, else the URL without its query. */
function plainLocation(raw: RawLocation, page: PageOrigin): SourceLocation {
  let file = raw.url;
  try {
    const url = new URL(raw.url);
    if (url.origin === page.origin || url.origin === page.target) {
      const candidate = projectFile(url.href.split(/[?#]/)[0]!, page.root, page.project);
      const exists = candidate !== undefined && existsSync(resolve(page.project ?? page.root, candidate));
      file = exists ? candidate : url.pathname;
    } else file = url.origin + url.pathname;
  } catch {
    // keep it as reported
  }
  return { file, line: raw.line, column: raw.column };
}

/** GET `url` as text, at most `maxBytes`, within `FETCH_TIMEOUT_MS`. Rejects otherwise. */
export async function fetchBounded(url: string, maxBytes: number): Promise<string> {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    headers: { accept: '*/*' },
    redirect: 'error',
  });
  if (!response.ok || response.body === null) throw new Error(`${url}: HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new Error(`${url}: ${declared} bytes, over ${maxBytes}`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += (chunk as Uint8Array).byteLength;
    if (size > maxBytes) throw new Error(`${url}: over ${maxBytes} bytes`);
    chunks.push(chunk as Uint8Array);
  }
  return Buffer.concat(chunks).toString('utf8');
}
