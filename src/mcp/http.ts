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
 * loopback, else 403), path, bearer token (constant-time, else 401), body size (Content-Length and
 * counted bytes, else 413), JSON syntax (else a JSON-RPC parse error). Only then does the SDK see it.
 */
import { BrumError } from '../core/errors.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler } from '@modelcontextprotocol/server';
import {
  checkAuth,
  checkContentLength,
  checkHost,
  checkOrigin,
  tooLarge,
  type Refusal,
} from './http-guards.js';
import { forwardEngineChanges } from './notifier.js';
import { createMcpServer, DEFAULT_IDENTITY, type McpEngine, type ServerIdentity } from './server.js';
import { createToken, tokenProblem } from './token.js';

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

function refuse(res: ServerResponse, refusal: Refusal, code = -32000): void {
  const body = JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message: refusal.message } });
  res.writeHead(refusal.status, { 'Content-Type': 'application/json', ...refusal.headers });
  res.end(body);
}

/** Bytes of an unwanted body we read and discard (so the client sees our answer) before cutting the connection. */
const DISCARD_LIMIT = 1024 * 1024;

/** Discards the rest of a refused request's body, dropping the connection if it goes on and on. */
function discard(req: IncomingMessage): void {
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT) req.socket.destroy();
  });
  req.resume();
}

/** Reads the body, counting bytes; resolves undefined (after answering 413) when it exceeds the cap. */
function readBody(req: IncomingMessage, res: ServerResponse, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > maxBytes) {
        over = true;
        res.setHeader('Connection', 'close');
        refuse(res, tooLarge(maxBytes));
        discard(req);
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

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

  const handler = createMcpHandler(() => createMcpServer(engine, identity), {
    onerror: report,
    maxRequestBodySize: maxBodyBytes,
  });
  const serve = toNodeHandler(handler, { onerror: report, maxRequestBodySize: maxBodyBytes });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const refusal =
      checkHost(req.headers.host) ??
      checkOrigin(req.headers.origin) ??
      (new URL(req.url ?? '/', 'http://localhost').pathname !== MCP_PATH
        ? { status: 404 as const, message: `Not found: the MCP endpoint is ${MCP_PATH}.` }
        : undefined) ??
      checkAuth(req.headers.authorization, token) ??
      checkContentLength(req.headers['content-length'], maxBodyBytes);
    if (refusal) {
      if (refusal.status === 413) res.setHeader('Connection', 'close');
      refuse(res, refusal);
      discard(req);
      return;
    }
    if (req.method !== 'POST') {
      await serve(req, res);
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
    await serve(req, res, parsed);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      report(error instanceof Error ? error : new Error(String(error)));
      if (!res.headersSent) refuse(res, { status: 400, message: 'Bad request.' }, -32603);
      else res.end();
    });
  });
  server.on('clientError', (_error, socket) => {
    // Malformed HTTP: answer 400 and drop the socket; never crash.
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const actualPort = await listen(server, port, host);
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
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await handler.close().catch(report);
        server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}
