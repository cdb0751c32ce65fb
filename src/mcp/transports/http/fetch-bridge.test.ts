import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { serveFetch, webRequestOf } from './fetch-bridge.js';

/** The SDK handler's web-standard face, as http-server.ts calls it. */
interface FetchHandler {
  fetch(request: Request, options?: { parsedBody?: unknown }): Promise<Response>;
}

let server: Server | undefined;
let lastResponse: ServerResponse | undefined;
let finishedCalls = 0;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  finishedCalls = 0;
});

/** A real HTTP server answering every request through `serveFetch(handler)`; resolves its port. */
async function serve(handler: FetchHandler, parsedBody?: unknown): Promise<number> {
  server = createServer((req, res) => {
    lastResponse = res;
    const request = webRequestOf(req);
    void serveFetch(res, async () => ({
      response: await handler.fetch(request, parsedBody === undefined ? undefined : { parsedBody }),
      finished: () => finishedCalls++,
    }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('serveFetch', () => {
  it('hands the handler the method, URL, headers and parsed body, and writes its status, headers and streamed body', async () => {
    let seen: { method: string; url: string; header: string | null; body: unknown } | undefined;
    const port = await serve(
      {
        fetch: (req, options) => {
          seen = {
            method: req.method,
            url: req.url,
            header: req.headers.get('x-one'),
            body: options?.parsedBody,
          };
          const chunks = ['event: message\n', 'data: {"a":1}\n\n'];
          const body = new ReadableStream<Uint8Array>({
            pull(controller) {
              const next = chunks.shift();
              if (next === undefined) controller.close();
              else controller.enqueue(new TextEncoder().encode(next));
            },
          });
          return Promise.resolve(
            new Response(body, {
              status: 200,
              headers: { 'content-type': 'text/event-stream', 'x-two': '2' },
            }),
          );
        },
      },
      { parsed: true },
    );
    const res = await fetch(`http://127.0.0.1:${port}/mcp?q=1`, {
      method: 'POST',
      headers: { 'x-one': '1' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-two')).toBe('2');
    expect(await res.text()).toBe('event: message\ndata: {"a":1}\n\n');
    await expect.poll(() => finishedCalls).toBe(1);
    expect(seen).toEqual({
      method: 'POST',
      url: `http://127.0.0.1:${port}/mcp?q=1`,
      header: '1',
      body: { parsed: true },
    });
  });

  it('cancels the response body when the client goes away mid-stream (the SDK tears its exchange down on cancel)', async () => {
    let cancelled: (reason: unknown) => void = () => {};
    const cancel = new Promise((resolve) => (cancelled = resolve));
    const port = await serve({
      fetch: () => {
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(': open\n\n')); // then nothing: a long call
          },
          cancel(reason) {
            cancelled(reason ?? 'cancelled');
          },
        });
        return Promise.resolve(new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
      },
    });
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/mcp', method: 'POST' }, (res) => {
        res.once('data', () => {
          req.destroy(); // the client leaves after the first bytes
          resolve();
        });
      });
      req.on('error', () => {});
      req.once('error', reject);
      req.end();
    });
    await expect(cancel).resolves.toBeDefined();
    await expect.poll(() => finishedCalls).toBe(1);
  });

  it('cancels a body that arrives after the client has gone', async () => {
    let cancelled = false;
    let answer: (r: Response) => void = () => {};
    let asked: () => void = () => {};
    const askedP = new Promise<void>((resolve) => (asked = resolve));
    const port = await serve({
      fetch: () => {
        asked();
        return new Promise<Response>((resolve) => (answer = resolve));
      },
    });
    const req = request({ host: '127.0.0.1', port, path: '/mcp', method: 'POST' });
    req.on('error', () => {});
    req.end();
    await askedP;
    const closed = new Promise((resolve) => lastResponse!.once('close', resolve));
    req.destroy();
    await closed; // the server has seen the client go
    const body = new ReadableStream<Uint8Array>({
      cancel() {
        cancelled = true;
      },
    });
    answer(new Response(body));
    await expect.poll(() => cancelled).toBe(true);
  });
});
