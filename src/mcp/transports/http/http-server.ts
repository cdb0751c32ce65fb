/**
 * MCP over Streamable HTTP at `/mcp`, on loopback only, secure by default.
 *
 * Serving model: the SDK's `createMcpHandler` — stateless. A 2026-07-28 client's every request is
 * self-describing (per-request `_meta`), and a 2025-era client is served by a fresh instance per
 * request through the SDK's stateless fallback; `initialize` works, GET/DELETE session operations
 * answer 405. No session table means nothing to leak or expire, and any number of concurrent
 * clients share one engine, which holds all the state. Change notifications reach 2026-era clients
 * through `subscriptions/listen`; 2025-era HTTP clients poll (scripts_status since_revision).
 *
 * Every request first passes, in order: Host (loopback names only, else 403), Origin (absent or
 * loopback, else 403), path, bearer token (constant-time, else 401; wrong tokens are slowed down,
 * see auth-limiter.ts), body size (Content-Length and counted bytes, else 413), JSON syntax (else a
 * JSON-RPC parse error). Only then does the SDK see it. Every refusal closes its connection;
 * connections are capped and timed out (connections.ts). A failure of brum itself answers 500.
 */
import { BrumError } from '../../../core/errors.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createMcpHandler,
  isLegacyRequest,
  type McpServer,
  type McpServerFactory,
} from '@modelcontextprotocol/server';
import { AuthLimiter, type AuthLimits } from './auth-limiter.js';
import {
  ConnectionTracker,
  DEFAULT_CONNECTION_LIMITS,
  serverTimeouts,
  type ConnectionLimits,
} from './connections.js';
import {
  checkAuth,
  checkContentLength,
  checkHost,
  checkOrigin,
  tooManyAttempts,
  type Refusal,
} from './guards.js';
import { discard, readBody, refuse } from './io.js';
import { serveFetch, webRequestOf, type Answer } from './fetch-bridge.js';
import { legacyLeg } from './legacy-leg.js';
import type { ActivityFeed, ActivityView } from '../../../core/activity/types.js';
import {
  BRIDGE_CLIENT_HEADER,
  calledTool,
  clientRef,
  SocketClients,
  type RequestOrigin,
} from '../../server/activity.js';
import { forwardEngineChanges } from '../../server/notifier.js';
import { InstancePool } from '../../server/instance-pool.js';
import {
  createMcpServer,
  DEFAULT_IDENTITY,
  type McpEngine,
  type ServerIdentity,
} from '../../server/create-server.js';
import { bearerToken, createToken, tokenProblem } from '../../instances/token.js';

export interface HttpServerOptions {
  readonly engine: McpEngine;
  /** Default 7777; 0 picks a free port. */
  readonly port?: number;
  /** A loopback address: `127.0.0.1` (default), `::1` or `localhost`. */
  readonly host?: string;
  /** Bearer token clients must send; a random one is made when absent. */
  readonly token?: string;
  /** Largest accepted request body, default 1 MiB. */
  readonly maxBodyBytes?: number;
  readonly identity?: ServerIdentity;
  /** Reports unexpected errors (never thrown at callers); default: ignore. */
  readonly onError?: (error: Error) => void;
  /** Connection cap and timeouts (defaults in connections.ts). */
  readonly connectionLimits?: Partial<ConnectionLimits>;
  /** How fast wrong tokens may be tried (defaults in auth-limiter.ts). */
  readonly limits?: Partial<AuthLimits>;
  /** Observes each request that passed every guard, before the SDK sees it (logging, tests); a throw is an internal error (500). */
  readonly onAccepted?: (req: IncomingMessage) => void;
  /** Records clients and tool calls for the person (TUI Agent view, headless lines). */
  readonly activity?: ActivityFeed & Pick<ActivityView, 'counts'>;
}

export interface HttpServerHandle {
  /** The MCP endpoint, e.g. `http://127.0.0.1:7777/mcp`. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Stops listening, ends open streams and stops forwarding engine events. Idempotent. */
  close(): Promise<void>;
}

