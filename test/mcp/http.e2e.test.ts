import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrumEngine } from '../../src/core/engine/engine.js';
import { startHttpServer, type HttpServerHandle } from '../../src/mcp/transports/http/http-server.js';
import { connectHttp, createRealEngine, eventually, pidGone, PROCS_DIR } from './real-engine.js';

interface ProcessOut {
  id: string;
  pid?: number;
  status: string;
  urls: string[];
}

describe.each(['legacy', 'modern'] as const)('HTTP end to end on examples/basic, %s era', (era) => {
  let engine: BrumEngine;
  let h: HttpServerHandle;
  let client: Client;
  beforeAll(async () => {
    engine = createRealEngine();
    h = await startHttpServer({ engine, port: 0 });
    client = await connectHttp(h.url, h.token, era);
  });
  afterAll(async () => {
    await client?.close();
    await h?.close();
    await engine?.shutdown();
  });

  it('negotiates the era', () => {
    expect(client.getProtocolEra()).toBe(era);
  });

  it('scripts_run dev with wait ready returns the dev server URL, which answers', async () => {
    const r = await client.callTool({
      name: 'scripts_run',
      arguments: { name: 'dev', wait: 'ready', timeout_ms: 15000 },
    });
    expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
    const s = r.structuredContent as { process: ProcessOut; urls: string[]; wait: { outcome: string } };
    expect(s.wait.outcome).toBe('ready');
    expect(s.urls[0]).toMatch(/^http:\/\/localhost:\d+\/$/);
    const page = await fetch(s.urls[0]!);
    expect(await page.text()).toContain('hello from the brum example');
  });

  it('scripts_stop returns once the process is gone', async () => {
    const running = engine.get('dev');
    const pid = running?.pid;
    expect(pid).toBeTypeOf('number');
    const r = await client.callTool({ name: 'scripts_stop', arguments: { name: 'dev' } });
    const s = r.structuredContent as { process: ProcessOut };
    expect(s.process.status).toBe('stopped');
    expect(pidGone(pid!)).toBe(true);
  });

  it('concurrent scripts_run of one script starts exactly one process', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => client.callTool({ name: 'scripts_run', arguments: { name: 'watch' } })),
    );
    const outs = results.map((r) => r.structuredContent as { process: ProcessOut; duplicate: boolean });
    expect(outs.filter((o) => !o.duplicate)).toHaveLength(1);
    expect(new Set(outs.map((o) => o.process.id)).size).toBe(1);
    const active = engine.snapshot().processes.filter((p) => p.name === 'watch' && p.isActive);
    expect(active).toHaveLength(1);
    await client.callTool({ name: 'scripts_stop', arguments: { name: 'watch' } });
  });

  it('errors_list shows a record for the failing script', async () => {
    const run = await client.callTool({
      name: 'scripts_run',
      arguments: { name: 'fail', wait: 'exit', timeout_ms: 10000 },
    });
    const s = run.structuredContent as { process: ProcessOut; wait: { outcome: string } };
    expect(s.process.status).toBe('failed');
    const errors = await eventually(async () => {
      const r = await client.callTool({ name: 'errors_list', arguments: { process_id: s.process.id } });
      const list = (r.structuredContent as { errors: { kind: string; message: string; file?: string }[] })
        .errors;
      return list.length > 0 ? list : undefined;
    });
    expect(errors[0]?.message).toMatch(/toFixed|undefined/);
    expect(errors[0]?.file ?? '').toContain('fail.mjs');
  });

  it('an unknown script is an isError result with a suggestion from the real project', async () => {
    const r = await client.callTool({ name: 'scripts_run', arguments: { name: 'dve' } });
    expect(r.isError).toBe(true);
    expect(JSON.stringify(r.content)).toContain('dev');
  });
});

describe('logs_stream paging against a flood with a small log buffer', () => {
  let engine: BrumEngine;
  let h: HttpServerHandle;
  let client: Client;
  beforeAll(async () => {
    engine = createRealEngine(PROCS_DIR, { logBufferBytes: 64 * 1024, logTotalBytes: 256 * 1024 });
    h = await startHttpServer({ engine, port: 0 });
    client = await connectHttp(h.url, h.token);
  });
  afterAll(async () => {
    await client?.close();
    await h?.close();
    await engine?.shutdown();
  });

  it('pages with cursors, bounds each page, and flags the evicted gap', async () => {
    const run = await client.callTool({
      name: 'scripts_run',
      arguments: { name: 'flood', args: ['20000'], wait: 'exit' },
    });
    const id = (run.structuredContent as { process: ProcessOut }).process.id;
    type Page = {
      lines: { seq: number; text: string }[];
      next_cursor: number;
      truncated: boolean;
      gap: boolean;
    };
    const read = async (since: number) =>
      (
        await client.callTool({
          name: 'logs_stream',
          arguments: { process_id: id, since, limit: 50, max_bytes: 16384 },
        })
      ).structuredContent as Page;
    const first = await read(0);
    expect(first.gap).toBe(true);
    expect(first.truncated).toBe(true);
    // The byte bound holds even when the line limit would allow more.
    const small = (
      await client.callTool({
        name: 'logs_stream',
        arguments: { process_id: id, limit: 1000, max_bytes: 1024 },
      })
    ).structuredContent as Page;
    expect(small.truncated).toBe(true);
    expect(small.lines.reduce((n, l) => n + Buffer.byteLength(l.text), 0)).toBeLessThanOrEqual(1024);
    let cursor = first.next_cursor;
    let previous = first.lines.at(-1)!.seq;
    let pages = 1;
    for (;;) {
      const page = await read(cursor);
      if (page.lines.length === 0) break;
      expect(page.gap).toBe(false);
      expect(page.lines[0]!.seq).toBeGreaterThan(previous);
      previous = page.lines.at(-1)!.seq;
      cursor = page.next_cursor;
      pages++;
      if (!page.truncated) break;
    }
    expect(pages).toBeGreaterThan(2);
    // The flood prints numbered lines; the last kept one is the last printed one.
    const last = await read(previous - 1);
    expect(last.lines.at(-1)?.text).toMatch(/items\/19999 /);
  });

  it('logs_stream with wait_ms long-polls on a live process and leaves no listener behind', async () => {
    const run = await client.callTool({ name: 'scripts_run', arguments: { name: 'ticker' } });
    const id = (run.structuredContent as { process: ProcessOut }).process.id;
    const latest = (await client.callTool({ name: 'logs_stream', arguments: { process_id: id } }))
      .structuredContent as {
      latest_seq: number;
    };
    const r = (
      await client.callTool({
        name: 'logs_stream',
        arguments: { process_id: id, since: latest.latest_seq, wait_ms: 10000 },
      })
    ).structuredContent as { lines: unknown[]; waited_ms?: number };
    expect(r.lines.length).toBeGreaterThan(0);
    await client.callTool({ name: 'scripts_stop', arguments: { process_id: id } });
  });
});
