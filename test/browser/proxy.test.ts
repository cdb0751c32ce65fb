import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { BrowserState } from '../../src/core/browser/state.js';
import { BrumProxy } from '../../src/browser/proxy/server.js';
import type { PageClientEndpoint } from '../../src/browser/proxy/endpoint.js';
import { startUpstream, PAGES } from '../fixtures/web/upstream.mjs';
import { http, NAVIGATION } from './http-client.js';
import { testBrowserState } from '../helpers/browser-state.js';

const SECRET = 'test-secret-0123456789';
const TAG_PREFIX = `<script src="/__brum/client.js?s=${SECRET}"`;

interface Running {
  upstream: { port: number; close(): Promise<void> };
  proxy: BrumProxy;
  state: BrowserState;
  base: string;
  accepted: { origin: string; processId: string }[];
}

let run: Running;

const endpoint = (accepted: Running['accepted']): PageClientEndpoint => ({
  script: () => ({ body: 'window.__brum = 1;\n', etag: '"client-1"' }),
  accept: (socket, page) => {
    accepted.push({ origin: page.origin, processId: page.processId });
    socket.send('welcome');
  },
});

async function startProxy(
  target: string,
  accepted: Running['accepted'],
  state: BrowserState,
): Promise<BrumProxy> {
  const proxy = new BrumProxy({
    target,
    processId: () => 'web-1',
    describeProcess: () => ({ text: 'dev (web-1): failed, exit 1', retry: false }),
    secret: SECRET,
    endpoint: endpoint(accepted),
    feed: state,
    now: Date.now,
  });
  await proxy.listen(0);
  return proxy;
}

beforeAll(async () => {
  const upstream = await startUpstream(0);
  const state = testBrowserState();
  const accepted: Running['accepted'] = [];
  const proxy = await startProxy(`http://localhost:${upstream.port}`, accepted, state);
  run = { upstream, proxy, state, base: proxy.url, accepted };
});

afterAll(async () => {
  await run.proxy.close();
  await run.upstream.close();
});

