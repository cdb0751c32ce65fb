/**
 * One reverse proxy on a loopback port in front of one dev-server origin (http-proxy-3 does the
 * forwarding). Every request and WebSocket upgrade streams through untouched, except top-level HTML
 * documents, which get the page client's tag (response.ts). brum's reserved paths (`/__brum/`) are
 * answered here, behind the guards in guards.ts. Every forwarded request is recorded in the engine's
 * request ring.
 */
import { createHash } from 'node:crypto';
import { Agent, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ProxyServer } from 'http-proxy-3';
import { WebSocketServer } from 'ws';
import type { BrowserFeed } from '../../core/browser/types.js';
import { CLIENT_PATH, RESERVED_PREFIX, SOCKET_PATH, type PageClientEndpoint } from './endpoint.js';
import { badGatewayPage } from './error-page.js';
import { restoreIfNoneMatch } from './etag.js';
import { checkHost, checkReserved, ownOrigins, type Refusal } from './guards.js';
import { clientTag } from './inject.js';
import { decodableAcceptEncoding, isDocumentRequest, sendDocument } from './response.js';

/** Frames a page may send to brum (the endpoint validates their content). */
export const MAX_CLIENT_FRAME_BYTES = 64 * 1024;
/** Page-client sockets open at once, per proxy. */
export const MAX_CLIENT_SOCKETS = 64;
/** New page-client sockets per second, per proxy (reload loops, a hostile page). */
export const MAX_CLIENT_SOCKETS_PER_SECOND = 20;

export interface ProcessState {
  /** `dev (dev-1): failed, exit 1`. */
  readonly text: string;
  /** It may answer again soon (running or starting): the 502 page reloads itself. */
  readonly retry: boolean;
}

export interface BrumProxyOptions {
  /** The dev server's origin, e.g. `http://localhost:5173`. */
  readonly target: string;
  /** The process that serves `target` now (a restart makes a new run of the same target). */
  readonly processId: () => string;
  readonly describeProcess: () => ProcessState;
  readonly secret: string;
  readonly endpoint: PageClientEndpoint;
  readonly feed: Pick<BrowserFeed, 'requestStarted' | 'requestFinished'>;
  readonly now: () => number;
  /** Told about what is not a request's own problem (a listener that threw). */
  readonly onFault?: (what: string, error: unknown) => void;
}

interface Exchange {
  readonly seq: number;
  readonly started: number;
  bytes: number;
  status?: number;
  error?: string;
  warning?: string;
  injected?: boolean;
  document: boolean;
}

