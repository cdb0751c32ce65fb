/**
 * Tabs with a page client and the events their pages reported: a bounded map of sessions and a ring
 * of events (bounded by count and by bytes) read with cursors, like logs.
 */
import type { TypedEmitter } from '../events.js';
import type {
  BrowserEvents,
  EventQuery,
  Page,
  TabHello,
  TabSession,
  TelemetryEvent,
  TelemetryEventInput,
} from './types.js';

export const MAX_EVENTS = 5_000;
/** Approximate bytes (JSON length) of all stored events. */
export const MAX_EVENT_BYTES = 8 * 1024 * 1024;
/** Tabs remembered; past it the longest-disconnected ones are forgotten. */
export const MAX_SESSIONS = 200;
export const DEFAULT_EVENT_PAGE = 100;
export const MAX_EVENT_PAGE = 1_000;

export class TabStore {
  readonly #sessions = new Map<string, TabSession>();
  /** Oldest first from `#head`; seqs are consecutive, so an event's index is `seq - first seq`. */
  #events: TelemetryEvent[] = [];
  #sizes: number[] = [];
  #head = 0;
  #bytes = 0;
  #nextSeq = 1;

  constructor(
    private readonly emitter: TypedEmitter<BrowserEvents>,
    private readonly now: () => number,
    /** The process whose dev server serves `url` (through its proxy), if any. */
    private readonly processFor: (url: string) => string | undefined,
  ) {}

  sessions(): readonly TabSession[] {
    return [...this.#sessions.values()].sort((a, b) => b.lastSeen - a.lastSeen);
  }

  get(tab: string): TabSession | undefined {
    return this.#sessions.get(tab);
  }

  openTabs(): number {
    let n = 0;
    for (const s of this.#sessions.values()) if (s.connected) n++;
    return n;
  }

  connected(hello: TabHello): TabSession {
    const time = this.now();
    const session = Object.freeze({
      ...hello,
      processId: hello.processId ?? this.processFor(hello.url),
      connected: true,
      connectedAt: time,
      lastSeen: time,
    });
    this.#sessions.delete(hello.tab); // re-insert: the Map's order is the order of last connection
    this.#sessions.set(hello.tab, session);
    this.#forgetOld();
    this.emitter.emit('session', session);
    return session;
  }

  updated(tab: string, patch: Partial<Pick<TabSession, 'url' | 'title' | 'viewport'>>): void {
    const current = this.#sessions.get(tab);
    if (current === undefined) return;
    this.#replace({ ...current, ...patch, lastSeen: this.now() });
  }

  disconnected(tab: string, load: string): boolean {
    const current = this.#sessions.get(tab);
    if (current === undefined || current.load !== load || !current.connected) return false;
    this.#replace({ ...current, connected: false, lastSeen: this.now() });
    return true;
  }

  add(tab: string, inputs: readonly TelemetryEventInput[]): readonly TelemetryEvent[] {
    const session = this.#sessions.get(tab);
    if (session === undefined || inputs.length === 0) return [];
    const out: TelemetryEvent[] = [];
    for (const input of inputs) {
      const event: TelemetryEvent = Object.freeze({
        ...input,
        seq: this.#nextSeq++,
        tab,
        load: session.load,
        processId: session.processId,
      });
      const size = approximateSize(event);
      this.#events.push(event);
      this.#sizes.push(size);
      this.#bytes += size;
      out.push(event);
    }
    this.#evict();
    this.#replace({ ...session, lastSeen: this.now() }, false);
    for (const event of out) this.emitter.emit('event', event);
    return out;
  }

  events(query: EventQuery = {}): Page<TelemetryEvent> {
    const since = query.since ?? 0;
    const limit = Math.min(Math.max(1, query.limit ?? DEFAULT_EVENT_PAGE), MAX_EVENT_PAGE);
    const first = this.#events[this.#head]?.seq ?? this.#nextSeq;
    const gap = since < first - 1 && first > 1;
    const items: TelemetryEvent[] = [];
    let nextCursor = since;
    let truncated = false;
    for (let i = this.#head + Math.max(0, since - first + 1); i < this.#events.length; i++) {
      const event = this.#events[i]!;
      if (!matches(event, query)) {
        nextCursor = event.seq;
        continue;
      }
      if (items.length === limit) {
        truncated = true;
        break;
      }
      items.push(event);
      nextCursor = event.seq;
    }
    return { items, nextCursor, truncated, gap };
  }

  /** `events(query)`, waiting up to `waitMs` for a first match when there is none yet. */
  waitForEvents(query: EventQuery, waitMs: number, signal?: AbortSignal): Promise<Page<TelemetryEvent>> {
    const page = this.events(query);
    if (page.items.length > 0 || waitMs <= 0 || signal?.aborted) return Promise.resolve(page);
    const after = { ...query, since: page.nextCursor };
    return new Promise((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        unsubscribe();
        clearTimeout(timer);
        signal?.removeEventListener('abort', finish);
        // Read once the batch that woke us is fully stored (listeners run per event).
        queueMicrotask(() => resolve(this.events(after)));
      };
      const unsubscribe = this.emitter.on('event', (event) => {
        if (matches(event, after)) finish();
      });
      const timer = setTimeout(finish, waitMs);
      signal?.addEventListener('abort', finish, { once: true });
    });
  }

  #replace(session: TabSession, emit = true): void {
    const frozen = Object.freeze(session);
    this.#sessions.set(session.tab, frozen);
    if (emit) this.emitter.emit('session', frozen);
  }

  #evict(): void {
    while (this.#events.length - this.#head > MAX_EVENTS || this.#bytes > MAX_EVENT_BYTES) {
      this.#bytes -= this.#sizes[this.#head]!;
      this.#head++;
    }
    // Compact once the dead prefix is as long as what is kept: O(1) amortised per event.
    if (this.#head > 1024 && this.#head * 2 > this.#events.length) {
      this.#events = this.#events.slice(this.#head);
      this.#sizes = this.#sizes.slice(this.#head);
      this.#head = 0;
    }
  }

  #forgetOld(): void {
    if (this.#sessions.size <= MAX_SESSIONS) return;
    const gone = [...this.#sessions.values()]
      .filter((s) => !s.connected)
      .sort((a, b) => a.lastSeen - b.lastSeen)
      .slice(0, this.#sessions.size - MAX_SESSIONS);
    for (const s of gone) this.#sessions.delete(s.tab);
  }
}

function matches(event: TelemetryEvent, query: EventQuery): boolean {
  if (query.since !== undefined && event.seq <= query.since) return false;
  if (query.tab !== undefined && event.tab !== query.tab) return false;
  if (query.kind !== undefined && event.kind !== query.kind) return false;
  if (query.level !== undefined && event.level !== query.level) return false;
  return true;
}

/** What an event costs the byte budget: its text fields (the client bounds each of them). */
function approximateSize(event: TelemetryEvent): number {
  let size = 96 + event.message.length;
  if (event.stack) for (const frame of event.stack) size += frame.length + 8;
  if (event.location) size += event.location.file.length + (event.location.url?.length ?? 0) + 16;
  if (event.data) size += JSON.stringify(event.data).length;
  return size;
}
