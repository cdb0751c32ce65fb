/**
 * The browser side's bounded state: proxies by target, a ring of proxied requests, tabs and page
 * events. One per engine (`engine.browser`). The network layer feeds it; front-ends read it.
 */
import { TypedEmitter, type Unsubscribe } from '../events.js';
import { SeqRing } from './ring.js';
import { CommandChannel } from './commands.js';
import { PageErrors, type BrowserErrorSink } from './page-errors.js';
import { TabStore } from './tabs.js';
import type {
  BrowserCommand,
  BrowserControl,
  BrowserEvents,
  BrowserFeed,
  BrowserView,
  CommandPort,
  CommandResult,
  EventQuery,
  Page,
  ProxyInfo,
  ProxyRequestRecord,
  RequestQuery,
  TabHello,
  TabSession,
  TelemetryEvent,
  TelemetryEventInput,
} from './types.js';

export const MAX_REQUEST_RECORDS = 2000;
const DEFAULT_PAGE = 100;

export class BrowserState implements BrowserView, BrowserFeed {
  readonly #events: TypedEmitter<BrowserEvents>;
  readonly #proxies = new Map<string, ProxyInfo>();
  /** Oldest first; `seq` increases by one, so a record's index is `seq - first seq`. */
  readonly #requests = new SeqRing<ProxyRequestRecord>(MAX_REQUEST_RECORDS);
  #nextRequestSeq = 1;
  readonly #tabs: TabStore;
  readonly #commands: CommandChannel;
  readonly #pageErrors: PageErrors | undefined;
  #control: BrowserControl | undefined;

