import { request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeEngine } from '../../../../test/mcp/fake-engine.js';
import { startHttpServer, type HttpServerHandle } from './http-server.js';

const TOKEN = 'test-token-0123456789';
const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
/** A JSON-RPC answer from a plain JSON body or from the first `data:` line of an SSE body. */
function parseRpc(text: string): { result?: unknown; error?: { code: number } } {
  const data = text.startsWith('{') ? text : /^data: (.*)$/m.exec(text)?.[1];
  return JSON.parse(data ?? 'null') as { result?: unknown };
}

const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
};

describe('startHttpServer', () => {
  let h: HttpServerHandle;
  let engine: FakeEngine;
  beforeAll(async () => {
    engine = new FakeEngine();
    h = await startHttpServer({ engine, port: 0, token: TOKEN, maxBodyBytes: 4096 });
  });
  afterAll(async () => {
    await h.close();
  });

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(h.url, {
      method: 'POST',
      headers: { ...JSON_HEADERS, authorization: `Bearer ${TOKEN}`, ...headers },
      body,
    });
  const ping = async () => {
    const r = await post(JSON.stringify({ jsonrpc: '2.0', id: 99, method: 'ping' }), {
      'mcp-protocol-version': '2025-06-18',
    });
    return { status: r.status, body: parseRpc(await r.text()) };
  };

  it('serves a 2025-era initialize and reports its URL, port and token', async () => {
    expect(h.url).toBe(`http://127.0.0.1:${h.port}/mcp`);
    expect(h.token).toBe(TOKEN);
    const r = await post(JSON.stringify(INIT));
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(text).toContain('"serverInfo"');
    expect(text).toContain('brummer');
  });

  it('answers 401 with WWW-Authenticate for a missing or wrong token', async () => {
    const missing = await fetch(h.url, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(INIT) });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await post(JSON.stringify(INIT), { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    const prefix = await post(JSON.stringify(INIT), { authorization: `Bearer ${TOKEN.slice(0, -1)}` });
    expect(prefix.status).toBe(401);
  });

  it('answers 403 for a foreign Origin and accepts a loopback one', async () => {
    expect((await post(JSON.stringify(INIT), { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post(JSON.stringify(INIT), { origin: 'null' })).status).toBe(403);
    expect((await post(JSON.stringify(INIT), { origin: `http://localhost:3000` })).status).toBe(200);
  });

  it('answers 413 for a body over the cap, declared or streamed', async () => {
    const big = JSON.stringify({ ...INIT, params: { ...INIT.params, pad: 'x'.repeat(10_000) } });
    expect((await post(big)).status).toBe(413);
    // Streamed (chunked, no Content-Length): the bytes are counted as they arrive.
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1000)));
        controller.close();
      },
    });
    const chunked = await fetch(h.url, {
      method: 'POST',
      headers: { ...JSON_HEADERS, authorization: `Bearer ${TOKEN}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await ping()).status).toBe(200);
  });

  it('cuts off an endless oversized body instead of reading it all', async () => {
    let sent = 0;
    const endless = new ReadableStream({
      pull(controller) {
        sent += 64 * 1024;
        if (sent > 64 * 1024 * 1024) controller.close();
        else controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const outcome = await fetch(h.url, {
      method: 'POST',
      headers: { ...JSON_HEADERS, authorization: `Bearer ${TOKEN}` },
      body: endless,
      duplex: 'half',
    } as RequestInit).then(
      (r) => r.status,
      () => 'connection closed',
    );
    expect([413, 'connection closed']).toContain(outcome);
    expect(sent).toBeLessThan(64 * 1024 * 1024);
    expect((await ping()).status).toBe(200);
  });

  it('answers malformed JSON with a JSON-RPC parse error', async () => {
    const r = await post('{"jsonrpc": "2.0", ');
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { code: number } }).error.code).toBe(-32700);
  });

  it('answers 404 off the endpoint', async () => {
    const r = await fetch(h.url.replace('/mcp', '/other'), { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(r.status).toBe(404);
  });

  it('never crashes on random or malformed JSON-RPC bodies (property-based)', async () => {
    const jsonRpcish = fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .record(
          {
            jsonrpc: fc.oneof(fc.constant('2.0'), fc.string()),
            id: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
            method: fc.oneof(
              fc.constantFrom(
                'initialize',
                'tools/call',
                'tools/list',
                'resources/read',
                'ping',
                'server/discover',
              ),
              fc.string(),
            ),
            params: fc.oneof(fc.jsonValue(), fc.record({ name: fc.string(), arguments: fc.jsonValue() })),
          },
          { requiredKeys: [] },
        )
        .map((v) => JSON.stringify(v)),
      fc.array(fc.jsonValue()).map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(jsonRpcish, async (body) => {
        const r = await post(body, { 'mcp-protocol-version': '2025-06-18' });
        await r.arrayBuffer();
        expect(r.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    const after = await ping();
    expect(after.status).toBe(200);
    expect(after.body.result).toEqual({});
  });

  it('rejects a taken port with a message naming -p/--port', async () => {
    await expect(startHttpServer({ engine, port: h.port })).rejects.toThrow(/-p\/--port/);
  });

  it('refuses a non-loopback bind address', async () => {
    await expect(startHttpServer({ engine, port: 0, host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });
});

describe('Host header check', () => {
  it('answers 403 for a foreign Host and accepts loopback names with or without port', async () => {
    const h = await startHttpServer({ engine: new FakeEngine(), port: 0, token: TOKEN });
    try {
      const send = (host: string) =>
        new Promise<number>((resolve, reject) => {
          const headers = { ...JSON_HEADERS, host, authorization: `Bearer ${TOKEN}` };
          const req = request(
            { host: '127.0.0.1', port: h.port, path: '/mcp', method: 'POST', headers },
            (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            },
          );
          req.on('error', reject);
          req.end(JSON.stringify(INIT));
        });
      expect(await send('evil.example')).toBe(403);
      expect(await send(`evil.example:${h.port}`)).toBe(403);
      expect(await send('localhost.evil.example')).toBe(403);
      expect(await send('127.0.0.1')).toBe(200);
      expect(await send(`localhost:${h.port}`)).toBe(200);
      expect(await send(`[::1]:${h.port}`)).toBe(200);
    } finally {
      await h.close();
    }
  });
});
