/**
 * Keeps the HTTP server's connections from exhausting brum's file descriptors: a cap on open
 * connections, timeouts for slow or silent clients, and a record of which connections have
 * authenticated (used by http-server.ts and the auth limiter).
 *
 * Over the cap, the oldest connection that has not authenticated is closed to make room —
 * an idle one first — so a flood of silent sockets can delay a real client by nothing but its own
 * connect; only when every connection has authenticated is the newcomer turned away.
 */
import type { Server, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionLimits {
  /** Open connections at most (default 128). */
  readonly maxConnections: number;
  /** A connection with no request in progress is closed after this long without a byte (default 10 s). */
  readonly idleMs: number;
  /** Time to receive a request's headers (default 10 s). */
  readonly headersTimeoutMs: number;
  /** Time to receive a whole request (default 30 s); answers may stream for longer. */
  readonly requestTimeoutMs: number;
  /** Between requests on a kept-alive connection (default 5 s). */
  readonly keepAliveMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = Object.freeze({
  maxConnections: 128,
  idleMs: 10_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveMs: 5_000,
});

/** Options for `http.createServer` that enforce the limits Node enforces itself. */
export function serverTimeouts(limits: ConnectionLimits) {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveMs,
    // How often Node checks the two timeouts above (default 30 s would make them up to 30 s late).
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
  };
}

interface ConnectionState {
  authenticated: boolean;
  /** Requests in progress (an answer may stream for minutes: never idle then). */
  active: number;
}

export class ConnectionTracker {
  readonly #open = new Map<Socket, ConnectionState>();
  readonly #limits: ConnectionLimits;
  /** Connections closed to stay under the cap, and for idleness (for logs and tests). */
  readonly stats = { evicted: 0, idleClosed: 0 };

  constructor(server: Server, limits: ConnectionLimits) {
    this.#limits = limits;
    server.keepAliveTimeout = limits.keepAliveMs;
    server.on('connection', (socket: Socket) => this.#onConnection(socket));
    // Applies to every connection; Node calls this instead of destroying the socket itself.
    server.setTimeout(limits.idleMs, (socket: Socket) => {
      const state = this.#open.get(socket);
      if (state && state.active > 0) return; // a long answer (event stream) is not idleness
      this.stats.idleClosed += 1;
      socket.destroy();
    });
  }

  /** How many connections are open now. */
  get size(): number {
    return this.#open.size;
  }

  isAuthenticated(socket: Socket): boolean {
    return this.#open.get(socket)?.authenticated === true;
  }

  markAuthenticated(socket: Socket): void {
    const state = this.#open.get(socket);
    if (state) state.authenticated = true;
  }

  /** Counts a request as in progress until its answer is finished or abandoned. */
  track(req: IncomingMessage, res: ServerResponse): void {
    const state = this.#open.get(req.socket);
    if (!state) return;
    state.active += 1;
    let done = false;
    res.once('close', () => {
      if (done) return;
      done = true;
      state.active -= 1;
    });
  }

  #onConnection(socket: Socket): void {
    this.#open.set(socket, { authenticated: false, active: 0 });
    socket.once('close', () => this.#open.delete(socket));
    if (this.#open.size > this.#limits.maxConnections) this.#evictFor(socket);
  }

  /** Closes the oldest unauthenticated connection (idle ones first), else the newcomer. */
  #evictFor(newcomer: Socket): void {
    let busy: Socket | undefined;
    for (const [socket, state] of this.#open) {
      if (socket === newcomer || state.authenticated) continue;
      if (state.active === 0) return this.#evict(socket);
      busy ??= socket;
    }
    this.#evict(busy ?? newcomer);
  }

  #evict(socket: Socket): void {
    this.stats.evicted += 1;
    this.#open.delete(socket);
    socket.destroy();
  }
}