const LOOPBACK_BIND = new Set(['127.0.0.1', '::1', 'localhost']);
export const MCP_PATH = '/mcp';

function portInUse(host: string, port: number): Error {
  return new BrumError(
    'PORT_IN_USE',
    `MCP port ${port} on ${host} is already in use (another brum?). Choose another with -p/--port <port>, -p 0 for any free port, or --no-mcp.`,
  );
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(error.code === 'EADDRINUSE' ? portInUse(host, port) : error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Starts the HTTP MCP server. Rejects with a clear `Error` when the port is taken or the host is not loopback. */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServerHandle> {
  const { engine, port = 7777, host = '127.0.0.1', maxBodyBytes = 1024 * 1024 } = options;
  if (!LOOPBACK_BIND.has(host)) {
    throw new Error(
      `Refusing to listen on ${host}: the MCP server binds loopback only (127.0.0.1, ::1 or localhost).`,
    );
  }
  const problem = options.token === undefined ? undefined : tokenProblem(options.token);
  if (problem) throw new BrumError('INVALID_ARGUMENT', problem);
  const token = options.token ?? createToken();
  const identity = options.identity ?? DEFAULT_IDENTITY;
  const report = (error: Error) => options.onError?.(error);
  const connectionLimits = { ...DEFAULT_CONNECTION_LIMITS, ...options.connectionLimits };

  const activity = options.activity;
  // What the entry learnt of each request, for the instance the SDK asks for it (`requestInfo` is the
  // web Request made in fetch-bridge.ts). A WeakMap, not AsyncLocalStorage: on Node 20 the latter
  // turns on promise hooks for the whole process (every promise then costs more, the engine's too).
  const origins = new WeakMap<Request, RequestOrigin>();
  // A fresh instance per request (stateless); one that calls a tool registers only that tool, and
  // such instances are reused by later 2025-era calls of that tool once closed (instance-pool.ts).
  const pool = new InstancePool();
  /** Where each instance reads the origin of the request it serves now. */
  const serving = new WeakMap<McpServer, { origin?: RequestOrigin }>();
  const factory: McpServerFactory = ({ requestInfo, era }) => {
    const origin = requestInfo === undefined ? undefined : origins.get(requestInfo);
    const reused = era === 'legacy' && origin?.tool !== undefined ? pool.take(origin.tool) : undefined;
    const current: { origin?: RequestOrigin } = reused ? serving.get(reused)! : {};
    current.origin = origin;
    if (reused) return reused;
    const server = createMcpServer(engine, identity, {
      ...(activity ? { activity } : {}),
      ...(origin?.tool !== undefined ? { tool: origin.tool } : {}),
      origin: () => current.origin,
    });
    serving.set(server, current);
    return server;
  };
  // 2026-07-28 requests go to the SDK's entry; 2025-era ones (most clients) are served by
  // legacy-leg.ts, the SDK's stateless fallback hand-wired without its extra stream per response.
  const handler = createMcpHandler(factory, {
    legacy: 'reject',
    onerror: report,
    maxRequestBodySize: maxBodyBytes,
  });
  const legacy = legacyLeg(factory, report, maxBodyBytes, (server) => pool.give(server));
  const answer = async (request: Request, parsedBody: unknown): Promise<Answer> =>
    (await isLegacyRequest(request, parsedBody))
      ? legacy(request, parsedBody)
      : {
          response: await handler.fetch(request, parsedBody === undefined ? undefined : { parsedBody }),
        };

  const server = createServer(serverTimeouts(connectionLimits));
  const connections = new ConnectionTracker(server, connectionLimits);
  const limiter = new AuthLimiter(options.limits);
  const socketClients = new SocketClients();

  /** Undefined when the request carries the right token; wrong ones go through the limiter. */
  const authorize = (req: IncomingMessage): Promise<Refusal | undefined | 'gone'> => {
    const socket = req.socket;
    const check = () => checkAuth(req.headers.authorization, token);
    // No token at all is not a guess: refused at once, at no cost to anyone.
    if (bearerToken(req.headers.authorization) === undefined) return Promise.resolve(check());
    if (connections.isAuthenticated(socket)) {
      const refusal = check();
      if (refusal) limiter.fail();
      return Promise.resolve(refusal);
    }
    return new Promise((resolve) => {
      let withdraw = () => {};
      const gone = () => {
        withdraw();
        resolve('gone');
      };
      socket.once('close', gone);
      withdraw = limiter.admit(
        () => {
          socket.off('close', gone);
          if (socket.destroyed) {
            resolve('gone');
            return true; // never compared: nothing guessed, nothing spent
          }
          const refusal = check();
          if (!refusal) connections.markAuthenticated(socket);
          resolve(refusal);
          return refusal === undefined;
        },
        () => {
          socket.off('close', gone);
          resolve(tooManyAttempts());
        },
      );
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    connections.track(req, res);
    const early =
      checkHost(req.headers.host) ??
      checkOrigin(req.headers.origin) ??
      (new URL(req.url ?? '/', 'http://localhost').pathname !== MCP_PATH
        ? { status: 404 as const, message: `Not found: the MCP endpoint is ${MCP_PATH}.` }
        : undefined);
    const refusal =
      early ?? (await authorize(req)) ?? checkContentLength(req.headers['content-length'], maxBodyBytes);
    if (refusal === 'gone') return;
    if (refusal) {
      refuse(res, refusal);
      discard(req);
      return;
    }
    options.onAccepted?.(req);
    if (req.method !== 'POST') {
      const request = webRequestOf(req);
      await serveFetch(res, () => answer(request, undefined));
      return;
    }
    const body = await readBody(req, res, maxBodyBytes);
    if (body === undefined) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      refuse(res, { status: 400, message: 'Parse error: the request body is not valid JSON.' }, -32700);
      return;
    }
    const origin = socketClients.originOf(req.socket, req.headers[BRIDGE_CLIENT_HEADER], parsed);
    if (activity && origin.info) activity.clientSeen(clientRef(origin, undefined));
    const tool = calledTool(parsed);
    const request = webRequestOf(req);
    origins.set(request, tool === undefined ? origin : { ...origin, tool });
    await serveFetch(res, () => answer(request, parsed));
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      const cause = error instanceof Error ? error : new Error(String(error));
      report(
        new Error(`internal error answering ${req.method ?? '?'} ${req.url ?? '?'}: ${cause.message}`, {
          cause,
        }),
      );
      if (!res.headersSent) {
        refuse(
          res,
          {
            status: 500,
            message:
              "Internal error: brum failed to answer this request (details in brum's log); the server keeps running.",
          },
          -32603,
        );
      } else res.end();
    });
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // Malformed HTTP (400) or a request too slow to arrive (408): answer and drop the socket; never crash.
    const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    else socket.destroy();
  });

  const actualPort = await listen(server, port, host);
  // After listening, errors are accept failures (EMFILE, ENFILE: out of file descriptors). Reported,
  // at most once per 10 s; the server goes on accepting once descriptors are free again.
  let lastAcceptError = -Infinity;
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (performance.now() - lastAcceptError < 10_000) return;
    lastAcceptError = performance.now();
    const what = error.code === 'EMFILE' || error.code === 'ENFILE' ? 'out of file descriptors' : 'failed';
    report(new Error(`accepting a connection ${what} (${error.code ?? error.message})`, { cause: error }));
  });
  const stopForwarding = forwardEngineChanges(engine, handler.notify, { onError: (e) => report(e as Error) });
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${actualPort}${MCP_PATH}`,
    port: actualPort,
    token,
    close: () => {
      closing ??= (async () => {
        stopForwarding();
        limiter.close();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await handler.close().catch(report);
        server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}
