import { beforeEach, describe, expect, it } from 'vitest';
import { textOf, useFakeEngineClient } from '../../../../test/mcp/connect.js';

interface RequestsResult {
  requests: { seq: number; url: string; status?: number; error?: string; injected?: boolean }[];
  proxies: { target: string; proxy_url?: string }[];
  next_cursor: number;
  truncated: boolean;
  gap: boolean;
}

describe('proxy_requests and proxy_url', () => {
  const c = useFakeEngineClient();
  beforeEach(async () => {
    // dev printed its URL (scripts_run wait ready), and the proxy for it listens.
    await c.client.callTool({ name: 'scripts_run', arguments: { name: 'dev', wait: 'ready' } });
    c.engine.proxyListening('dev-1');
    const feed = (url: string, status: number, extra = {}) =>
      c.engine.proxiedRequest('dev-1', url, { status, durationMs: 3, bytes: 10, ...extra });
    feed('/', 200, { injected: true });
    feed('/src/main.ts', 200);
    feed('/api/missing', 404);
    feed('/api/down', 502, { error: 'upstream http://localhost:5173 not answering (ECONNREFUSED)' });
  });

  it('lists requests with a cursor, filters errors, and names the proxies', async () => {
    const first = await c.client.callTool({ name: 'proxy_requests', arguments: { limit: 2 } });
    const all = first.structuredContent as unknown as RequestsResult;
    expect(textOf(first).split('\n')[1]).toBe(
      `2 request(s), next_cursor ${all.next_cursor}; more available: call again with since=next_cursor`,
    );
    expect(all.requests.map((r) => r.url)).toEqual(['/', '/src/main.ts']);
    expect(all.requests[0]?.injected).toBe(true);
    expect(all.truncated).toBe(true);
    expect(all.proxies).toEqual([
      {
        process_id: 'dev-1',
        target: 'http://localhost:5173',
        proxy_url: 'http://127.0.0.1:7601',
        status: 'listening',
      },
    ]);
    const rest = (await c.client.callTool({ name: 'proxy_requests', arguments: { since: all.next_cursor } }))
      .structuredContent as unknown as RequestsResult;
    expect(rest.requests.map((r) => r.url)).toEqual(['/api/missing', '/api/down']);
    const errors = await c.client.callTool({
      name: 'proxy_requests',
      arguments: { status: 'error', process_id: 'dev' },
    });
    const text = textOf(errors);
    expect(text).toMatch(/GET \/api\/missing 404/);
    expect(text).toMatch(/GET \/api\/down 502 .*ECONNREFUSED/);
    expect(text).not.toMatch(/main\.ts/);
  });

  it('an unknown process is an isError result', async () => {
    const r = await c.client.callTool({ name: 'proxy_requests', arguments: { process_id: 'nope' } });
    expect(r.isError).toBe(true);
  });

  it('urls_list and scripts_status carry proxy_url', async () => {
    const urls = (await c.client.callTool({ name: 'urls_list', arguments: {} })).structuredContent as {
      urls: { url: string; proxy_url?: string }[];
    };
    expect(urls.urls).toEqual([
      expect.objectContaining({ url: 'http://localhost:5173/', proxy_url: 'http://127.0.0.1:7601/' }),
    ]);
    const status = await c.client.callTool({ name: 'scripts_status', arguments: {} });
    const processes = (status.structuredContent as { processes: { proxy_url?: string }[] }).processes;
    expect(processes[0]?.proxy_url).toBe('http://127.0.0.1:7601/');
    expect(textOf(status)).toMatch(/proxied at http:\/\/127\.0\.0\.1:7601\//);
  });
});
