/**
 * The page client's wire protocol, shared by the injected script (compiled for the browser) and its
 * endpoint in brum. Types and constants only: no imports, so both sides can use it.
 *
 * One WebSocket per page load, to the page's own origin: `WS_PATH?s=<secret>`. JSON text frames.
 * Page → brum: `hello` first, then `events` batches, `page` updates and command `result`s — data
 * only, validated and rate-limited; nothing the page sends makes brum act. Brum → page: `cmd`.
 */

export const PROTOCOL_VERSION = 1;
export const SCRIPT_PATH = '/__brum/client.js';
export const WS_PATH = '/__brum/ws';

/** Bounds both sides keep; the endpoint enforces them, the client stays within them. */
export const LIMITS = {
  /** One frame from the page (UTF-8 bytes); larger ones close the connection (1009). The proxy's
   * WebSocket server enforces the same cap (`maxPayload`). */
  maxMessageBytes: 64 * 1024,
  /** The client fills a batch up to this many bytes, well under the frame cap. */
  batchBytes: 40 * 1024,
  maxEventsPerBatch: 100,
  /** Characters of one event's message (console text, error message). */
  maxMessageChars: 8 * 1024,
  maxStackFrames: 30,
  maxFrameChars: 400,
  maxUrlChars: 2048,
  /** Serialising console arguments and evaluated values. */
  maxDepth: 4,
  maxKeys: 50,
  maxArrayItems: 50,
  maxStringChars: 2 * 1024,
  /** A command result's value, serialised (characters). */
  maxValueChars: 16 * 1024,
  /** Console lines a command result carries, and their characters in total. */
  maxResultConsoleLines: 50,
  maxResultConsoleChars: 8 * 1024,
  /** The client sends at most one batch per this many ms. */
  batchMs: 250,
  /** Events the client queues while disconnected or behind; older ones are dropped and counted. */
  queueMax: 500,
  /** Events per second one connection may send (sustained), and the burst above it. */
  eventsPerSecond: 200,
  eventBurst: 1_000,
} as const;

export type WireKind = 'console' | 'error' | 'network' | 'navigation' | 'vitals' | 'csp';
export type WireLevel = 'debug' | 'info' | 'warn' | 'error';

export interface WireLocation {
  url: string;
  line?: number;
  col?: number;
}

export interface WireEvent {
  k: WireKind;
  l: WireLevel;
  m: string;
  /** Epoch ms in the page. */
  ts: number;
  stack?: string[];
  src?: WireLocation;
  data?: Record<string, string | number | boolean | null>;
  /** Cut to stay within bounds. */
  tr?: boolean;
}

export interface HelloMessage {
  t: 'hello';
  v: number;
  tab: string;
  load: string;
  url: string;
  title: string;
  ua: string;
  vw: number;
  vh: number;
  /** How this load began (`performance.getEntriesByType('navigation')[0].type`). */
  nav: string;
  /** This tab's id was new because the tab is a duplicate of another. */
  dup: boolean;
}

export interface EventsMessage {
  t: 'events';
  ev: WireEvent[];
  /** Events the client dropped since its last batch (queue full). */
  dropped: number;
}

export interface PageMessage {
  t: 'page';
  url?: string;
  title?: string;
  vw?: number;
  vh?: number;
}

export interface ResultMessage {
  t: 'result';
  id: string;
  ok: boolean;
  value?: unknown;
  error?: string;
  stack?: string[];
  console?: { level: WireLevel; text: string }[];
  tr?: boolean;
}

export type PageToBrum = HelloMessage | EventsMessage | PageMessage | ResultMessage;

export type CommandWire =
  | { t: 'cmd'; id: string; type: 'eval'; code: string; timeoutMs: number }
  | { t: 'cmd'; id: string; type: 'navigate'; url: string; timeoutMs: number }
  | { t: 'cmd'; id: string; type: 'reload'; timeoutMs: number };

export type BrumToPage = CommandWire;