export class BrumProxy {
  readonly #options: BrumProxyOptions;
  readonly #server: Server;
  readonly #proxy: ProxyServer;
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 32 });
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  readonly #exchanges = new WeakMap<IncomingMessage, Exchange>();
  readonly #sockets = new Set<Socket>();
  #port = 0;
  #etagSuffix = '';
  #socketWindow = { start: 0, count: 0 };

  constructor(options: BrumProxyOptions) {
    this.#options = options;
    this.#proxy = new ProxyServer({
      // A URL, not a string: http-proxy-3 parses a string target again for every request.
      target: new URL(options.target),
      changeOrigin: true,
      autoRewrite: true,
      secure: false,
      agent: this.#agent,
    });
    this.#proxy.on('proxyRes', (proxyRes, req, res) => this.#onResponse(proxyRes, req, res));
    this.#proxy.on('proxyReqWs', (proxyReq, req) => {
      const exchange = this.#exchanges.get(req);
      if (!exchange) return;
      proxyReq.once('upgrade', (r: IncomingMessage) => (exchange.status = r.statusCode ?? 101));
      proxyReq.once('response', (r: IncomingMessage) => (exchange.status = r.statusCode));
    });
    // Errors without a callback (none expected: every call passes one) must not crash brum.
    this.#proxy.on('error', (error) => options.onFault?.('the proxy', error));
    this.#server = createServer((req, res) => this.#onRequest(req, res));
    this.#server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) =>
      this.#onUpgrade(req, socket, head),
    );
    this.#server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
  }

  get port(): number {
    return this.#port;
  }

  /** `http://127.0.0.1:<port>`. */
  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** Listens on 127.0.0.1:`port` (0: any free port); rejects with the listen error (EADDRINUSE ...). */
  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      // A failed attempt (EADDRINUSE: the manager then tries the next port) must take its `listening`
      // callback with it, or every retry's callback runs once a later attempt succeeds.
      const onError = (error: Error): void => {
        this.#server.off('listening', onListening);
        reject(error);
      };
      const onListening = (): void => {
        this.#server.off('error', onError);
        const address = this.#server.address();
        this.#port = typeof address === 'object' && address ? address.port : port;
        // The tag carries the port's secret; an ETag from another run must not validate this run's page.
        this.#etagSuffix = createHash('sha256')
          .update(`${this.#options.secret}:${this.#port}`)
          .digest('base64url')
          .slice(0, 8);
        this.#server.on('error', (error) => this.#options.onFault?.('the proxy server', error));
        resolve(this.#port);
      };
      this.#server.once('error', onError);
      this.#server.once('listening', onListening);
      this.#server.listen({ port, host: '127.0.0.1', exclusive: true });
    });
  }

  /** Stops listening and ends every connection (including streams and WebSockets in flight). */
  close(): Promise<void> {
    return new Promise((resolve) => {
      for (const client of this.#wss.clients) client.terminate();
      this.#server.close(() => resolve());
      for (const socket of this.#sockets) socket.destroy();
      this.#agent.destroy();
    });
  }

  // ---- HTTP

  #onRequest(req: IncomingMessage, res: ServerResponse): void {
    const refusal = checkHost(req.headers.host, this.#port);
    if (refusal) return refuse(res, refusal);
    const path = req.url ?? '/';
    if (path.startsWith(RESERVED_PREFIX)) return this.#onReserved(req, res);

    const document = isDocumentRequest(req);
    const exchange = this.#begin(req, path, { document });
    if (document) req.headers['accept-encoding'] = decodableAcceptEncoding(req.headers['accept-encoding']);
    // After the turn that closed it: a failing body pipeline reports its error in that same turn.
    res.once('close', () => setImmediate(() => this.#finish(exchange, res)));
    this.#proxy.web(req, res, { selfHandleResponse: document }, (error) =>
      this.#upstreamFailed(error, req, res),
    );
  }

  /** Records a request (or WebSocket upgrade) in the ring and tracks it until it finishes. */
  #begin(req: IncomingMessage, path: string, kind: { document?: boolean; websocket?: boolean }): Exchange {
    const exchange: Exchange = {
      seq: this.#options.feed.requestStarted({
        time: this.#options.now(),
        processId: this.#options.processId(),
        method: req.method ?? 'GET',
        url: path,
        ...(kind.websocket ? { websocket: true } : {}),
      }),
      started: performance.now(),
      bytes: 0,
      document: kind.document ?? false,
    };
    this.#exchanges.set(req, exchange);
    this.#prepareHeaders(req);
    return exchange;
  }

  #onResponse(proxyRes: IncomingMessage, req: IncomingMessage, res: ServerResponse): void {
    const exchange = this.#exchanges.get(req);
    if (!exchange) return;
    exchange.status = proxyRes.statusCode;
    if (!exchange.document) {
      proxyRes.on('data', (chunk: Buffer) => (exchange.bytes += chunk.length));
      return; // http-proxy-3 pipes it, headers and all
    }
    sendDocument(
      proxyRes,
      res,
      {
        tag: (nonce) => clientTag(`${CLIENT_PATH}?s=${this.#options.secret}`, nonce),
        etagSuffix: this.#etagSuffix,
        origin: new URL(this.url),
      },
      {
        count: (bytes) => (exchange.bytes += bytes),
        decided: (injected, warning) => {
          exchange.injected = injected;
          if (warning !== undefined) exchange.warning = warning;
        },
        done: (error) => {
          if (error) exchange.error ??= `response failed: ${error.message}`;
        },
      },
    );
  }

  /** What every forwarded request gets: our ETags translated back, the page's Origin as the target's. */
  #prepareHeaders(req: IncomingMessage): void {
    const inm = req.headers['if-none-match'];
    if (typeof inm === 'string') req.headers['if-none-match'] = restoreIfNoneMatch(inm, this.#etagSuffix);
    // The page's origin is the proxy's; the dev server (Next server actions, Vite's WebSocket check)
    // compares Origin with its own host, which it now sees as the target's (changeOrigin).
    if (req.headers.origin !== undefined && ownOrigins(this.#port).has(req.headers.origin))
      req.headers.origin = new URL(this.#options.target).origin;
  }

  #upstreamFailed(error: Error, req: IncomingMessage, res: ServerResponse | Socket): void {
    const exchange = this.#exchanges.get(req);
    const state = this.#options.describeProcess();
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' ? code : error.message;
    if (exchange)
      exchange.error = `upstream ${this.#options.target} not answering (${reason}); ${state.text}`;
    if (!('writeHead' in res)) {
      res.destroy();
      return;
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (exchange) exchange.status = 502;
    const html = (req.headers.accept ?? '').includes('text/html') || exchange?.document === true;
    const body = html
      ? badGatewayPage({
          target: this.#options.target,
          process: state.text,
          retry: state.retry,
          error: reason,
        })
      : `brum: the dev server at ${this.#options.target} is not answering (${reason}); ${state.text}\n`;
    res.writeHead(502, {
      'content-type': html ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
    if (exchange) exchange.bytes += Buffer.byteLength(body);
  }

  #finish(exchange: Exchange, res: ServerResponse): void {
    if (!res.writableFinished && exchange.error === undefined)
      exchange.error = 'aborted before the response ended';
    this.#options.feed.requestFinished(exchange.seq, {
      ...(exchange.status !== undefined ? { status: exchange.status } : {}),
      durationMs: Math.round((performance.now() - exchange.started) * 10) / 10,
      bytes: exchange.bytes,
      ...(contentType(res) !== undefined ? { contentType: contentType(res) } : {}),
      ...(exchange.error !== undefined ? { error: exchange.error } : {}),
      ...(exchange.warning !== undefined ? { warning: exchange.warning } : {}),
      ...(exchange.document ? { injected: exchange.injected === true } : {}),
    });
  }

  // ---- reserved paths

  #onReserved(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    if (url.pathname !== CLIENT_PATH) return refuse(res, { status: 404, message: 'Not found.' });
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return refuse(res, { status: 405, message: 'Method not allowed.' });
    const refusal = checkReserved(req.headers, url, this.#port, this.#options.secret, false);
    if (refusal) return refuse(res, refusal);
    const { body, etag } = this.#options.endpoint.script();
    const headers = {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      etag,
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  // ---- WebSocket upgrades

  #onUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const refusal = checkHost(req.headers.host, this.#port);
    if (refusal) return refuseSocket(socket, refusal);
    const path = req.url ?? '/';
    if (path.startsWith(RESERVED_PREFIX)) return this.#onClientSocket(req, socket, head);

    const exchange = this.#begin(req, path, { websocket: true });
    socket.once('close', () => {
      exchange.bytes = socket.bytesWritten;
      this.#options.feed.requestFinished(exchange.seq, {
        ...(exchange.status !== undefined ? { status: exchange.status } : {}),
        durationMs: Math.round((performance.now() - exchange.started) * 10) / 10,
        bytes: exchange.bytes,
        ...(exchange.error !== undefined ? { error: exchange.error } : {}),
      });
    });
    this.#proxy.ws(req, socket, head, {}, (error) => this.#upstreamFailed(error, req, socket));
  }

  #onClientSocket(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const url = new URL(req.url ?? '/', this.url);
    if (url.pathname !== SOCKET_PATH) return refuseSocket(socket, { status: 404, message: 'Not found.' });
    const refusal = checkReserved(req.headers, url, this.#port, this.#options.secret, true);
    if (refusal) return refuseSocket(socket, refusal);
    const now = Date.now();
    if (now - this.#socketWindow.start >= 1000) this.#socketWindow = { start: now, count: 0 };
    if (
      ++this.#socketWindow.count > MAX_CLIENT_SOCKETS_PER_SECOND ||
      this.#wss.clients.size >= MAX_CLIENT_SOCKETS
    )
      return refuseSocket(socket, { status: 429, message: 'Too many page-client sockets.' });
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      try {
        this.#options.endpoint.accept(ws, {
          processId: this.#options.processId(),
          target: this.#options.target,
          origin: this.url,
          request: req,
        });
      } catch (error) {
        ws.terminate();
        this.#options.onFault?.('the page-client endpoint', error);
      }
    });
  }
}

function contentType(res: ServerResponse): string | undefined {
  const value = res.getHeader('content-type');
  return value === undefined ? undefined : String(value);
}

const REASONS: Record<Refusal['status'], string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  429: 'Too Many Requests',
};

/** A refusal, without reading the body; no CORS headers, ever. */
function refuse(res: ServerResponse, refusal: Refusal): void {
  res.writeHead(refusal.status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'close',
  });
  res.end(`${refusal.message}\n`);
}

function refuseSocket(socket: Socket, refusal: Refusal): void {
  const body = `${refusal.message}\n`;
  socket.end(
    `HTTP/1.1 ${refusal.status} ${REASONS[refusal.status]}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
