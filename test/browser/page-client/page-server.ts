/**
 * A small HTTP server for the page-client tests, standing in for the proxy: serves pages with the
 * client's tag first in <head>, the client script, and the client's WebSocket (secret checked, frames
 * capped like the proxy's) handed to a real `PageClientService`. A second origin serves cross-origin
 * endpoints (a failing API).
 */
import { randomBytes } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { PageClientService } from '../../../src/browser/page-client/endpoint.js';
import { LIMITS, SCRIPT_PATH, WS_PATH } from '../../../src/browser/page-client/wire.js';

export interface PageServer {
  readonly origin: string;
  readonly secret: string;
  /** The tag the proxy would inject. */
  readonly tag: string;
  /** Pages by path: HTML after the injected tag (`<head>` is added around it). */
  readonly pages: Map<string, string>;
  close(): Promise<void>;
}

export interface PageServerOptions {
  readonly endpoint: PageClientService;
  readonly processId: string;
  /** The dev server the pages "come from" (default: this server itself). */
  readonly target?: string;
  /**
   * Forward everything that is not a test page or brum's to `target` (WebSocket upgrades too, for
   * HMR), injecting the tag into HTML documents: a minimal stand-in for brum's proxy.
   */
  readonly forward?: boolean;
}

export async function startPageServer(options: PageServerOptions): Promise<PageServer> {
  const secret = randomBytes(16).toString('hex');
  const pages = new Map<string, string>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.maxMessageBytes });
  const tag = `<script src="${SCRIPT_PATH}?s=${secret}"></script>`;
  let origin = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === SCRIPT_PATH) {
      const { body, etag } = options.endpoint.script();
      res.writeHead(200, { 'content-type': 'text/javascript', etag, 'cache-control': 'no-cache' });
      return void res.end(body);
    }
    const page = pages.get(url.pathname);
    if (page !== undefined) return html(res, `<!doctype html><html><head>${tag}${page}</html>`);
    if (options.forward && options.target) return forward(req, res, options.target, tag);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (options.forward && options.target && url.pathname !== WS_PATH)
      return forwardUpgrade(req, socket, head, options.target);
    if (url.pathname !== WS_PATH || url.searchParams.get('s') !== secret || req.headers.origin !== origin) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) =>
      options.endpoint.accept(ws, {
        processId: options.processId,
        target: options.target ?? origin,
        origin,
        request: req,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    secret,
    tag,
    pages,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A second origin: `/fail` answers 500 with CORS allowed (so the page sees the status), `/ok` 200. */
export async function startCrossOrigin(): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const status = req.url?.startsWith('/fail') ? 500 : 200;
    res.writeHead(status, { 'access-control-allow-origin': '*', 'content-type': 'text/plain' });
    res.end(status === 200 ? 'ok' : 'boom');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function html(res: ServerResponse, body: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

function forward(req: IncomingMessage, res: ServerResponse, target: string, tag: string): void {
  const upstream = request(
    new URL(req.url ?? '/', target),
    { method: req.method, headers: { ...req.headers, 'accept-encoding': 'identity' } },
    (up) => {
      const type = String(up.headers['content-type'] ?? '');
      if (!type.includes('text/html')) {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        const body = Buffer.concat(chunks)
          .toString('utf8')
          .replace(/<head[^>]*>/i, (m) => m + tag);
        const headers = { ...up.headers };
        delete headers['content-length'];
        delete headers['etag'];
        res.writeHead(up.statusCode ?? 200, headers);
        res.end(body);
      });
    },
  );
  upstream.on('error', () => {
    res.writeHead(502);
    res.end('upstream down');
  });
  req.pipe(upstream);
}

function forwardUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, target: string): void {
  const url = new URL(target);
  const upstream = connect(Number(url.port), url.hostname, () => {
    const lines = [`${req.method} ${req.url} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    upstream.write(lines.join('\r\n') + '\r\n\r\n');
    if (head.length > 0) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  upstream.on('error', () => socket.destroy());
  socket.on('error', () => upstream.destroy());
}
