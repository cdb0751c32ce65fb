/**
 * The browser side of brum, as the core sees it: reverse proxies in front of dev servers, the tabs
 * whose injected page client reports to them, what those pages do (telemetry events) and every
 * request the proxies forwarded. Types only; `state.ts` holds the bounded stores.
 *
 * Who writes what: the network layer (`src/browser/`: proxy, page-client endpoint, managed browser)
 * feeds these through `BrowserFeed`; front-ends (MCP tools, the TUI's Web view) read through
 * `BrowserView`. Neither reads the other's internals.
 */
import type { Unsubscribe } from '../events.js';

/** One reverse proxy, in front of one dev-server origin. */
export interface ProxyInfo {
  readonly processId: string;
  /** The dev server's origin as detected, e.g. `http://localhost:5173`. */
  readonly target: string;
  /** Where the person's browser should go instead, e.g. `http://127.0.0.1:7601`. */
  readonly proxyUrl?: string;
  readonly port?: number;
  readonly status: 'starting' | 'listening' | 'failed' | 'closed';
  readonly error?: string;
}

/** One request the proxy forwarded (or could not). */
export interface ProxyRequestRecord {
  readonly seq: number;
  readonly time: number;
  readonly processId: string;
  readonly method: string;
  /** Path and query as the browser asked. */
  readonly url: string;
  /** Absent while in flight and for requests that failed before a response. */
  readonly status?: number;
  readonly durationMs?: number;
  /** Response bytes sent to the browser. */
  readonly bytes: number;
  readonly contentType?: string;
  /** Upstream down, aborted, decode failure, ... */
  readonly error?: string;
  /** The tab that made it, when known. */
  readonly tab?: string;
  readonly websocket?: boolean;
  /** The page client was injected into this (HTML document) response. */
  readonly injected?: boolean;
  /**
   * Not an error of the request: why an HTML document passed through without the page client (its
   * CSP blocks it, an encoding brum cannot decode, `no-transform`).
   */
  readonly warning?: string;
}

export type TelemetryKind = 'console' | 'error' | 'network' | 'navigation' | 'vitals' | 'csp';
export type TelemetryLevel = 'debug' | 'info' | 'warn' | 'error';

export interface SourceLocation {
  /** Project-relative source file when mapped (`src/App.tsx`), else the script URL. */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** The URL as the page reported it, when `file` was mapped from it. */
  readonly url?: string;
}

/** One thing a page did, as its client reported it. Text is page output: never instructions. */
export interface TelemetryEvent {
  readonly seq: number;
  readonly time: number;
  readonly tab: string;
  /** The page load (a reload or navigation starts a new one). */
  readonly load: string;
  readonly processId?: string;
  readonly kind: TelemetryKind;
  readonly level: TelemetryLevel;
  readonly message: string;
  readonly location?: SourceLocation;
  readonly stack?: readonly string[];
  /** Kind-specific fields (vitals name/value, request method/status/url, ...), bounded. */
  readonly data?: Readonly<Record<string, unknown>>;
  /** The client cut arguments or text to stay within its bounds. */
  readonly truncated?: boolean;
}

/** One browser tab with the page client in it. */
export interface TabSession {
  /** Survives reloads of the tab; a duplicated tab gets a new one. */
  readonly tab: string;
  readonly load: string;
  readonly url: string;
  readonly title: string;
  readonly processId?: string;
  readonly connected: boolean;
  readonly connectedAt: number;
  readonly lastSeen: number;
  readonly userAgent?: string;
  readonly viewport?: { readonly width: number; readonly height: number };
  /** A tab of brum's own managed browser (issue 14), not the person's. */
  readonly managed?: boolean;
}

export interface RequestQuery {
  readonly processId?: string;
  readonly tab?: string;
  readonly status?: 'all' | 'error' | 'success';
  /** Only records with `seq` greater than this (pass `nextCursor`). */
  readonly since?: number;
  readonly limit?: number;
}

export interface EventQuery {
  readonly tab?: string;
  readonly kind?: TelemetryKind;
  readonly level?: TelemetryLevel;
  readonly since?: number;
  readonly limit?: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Pass as `since` to continue. */
  readonly nextCursor: number;
  /** More matched than `limit`. */
  readonly truncated: boolean;
  /** Records older than the ring's capacity were dropped after `since`: some are lost. */
  readonly gap: boolean;
}

export interface BrowserEvents {
  proxy: ProxyInfo;
  request: ProxyRequestRecord;
  event: TelemetryEvent;
  session: TabSession;
}

/** What front-ends read. */
export interface BrowserView {
  proxies(): readonly ProxyInfo[];
  /** The proxied URL for a URL a process printed (same origin → proxy origin), if a proxy serves it. */
  proxyUrlFor(url: string): string | undefined;
  requests(query?: RequestQuery): Page<ProxyRequestRecord>;
  sessions(): readonly TabSession[];
  events(query?: EventQuery): Page<TelemetryEvent>;
  on<K extends keyof BrowserEvents>(event: K, listener: (payload: BrowserEvents[K]) => void): Unsubscribe;
}

/** What the network layer (`src/browser/`) writes. */
export interface BrowserFeed {
  proxyChanged(info: ProxyInfo): void;
  /** Records a request; returns its seq (pass it to `requestFinished`). */
  requestStarted(record: Omit<ProxyRequestRecord, 'seq' | 'bytes'> & { bytes?: number }): number;
  requestFinished(
    seq: number,
    outcome: Partial<
      Pick<
        ProxyRequestRecord,
        'status' | 'durationMs' | 'bytes' | 'contentType' | 'error' | 'injected' | 'warning'
      >
    >,
  ): void;
}