/** The finished record of the last request to `path`. */
async function recordOf(path: string) {
  for (let i = 0; i < 100; i++) {
    const found = run.state
      .requests({ limit: 10_000 })
      .items.filter((r) => r.url === path && r.durationMs !== undefined)
      .at(-1);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no finished record for ${path}`);
}

describe('proxy: HTML documents get the page client first in <head>', () => {
  for (const path of ['/', '/gzip', '/deflate', '/deflate-raw', '/br']) {
    it(`injects into ${path} and sends identity with a consistent length`, async () => {
      const reply = await http(run.base + path, { headers: NAVIGATION });
      expect(reply.status).toBe(200);
      expect(reply.headers['content-encoding']).toBeUndefined();
      if (reply.headers['content-length'] !== undefined)
        expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
      // The fixture has `<head>` in a comment before the real one.
      const head = reply.text.indexOf('<html lang="en"><head>') + '<html lang="en">'.length;
      expect(reply.text.slice(head + 6).startsWith(TAG_PREFIX)).toBe(true);
      // Exactly the upstream page plus the tag: nothing else changed.
      const tagEnd = reply.text.indexOf('</script>', head) + '</script>'.length;
      expect(reply.text.slice(0, head + 6) + reply.text.slice(tagEnd)).toBe(PAGES.plain);
      const record = await recordOf(path);
      expect(record).toMatchObject({ status: 200, injected: true, method: 'GET', processId: 'web-1' });
      expect(record.bytes).toBe(reply.body.length);
    });
  }

  it('creates a head when the page has none, before the first script', async () => {
    const reply = await http(`${run.base}/nohead`, { headers: NAVIGATION });
    expect(reply.text.startsWith(`<!doctype html><head>${TAG_PREFIX}`)).toBe(true);
    expect(reply.text.indexOf('data-brum-client')).toBeLessThan(reply.text.indexOf('window.early'));
  });

  it('does not inject into a non-navigation request (fetch of HTML, scripts, JSON)', async () => {
    const reply = await http(`${run.base}/`, { headers: { accept: 'text/html', 'sec-fetch-dest': 'empty' } });
    expect(reply.text).toBe(PAGES.plain);
    expect((await recordOf('/')).injected).toBeUndefined();
    const js = await http(`${run.base}/app.js`, { headers: { 'sec-fetch-dest': 'script' } });
    expect(js.text).toBe('window.appRan = true;\n');
  });

  it('passes an encoding it cannot decode untouched, with a warning on the record', async () => {
    const reply = await http(`${run.base}/zstd`, { headers: NAVIGATION });
    expect(reply.headers['content-encoding']).toBe('zstd');
    expect(reply.text).toBe('not really zstd');
    const record = await recordOf('/zstd');
    expect(record.injected).toBe(false);
    expect(record.warning).toMatch(/zstd.*not injected/);
  });

  it('asks upstream only for encodings it can decode on navigations', async () => {
    const reply = await http(`${run.base}/headers`, { headers: NAVIGATION });
    // /headers answers JSON, so nothing is injected; it shows what upstream was sent.
    const sent = JSON.parse(reply.text) as Record<string, string>;
    expect(sent['accept-encoding']).toBe('gzip, deflate, br');
    expect(sent.host).toBe(`localhost:${run.upstream.port}`);
  });

  it('rewrites ETag weakly and turns it back for revalidation (304 keeps working)', async () => {
    const first = await http(`${run.base}/etag`, { headers: NAVIGATION });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"v1~brum[\w-]+"$/);
    const again = await http(`${run.base}/etag`, { headers: { ...NAVIGATION, 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.etag).toBe(etag);
  });
});

describe('proxy: CSP is kept and respected', () => {
  it('copies the page nonce onto the tag and keeps the header', async () => {
    const reply = await http(`${run.base}/csp-nonce`, { headers: NAVIGATION });
    expect(reply.headers['content-security-policy']).toBe("script-src 'nonce-abc123' 'strict-dynamic'");
    expect(reply.text).toContain(`${TAG_PREFIX} nonce="abc123" data-brum-client></script>`);
  });

  it("injects under 'self'", async () => {
    const reply = await http(`${run.base}/csp-self`, { headers: NAVIGATION });
    expect(reply.headers['content-security-policy']).toBe("default-src 'self'");
    expect(reply.text).toContain(TAG_PREFIX);
  });

  it('reports a hash-only policy as blocking the client, and leaves the page alone', async () => {
    const reply = await http(`${run.base}/csp-hash`, { headers: NAVIGATION });
    expect(reply.headers['content-security-policy']).toContain('sha256-');
    expect(reply.text).toBe(PAGES.plain);
    const record = await recordOf('/csp-hash');
    expect(record.injected).toBe(false);
    expect(record.warning).toMatch(/Content-Security-Policy blocks brum's page client .*only hashed scripts/);
  });
});

describe('proxy: everything else streams through untouched', () => {
  it('streams SSE events as they come', async () => {
    const reply = await http(`${run.base}/sse`, { headers: { accept: 'text/event-stream' } });
    expect(reply.headers['content-type']).toBe('text/event-stream');
    expect(reply.text).toBe('data: tick 1\n\ndata: tick 2\n\ndata: tick 3\n\n');
  });

  it('streams a large chunked download byte for byte and records its size', async () => {
    const reply = await http(`${run.base}/large?mb=16`);
    expect(reply.body.length).toBe(16 * 1024 * 1024);
    expect(reply.body.every((b) => b === 0x78)).toBe(true);
    expect((await recordOf('/large?mb=16')).bytes).toBe(16 * 1024 * 1024);
  });

  it('forwards any method and a large request body', async () => {
    const body = Buffer.alloc(5 * 1024 * 1024, 7);
    const reply = await http(`${run.base}/echo`, {
      method: 'PUT',
      body,
      headers: { 'content-type': 'application/x-test' },
    });
    expect(reply.headers['x-method']).toBe('PUT');
    expect(reply.body.equals(body)).toBe(true);
  });

  it('proxies WebSocket upgrades (HMR) both ways, with the target as Origin', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${run.proxy.port}/ws`, { origin: run.base });
    const messages: string[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.on('message', (data) => {
        messages.push(String(data));
        if (messages.length === 1) ws.send('ping through the proxy');
        if (messages.length === 2) resolve();
      });
      ws.on('error', reject);
    });
    ws.close();
    expect(messages).toEqual([`hello http://localhost:${run.upstream.port}`, 'ping through the proxy']);
    const record = await recordOf('/ws');
    expect(record).toMatchObject({ websocket: true, status: 101 });
  });
});

