/**
 * One page load's WebSocket: the first frame must be `hello`; then events (rate-limited, locations
 * mapped, stored in order), page updates and command results. Bad frames are counted and dropped;
 * too many, or one too large, close the connection. Nothing a page sends triggers a command.
 */
import type { WebSocket } from 'ws';
import type {
  BrowserFeed,
  CommandMessage,
  SourceLocation,
  TelemetryEventInput,
  TelemetryKind,
} from '../../core/browser/types.js';
import { parsePageMessage } from './protocol.js';
import { isProjectFile, type PageOrigin, type SourceMapper } from './source-maps.js';
import { LIMITS, PROTOCOL_VERSION, type WireEvent } from './wire.js';

/** A page must say hello within this long. */
export const HELLO_TIMEOUT_MS = 10_000;
/** Invalid frames tolerated per connection before it is closed. */
export const MAX_INVALID_FRAMES = 20;
/** Event batches waiting to be mapped and stored; more are dropped (and counted). */
const MAX_QUEUED_BATCHES = 16;
/** Only these kinds carry locations worth mapping (errors, console warnings and errors). */
const MAPPED_KINDS: ReadonlySet<TelemetryKind> = new Set(['error', 'console']);
const MAX_MAPPED_FRAMES = 12;

export interface ConnectionContext {
  readonly feed: BrowserFeed;
  readonly mapper: SourceMapper;
  readonly page: PageOrigin & { readonly processId: string };
  readonly userAgent: string | undefined;
  /** A tab of brum's managed browser. */
  readonly managed?: boolean;
  readonly onHello: (tab: string) => void;
  readonly onClose: (tab: string | undefined) => void;
}

export class PageConnection {
  #tab: string | undefined;
  #load: string | undefined;
  #invalid = 0;
  #closed = false;
  #queue: Promise<void> = Promise.resolve();
  #queued = 0;
  /** Events dropped here (rate, queue) not yet reported to the store. */
  #dropped = 0;
  /** Token bucket for events. */
  #tokens: number = LIMITS.eventBurst;
  #refilledAt = Date.now();
  readonly #helloTimer: NodeJS.Timeout;

