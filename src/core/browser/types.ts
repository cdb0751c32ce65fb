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

// ---- the command channel: brum → one tab (issue 14's tools build on it)

/**
 * What brum can ask one tab to do. Only brum sends these (a front-end on behalf of the person or an
 * MCP client); nothing a page sends can start one.
 */
export type BrowserCommand =
  | {
      readonly type: 'eval';
      /** An expression, or a function body that may `await` and `return`. */
      readonly code: string;
    }
  | { readonly type: 'navigate'; readonly url: string }
  | { readonly type: 'reload' };

/** One console message the page printed while a command ran (`eval`). Page output. */
export interface CommandConsoleLine {
  readonly level: TelemetryLevel;
  readonly text: string;
}

/**
 * The page's answer. `ok: false` is the page's own failure (the evaluated code threw, a URL it
 * refused); failures to deliver or to get an answer reject with a `BrumError` instead
 * (`UNKNOWN_TAB`, `TAB_DISCONNECTED`, `COMMAND_TIMEOUT`, `BROWSER_UNAVAILABLE`).
 */
export interface CommandResult {
  readonly id: string;
  readonly tab: string;
  /** The load the command ran in (a navigate/reload starts a new one after answering). */
  readonly load: string;
  readonly ok: boolean;
  /** `eval`: the value, serialised by the page within depth/size bounds. */
  readonly value?: unknown;
  readonly error?: string;
  readonly stack?: readonly string[];
  /** `eval`: console output produced while it ran (bounded). */
  readonly console?: readonly CommandConsoleLine[];
  /** The page cut the value or console output to stay within its bounds. */
  readonly truncated?: boolean;
  readonly durationMs: number;
}

/** A command as it goes over the wire, with its id and the page-side deadline. */
export type CommandMessage = BrowserCommand & { readonly id: string; readonly timeoutMs: number };

/** The network side of the command channel; the page-client endpoint attaches one. */
export interface CommandPort {
  /** Sends to the tab's live connection; false when the tab has none. */
  send(tab: string, command: CommandMessage): boolean;
}

/** What a page reported in one event, before the store stamps it. */
export type TelemetryEventInput = Omit<TelemetryEvent, 'seq' | 'tab' | 'load' | 'processId'>;

/** A tab's fields as the endpoint knows them when it (re)connects. */
export type TabHello = Omit<TabSession, 'connected' | 'connectedAt' | 'lastSeen'>;

/** What front-ends read. */
export interface BrowserView {
  proxies(): readonly ProxyInfo[];
  /** The proxied URL for a URL a process printed (same origin → proxy origin), if a proxy serves it. */
  proxyUrlFor(url: string): string | undefined;
  requests(query?: RequestQuery): Page<ProxyRequestRecord>;
  sessions(): readonly TabSession[];
  events(query?: EventQuery): Page<TelemetryEvent>;
  /**
   * `events(query)`, but when nothing matches yet, waits up to `waitMs` for a matching event (or until
   * `signal` aborts). Always removes what it registered.
   */
  waitForEvents(query: EventQuery, waitMs: number, signal?: AbortSignal): Promise<Page<TelemetryEvent>>;
  /** How many tabs have a live page client now (the TUI header shows it). */
  openTabs(): number;
  /**
   * Sends a command to one tab and resolves with its answer. Rejects with a `BrumError`: `UNKNOWN_TAB`,
   * `TAB_DISCONNECTED` (not connected, or it disconnected before answering), `COMMAND_TIMEOUT`,
   * `BROWSER_UNAVAILABLE` (no page-client endpoint is running).
   */
  command(tab: string, command: BrowserCommand, timeoutMs?: number): Promise<CommandResult>;
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

  // ---- tabs and page events (the page-client endpoint)
  /** A tab's page client connected (a new tab, a reload, a navigation: `load` says which load). */
  tabConnected(hello: TabHello): TabSession;
  /** The page's URL, title or viewport changed (client-side navigation, `document.title`). */
  tabUpdated(tab: string, patch: Partial<Pick<TabSession, 'url' | 'title' | 'viewport'>>): void;
  /** The connection of load `load` of the tab closed. A newer load's connection is not affected. */
  tabDisconnected(tab: string, load: string): void;
  /** Stores events a tab's current load reported (already validated and bounded). Returns them stamped. */
  pageEvents(tab: string, events: readonly TelemetryEventInput[]): readonly TelemetryEvent[];
  /** Attaches the network side of the command channel; the returned function detaches it. */
  attachCommandPort(port: CommandPort): Unsubscribe;
  /** A tab answered command `id`. Answers to unknown ids, or from a tab the command was not sent to, are ignored. */
  commandAnswered(tab: string, answer: Omit<CommandResult, 'tab' | 'load' | 'durationMs'>): void;
}