describe('proxy: guards', () => {
  it('refuses a foreign Host (DNS rebinding)', async () => {
    const reply = await http(`${run.base}/`, { headers: { host: 'evil.example:80' } });
    expect(reply.status).toBe(403);
    expect(reply.text).toMatch(/not this proxy/);
  });

  it('serves the client script only with the secret, without CORS headers', async () => {
    const ok = await http(`${run.base}/__brum/client.js?s=${SECRET}`, {
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('window.__brum = 1;\n');
    expect(ok.headers['access-control-allow-origin']).toBeUndefined();
    expect((await http(`${run.base}/__brum/client.js`)).status).toBe(403);
    expect((await http(`${run.base}/__brum/client.js?s=wrong`)).status).toBe(403);
    const foreign = await http(`${run.base}/__brum/client.js?s=${SECRET}`, {
      headers: { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(foreign.status).toBe(403);
    expect((await http(`${run.base}/__brum/other`)).status).toBe(404);
  });

  it('accepts the page-client socket only from its own origin with the secret', async () => {
    const attempt = (origin: string | undefined, secret: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(
          `ws://127.0.0.1:${run.proxy.port}/__brum/ws?s=${secret}`,
          origin ? { origin } : {},
        );
        ws.on('message', (m) => {
          resolve(String(m));
          ws.close();
        });
        ws.on('unexpected-response', (_req, res) => resolve(`refused ${res.statusCode}`));
        ws.on('error', () => {});
      });
    expect(await attempt(run.base, SECRET)).toBe('welcome');
    expect(run.accepted.at(-1)).toEqual({ origin: run.base, processId: 'web-1' });
    expect(await attempt('http://evil.example', SECRET)).toBe('refused 403');
    expect(await attempt(run.base, 'wrong-secret-0123456789')).toBe('refused 403');
    expect(await attempt(undefined, SECRET)).toBe('refused 403');
  });
});

describe('proxy: upstream down', () => {
  it('answers a navigation with a 502 page naming the process and its status; the record says so', async () => {
    const state = testBrowserState();
    const dead = await startUpstream(0);
    await dead.close(); // a port nothing listens on any more
    const proxy = await startProxy(`http://127.0.0.1:${dead.port}`, [], state);
    try {
      const reply = await http(`${proxy.url}/`, { headers: NAVIGATION });
      expect(reply.status).toBe(502);
      expect(reply.headers['content-type']).toMatch(/text\/html/);
      expect(reply.text).toContain('dev (web-1): failed, exit 1');
      const record = state.requests().items[0]!;
      expect(record.status).toBe(502);
      expect(record.error).toMatch(/not answering \(ECONNREFUSED\); dev \(web-1\): failed, exit 1/);
    } finally {
      await proxy.close();
    }
  });
});

describe('proxy: listening after busy ports', () => {
  it('a failed attempt leaves nothing behind (no listener piles up across retries)', async () => {
    const options = {
      target: `http://localhost:${run.upstream.port}`,
      processId: () => 'web-1',
      describeProcess: () => ({ text: 'dev', retry: false }),
      secret: SECRET,
      endpoint: endpoint([]),
      feed: testBrowserState(),
      now: Date.now,
    };
    const busy = new BrumProxy(options);
    const proxy = new BrumProxy(options);
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    const taken = await busy.listen(0);
    try {
      // A pinned port that stays busy: each attempt used to leave its `listening` callback on the
      // server, and the eleventh tripped Node's listener-leak warning (all of them ran on success).
      for (let i = 0; i < 12; i++) await expect(proxy.listen(taken)).rejects.toThrow(/EADDRINUSE/);
      const port = await proxy.listen(0);
      expect(port).not.toBe(taken);
      expect(proxy.url).toBe(`http://127.0.0.1:${port}`);
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
      expect(warnings.filter((w) => w.includes('MaxListenersExceeded'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await proxy.close();
      await busy.close();
    }
  });
});