  /** `errors`: where browser errors become error records (the engine's detector); none in unit tests. */
  constructor(
    private readonly now: () => number,
    onListenerError: (error: unknown, event: keyof BrowserEvents) => void,
    errors?: BrowserErrorSink,
  ) {
    this.#events = new TypedEmitter<BrowserEvents>((error, event) => onListenerError(error, event));
    this.#tabs = new TabStore(this.#events, now, (url) => this.#processServing(url));
    this.#commands = new CommandChannel(
      (tab) => this.#tabs.get(tab),
      () => this.#tabs.sessions(),
      now,
    );
    this.#pageErrors = errors === undefined ? undefined : new PageErrors(errors, now);
  }

  on<K extends keyof BrowserEvents>(event: K, listener: (payload: BrowserEvents[K]) => void): Unsubscribe {
    return this.#events.on(event, listener);
  }

  // ---- control (the managed browser; attached by the composition root)
  control(): BrowserControl | undefined {
    return this.#control;
  }

  attachControl(control: BrowserControl): void {
    this.#control = control;
  }

  /** Closes what the network layer attached (the managed browser). Part of `engine.shutdown()`. */
  async close(): Promise<void> {
    await this.#control?.close();
  }

  /** Synchronous last resort (exit paths): kills the managed browser. */
  killNow(): void {
    this.#control?.killNow();
  }

  // ---- proxies
  proxies(): readonly ProxyInfo[] {
    return [...this.#proxies.values()];
  }

  proxyChanged(info: ProxyInfo): void {
    const frozen = Object.freeze({ ...info });
    this.#proxies.set(info.target, frozen);
    this.#events.emit('proxy', frozen);
  }

  proxyUrlFor(url: string): string | undefined {
    if (this.#proxies.size === 0) return undefined; // asked for every URL of every process per status call
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    const proxy = this.#proxies.get(parsed.origin);
    if (!proxy?.proxyUrl || proxy.status !== 'listening') return undefined;
    return new URL(parsed.pathname + parsed.search + parsed.hash, proxy.proxyUrl).href;
  }

  // ---- requests
  requestStarted(record: Omit<ProxyRequestRecord, 'seq' | 'bytes'> & { bytes?: number }): number {
    const seq = this.#nextRequestSeq++;
    const stored = Object.freeze({ ...record, bytes: record.bytes ?? 0, seq });
    this.#requests.push(stored);
    this.#events.emit('request', stored);
    return seq;
  }

  requestFinished(seq: number, outcome: Parameters<BrowserFeed['requestFinished']>[1]): void {
    const current = this.#requests.get(seq);
    if (!current) return; // already evicted from the ring
    const updated = Object.freeze({ ...current, ...outcome });
    this.#requests.replace(updated);
    this.#events.emit('request', updated);
  }

  requests(query: RequestQuery = {}): Page<ProxyRequestRecord> {
    return pageOf(this.#requests, query.since ?? 0, query.limit ?? DEFAULT_PAGE, (r) => {
      if (query.processId !== undefined && r.processId !== query.processId) return false;
      if (query.tab !== undefined && r.tab !== query.tab) return false;
      if (query.status === 'error') return r.error !== undefined || (r.status ?? 0) >= 400;
      if (query.status === 'success')
        return r.error === undefined && r.status !== undefined && r.status < 400;
      return true;
    });
  }

  // ---- tabs and page events (fed by the page-client endpoint; tabs.ts)
  sessions(): readonly TabSession[] {
    return this.#tabs.sessions();
  }

  openTabs(): number {
    return this.#tabs.openTabs();
  }

  events(query: EventQuery = {}): Page<TelemetryEvent> {
    return this.#tabs.events(query);
  }

  waitForEvents(query: EventQuery, waitMs: number, signal?: AbortSignal): Promise<Page<TelemetryEvent>> {
    return this.#tabs.waitForEvents(query, waitMs, signal);
  }

  tabConnected(hello: TabHello): TabSession {
    const previous = this.#tabs.get(hello.tab);
    // A reload's new connection can arrive before the old one's close: that load is over.
    if (previous?.connected && previous.load !== hello.load)
      this.#commands.disconnected(hello.tab, previous.load);
    const session = this.#tabs.connected(hello);
    this.#pageErrors?.loadStarted(session.tab, session.load);
    return session;
  }

  tabUpdated(tab: string, patch: Partial<Pick<TabSession, 'url' | 'title' | 'viewport'>>): void {
    this.#tabs.updated(tab, patch);
  }

  tabDisconnected(tab: string, load: string): void {
    this.#tabs.disconnected(tab, load);
    this.#commands.disconnected(tab, load);
  }

  pageEvents(tab: string, events: readonly TelemetryEventInput[]): readonly TelemetryEvent[] {
    const stored = this.#tabs.add(tab, events);
    if (stored.length > 0) this.#pageErrors?.onEvents(tab, stored);
    return stored;
  }

  // ---- commands brum → one tab (commands.ts)
  command(tab: string, command: BrowserCommand, timeoutMs?: number): Promise<CommandResult> {
    return this.#commands.send(tab, command, timeoutMs);
  }

  attachCommandPort(port: CommandPort): Unsubscribe {
    return this.#commands.attach(port);
  }

  commandAnswered(tab: string, answer: Omit<CommandResult, 'tab' | 'load' | 'durationMs'>): void {
    this.#commands.answered(tab, answer);
  }

  /** Stops timers (engine shutdown). */
  dispose(): void {
    this.#pageErrors?.dispose();
  }

  /** The process whose proxy serves `url`'s origin (a tab's page), if any. */
  #processServing(url: string): string | undefined {
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      return undefined;
    }
    for (const proxy of this.#proxies.values()) {
      if (proxy.proxyUrl === undefined) continue;
      try {
        if (new URL(proxy.proxyUrl).origin === origin) return proxy.processId;
      } catch {
        // a malformed proxyUrl serves nothing
      }
    }
    return undefined;
  }

  /** Current time, for feeders that stamp records. */
  time(): number {
    return this.now();
  }
}

/** Records after `since` that match, oldest first, at most `limit`. */
function pageOf<T extends { readonly seq: number }>(
  ring: SeqRing<T>,
  since: number,
  limit: number,
  matches: (record: T) => boolean,
): Page<T> {
  const first = ring.firstSeq ?? since + 1;
  const gap = ring.length > 0 && since < first - 1;
  const items: T[] = [];
  let nextCursor = since;
  let truncated = false;
  for (let i = Math.max(0, since - first + 1); i < ring.length; i++) {
    const record = ring.at(i)!;
    if (!matches(record)) {
      nextCursor = record.seq;
      continue;
    }
    if (items.length === limit) {
      truncated = true;
      break;
    }
    items.push(record);
    nextCursor = record.seq;
  }
  return { items, nextCursor, truncated, gap };
}
