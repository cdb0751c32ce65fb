/**
 * A small HTTP server for the page-client tests, standing in for the proxy: serves pages with the
 * client's tag first in <head>, the client script, and the client's WebSocket (secret checked, frames
 * capped like the proxy's) handed to a real `PageClientService`. A second origin serves cross-origin
 * endpoints (a failing API).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
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
