/**
 * The connection to brum: one WebSocket to the page's own origin, a bounded queue of events sent in
 * batches, reconnection with backoff (dev servers restart, HMR reloads), and commands handed to the
 * command handler. Uses the WebSocket and timers captured at start-up, so a page that replaces them
 * does not break (or see) the client.
 */
import {
  LIMITS,
  PROTOCOL_VERSION,
  WS_PATH,
  type BrumToPage,
  type HelloMessage,
  type PageToBrum,
  type WireEvent,
} from '../wire';

const NativeWebSocket = window.WebSocket;
const encoder = new TextEncoder();

/** UTF-8 bytes of a message as sent. */
export function wireBytes(message: unknown): number {
  return encoder.encode(JSON.stringify(message)).length;
}
const setTimer = window.setTimeout.bind(window);

export class Transport {
  readonly #queue: WireEvent[] = [];
  #dropped = 0;
  #socket: WebSocket | undefined;
  #flushTimer: number | undefined;
  #retryMs = 250;
  #leaving = false;
  onCommand: (command: BrumToPage) => void = () => {};

  constructor(
    private readonly secret: string,
    private readonly hello: () => HelloMessage,
  ) {}

  start(): void {
    window.addEventListener('pagehide', (e) => {
      this.flush();
      if (!e.persisted) this.#leaving = true;
    });
    window.addEventListener('pageshow', (e) => {
      if (!e.persisted) return;
      this.#leaving = false;
      if (this.#socket === undefined) this.#connect();
    });
    this.#connect();
  }

  /** Queues an event; the oldest are dropped (and counted) past `queueMax`. */
  push(event: WireEvent): void {
    if (this.#queue.length >= LIMITS.queueMax) {
      this.#queue.shift();
      this.#dropped++;
    }
    this.#queue.push(event);
    if (this.#flushTimer === undefined) this.#flushTimer = setTimer(() => this.flush(), LIMITS.batchMs);
  }

  send(message: PageToBrum): boolean {
    const socket = this.#socket;
    if (socket === undefined || socket.readyState !== NativeWebSocket.OPEN) return false;
    try {
      socket.send(JSON.stringify(message));
      return true;
    } catch {
      return false;
    }
  }

  /** Resolves once what was sent has left the page (or after `maxMs`). */
  drained(maxMs: number): Promise<void> {
    const started = Date.now();
    return new Promise((resolve) => {
      const check = () => {
        const socket = this.#socket;
        if (socket === undefined || socket.bufferedAmount === 0 || Date.now() - started > maxMs) resolve();
        else setTimer(check, 10);
      };
      check();
    });
  }

  /** Sends queued events in batches within the frame limit. */
  flush(): void {
    this.#flushTimer = undefined;
    while (this.#queue.length > 0) {
      const batch: WireEvent[] = [];
      let size = 64;
      while (batch.length < LIMITS.maxEventsPerBatch && this.#queue.length > 0) {
        const next = this.#queue[0]!;
        const cost = wireBytes(next) + 1;
        if (cost > LIMITS.batchBytes) {
          this.#queue.shift(); // cannot happen within the event bounds; never send what brum refuses
          this.#dropped++;
          continue;
        }
        if (batch.length > 0 && size + cost > LIMITS.batchBytes) break;
        size += cost;
        batch.push(next);
        this.#queue.shift();
      }
      if (batch.length === 0) continue;
      if (!this.send({ t: 'events', ev: batch, dropped: this.#dropped })) {
        this.#queue.unshift(...batch); // not connected: keep them for the next connection
        return;
      }
      this.#dropped = 0;
    }
  }

  #connect(): void {
    if (this.#leaving) return;
    let socket: WebSocket;
    try {
      const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
      socket = new NativeWebSocket(
        `${scheme}//${location.host}${WS_PATH}?s=${encodeURIComponent(this.secret)}`,
      );
    } catch {
      return; // blocked (CSP connect-src): stay silent
    }
    this.#socket = socket;
    socket.onopen = () => {
      this.#retryMs = 250;
      this.send(this.hello());
      this.flush();
    };
    socket.onmessage = (e) => {
      if (typeof e.data !== 'string' || e.data.length > LIMITS.maxMessageBytes) return;
      let message: BrumToPage;
      try {
        message = JSON.parse(e.data) as BrumToPage;
      } catch {
        return;
      }
      if (message && message.t === 'cmd') this.onCommand(message);
    };
    socket.onclose = (e) => {
      if (this.#socket === socket) this.#socket = undefined;
      // 1008: brum refused this page (bad secret, bad frames): do not knock again.
      if (this.#leaving || e.code === 1008) return;
      setTimer(() => this.#connect(), this.#retryMs);
      this.#retryMs = Math.min(this.#retryMs * 2, 5_000);
    };
    socket.onerror = () => {
      // onclose follows; the browser already printed why
    };
  }

  static version = PROTOCOL_VERSION;
}