  constructor(
    private readonly socket: WebSocket,
    private readonly ctx: ConnectionContext,
  ) {
    this.#helloTimer = setTimeout(() => this.close(1008, 'no hello'), HELLO_TIMEOUT_MS);
    this.#helloTimer.unref();
    socket.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    socket.on('close', () => this.#onClose());
    socket.on('error', () => this.#onClose());
  }

  sendCommand(command: CommandMessage): boolean {
    if (this.#closed || this.#tab === undefined || this.socket.readyState !== this.socket.OPEN) return false;
    this.socket.send(JSON.stringify({ t: 'cmd', ...command }));
    return true;
  }

  /** A newer load of the same tab connected: this one is over. */
  replaced(): void {
    this.close(1000, 'replaced by a newer load of this tab');
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING)
      this.socket.close(code, reason);
    this.#onClose();
  }

  #onClose(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#helloTimer);
    if (this.#tab !== undefined && this.#load !== undefined)
      this.ctx.feed.tabDisconnected(this.#tab, this.#load);
    this.ctx.onClose(this.#tab);
  }

  #onMessage(data: unknown, isBinary: boolean): void {
    if (this.#closed) return;
    const bytes = byteLength(data);
    if (bytes > LIMITS.maxMessageBytes) return this.close(1009, 'message too large');
    if (isBinary) return this.#reject();
    const parsed = parsePageMessage(textOf(data));
    if (!parsed.ok) return this.#reject();
    const message = parsed.message;
    if (this.#tab === undefined) {
      if (message.t !== 'hello' || message.v !== PROTOCOL_VERSION) return this.close(1008, 'expected hello');
      clearTimeout(this.#helloTimer);
      this.#tab = message.tab;
      this.#load = message.load;
      this.ctx.onHello(message.tab);
      this.ctx.feed.tabConnected({
        tab: message.tab,
        load: message.load,
        url: message.url,
        title: message.title,
        processId: this.ctx.page.processId,
        userAgent: message.ua || this.ctx.userAgent,
        viewport: { width: message.vw, height: message.vh },
        ...(this.ctx.managed ? { managed: true } : {}),
      });
      return;
    }
    const tab = this.#tab;
    switch (message.t) {
      case 'hello':
        return this.#reject();
      case 'page':
        this.ctx.feed.tabUpdated(tab, {
          ...(message.url !== undefined ? { url: message.url } : {}),
          ...(message.title !== undefined ? { title: message.title } : {}),
          ...(message.vw !== undefined && message.vh !== undefined
            ? { viewport: { width: message.vw, height: message.vh } }
            : {}),
        });
        return;
      case 'result':
        this.ctx.feed.commandAnswered(tab, {
          id: message.id,
          ok: message.ok,
          value: message.value,
          error: message.error,
          stack: message.stack,
          console: message.console,
          truncated: message.tr,
        });
        return;
      case 'events':
        return this.#onEvents(tab, message.ev, message.dropped);
    }
  }

  #onEvents(tab: string, events: readonly WireEvent[], droppedByPage: number): void {
    const allowed = this.#take(events.length);
    this.#dropped += droppedByPage + (events.length - allowed);
    if (allowed === 0) return;
    if (this.#queued >= MAX_QUEUED_BATCHES) {
      this.#dropped += allowed;
      return;
    }
    const batch = events.slice(0, allowed);
    this.#queued++;
    // Batches are stored in arrival order: each waits for the previous one's source mapping.
    this.#queue = this.#queue
      .then(async () => {
        const inputs = await Promise.all(batch.map((e) => this.#input(e)));
        if (this.#dropped > 0) {
          inputs.push(droppedNotice(this.#dropped));
          this.#dropped = 0;
        }
        this.ctx.feed.pageEvents(tab, inputs);
      })
      .catch(() => {
        // A mapping or storing failure costs that batch only.
      })
      .finally(() => {
        this.#queued--;
      });
  }

  async #input(e: WireEvent): Promise<TelemetryEventInput> {
    const mapped = MAPPED_KINDS.has(e.k) && (e.k === 'error' || e.l === 'error' || e.l === 'warn');
    let location: SourceLocation | undefined =
      e.src === undefined
        ? undefined
        : mapped
          ? await this.ctx.mapper.map({ url: e.src.url, line: e.src.line, column: e.src.col }, this.ctx.page)
          : { file: e.src.url, line: e.src.line, column: e.src.col };
    let stack = e.stack;
    if (stack !== undefined && mapped) {
      const frames = await Promise.all(
        stack.map((f, i) =>
          i < MAX_MAPPED_FRAMES
            ? this.ctx.mapper.mapFrame(f, this.ctx.page)
            : Promise.resolve<{ text: string; location?: SourceLocation }>({ text: f }),
        ),
      );
      stack = frames.map((f) => f.text);
      // Thrown or logged inside a library (React logging for a component): name the project's frame.
      if (!isProjectFile(location))
        location = frames.find((f) => isProjectFile(f.location))?.location ?? location;
    }
    return {
      time: Date.now(),
      kind: e.k,
      level: e.l,
      message: e.m,
      ...(location !== undefined ? { location } : {}),
      ...(stack !== undefined ? { stack } : {}),
      ...(e.data !== undefined ? { data: e.data } : {}),
      ...(e.tr ? { truncated: true } : {}),
    };
  }

  /** Takes up to `n` tokens from the connection's event bucket; returns how many it got. */
  #take(n: number): number {
    const now = Date.now();
    this.#tokens = Math.min(
      LIMITS.eventBurst,
      this.#tokens + ((now - this.#refilledAt) / 1000) * LIMITS.eventsPerSecond,
    );
    this.#refilledAt = now;
    const got = Math.min(n, Math.floor(this.#tokens));
    this.#tokens -= got;
    return got;
  }

  #reject(): void {
    if (++this.#invalid >= MAX_INVALID_FRAMES) this.close(1008, 'too many invalid messages');
  }
}

function droppedNotice(count: number): TelemetryEventInput {
  return {
    time: Date.now(),
    kind: 'console',
    level: 'warn',
    message: `brum: ${count} event(s) from this page were dropped (the page sent more than ${LIMITS.eventsPerSecond} events/s, or brum fell behind)`,
    data: { dropped: count, brum: true },
  };
}

function byteLength(data: unknown): number {
  if (Buffer.isBuffer(data)) return data.byteLength;
  if (Array.isArray(data)) return data.reduce((n: number, b: Buffer) => n + b.byteLength, 0);
  if (data instanceof ArrayBuffer) return data.byteLength;
  return 0;
}

function textOf(data: unknown): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data as Buffer[]).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return '';
}
