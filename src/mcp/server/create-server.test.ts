import { describe, expect, it } from 'vitest';
import { PROTOCOL_ERAS, textOf, useFakeEngineClient } from '../../../test/mcp/connect.js';

/** Tools that load pages from URLs the caller names: honestly open-world. */
const OPEN_WORLD = new Set(['browser_navigate', 'browser_open', 'browser_screenshot', 'browser_snapshot']);

const TOOLS = [
  'about',
  'browser_navigate',
  'browser_open',
  'browser_refresh',
  'browser_screenshot',
  'browser_snapshot',
  'errors_list',
  'logs_search',
  'logs_stream',
  'proxy_requests',
  'repl_execute',
  'scripts_list',
  'scripts_restart',
  'scripts_run',
  'scripts_status',
  'scripts_stop',
  'telemetry_events',
  'telemetry_sessions',
  'urls_list',
];

describe.each(PROTOCOL_ERAS)('MCP server, %s protocol era', (era, connect) => {
  const c = useFakeEngineClient(connect);

  it('negotiated the intended era', () => {
    expect(c.client.getProtocolEra()).toBe(era);
  });

  it('lists every tool with schemas and honest annotations', async () => {
    const { tools } = await c.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOLS);
    for (const tool of tools) {
      expect(tool.outputSchema, tool.name).toBeDefined();
      expect(tool.annotations?.openWorldHint, tool.name).toBe(OPEN_WORLD.has(tool.name));
      expect(typeof tool.annotations?.readOnlyHint, tool.name).toBe('boolean');
    }
    const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
    expect(byName.scripts_stop?.annotations?.destructiveHint).toBe(true);
    expect(byName.logs_stream?.annotations?.readOnlyHint).toBe(true);
    expect(byName.scripts_run?.annotations?.readOnlyHint).toBe(false);
  });

  it('scripts_list returns scripts with command and package manager', async () => {
    const r = await c.client.callTool({ name: 'scripts_list', arguments: {} });
    expect(r.isError).toBeFalsy();
    const s = r.structuredContent as {
      package_manager: { name: string };
      scripts: { name: string; command: string }[];
    };
    expect(s.package_manager.name).toBe('npm');
    expect(s.scripts.map((x) => x.name)).toContain('dev');
    expect(textOf(r)).toContain('dev: node dev.mjs');
  });

  it('scripts_run with wait ready returns the URL; a second run is flagged duplicate', async () => {
    const r = await c.client.callTool({ name: 'scripts_run', arguments: { name: 'dev', wait: 'ready' } });
    expect(r.isError).toBeFalsy();
    const s = r.structuredContent as {
      process: { id: string; status: string };
      urls: string[];
      duplicate: boolean;
      wait: { outcome: string };
    };
    expect(s.urls).toEqual(['http://localhost:5173/']);
    expect(s.wait.outcome).toBe('ready');
    expect(s.duplicate).toBe(false);
    const again = await c.client.callTool({ name: 'scripts_run', arguments: { name: 'dev' } });
    expect((again.structuredContent as { duplicate: boolean }).duplicate).toBe(true);
    expect(textOf(again)).toContain('already running');
  });

  it('an unknown script is an isError result with a suggestion', async () => {
    const r = await c.client.callTool({ name: 'scripts_run', arguments: { name: 'deb' } });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('Did you mean "dev"?');
    expect(textOf(r)).toContain('scripts_list');
  });

  it('invalid arguments are an isError result naming the problem', async () => {
    const r = await c.client.callTool({ name: 'scripts_run', arguments: { name: 'dev', wait: 'forever' } });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/wait/);
    const big = await c.client.callTool({
      name: 'scripts_run',
      arguments: { name: 'dev', timeout_ms: 999_999 },
    });
    expect(big.isError).toBe(true);
  });

  it('an unknown tool is a JSON-RPC error', async () => {
    await expect(c.client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toThrow(/no_such_tool/);
  });

  it('scripts_stop needs a reference, reports unknown ones, and stops known ones', async () => {
    expect((await c.client.callTool({ name: 'scripts_stop', arguments: {} })).isError).toBe(true);
    const unknown = await c.client.callTool({ name: 'scripts_stop', arguments: { process_id: 'nope-1' } });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toContain('UNKNOWN_PROCESS');
    await c.client.callTool({ name: 'scripts_run', arguments: { name: 'watch' } });
    const stopped = await c.client.callTool({ name: 'scripts_stop', arguments: { name: 'watch' } });
    expect((stopped.structuredContent as { process: { status: string } }).process.status).toBe('stopped');
  });

  it('scripts_status gives one revision and, with since_revision, only changes', async () => {
    await c.client.callTool({ name: 'scripts_run', arguments: { name: 'dev' } });
    const all = (await c.client.callTool({ name: 'scripts_status', arguments: {} })).structuredContent as {
      revision: number;
      processes: unknown[];
    };
    expect(all.processes).toHaveLength(1);
    await c.client.callTool({ name: 'scripts_run', arguments: { name: 'watch' } });
    const changed = (
      await c.client.callTool({ name: 'scripts_status', arguments: { since_revision: all.revision } })
    ).structuredContent as { processes: { name: string }[]; changes_only: boolean };
    expect(changed.changes_only).toBe(true);
    expect(changed.processes.map((p) => p.name)).toEqual(['watch']);
  });

  it('logs_stream pages with cursors and bounds the page', async () => {
    c.engine.log(
      'dev-1',
      Array.from({ length: 30 }, (_, i) => `line ${i}`),
    );
    const first = (await c.client.callTool({ name: 'logs_stream', arguments: { limit: 10 } }))
      .structuredContent as {
      lines: { text: string }[];
      next_cursor: number;
      truncated: boolean;
    };
    expect(first.lines.map((l) => l.text)).toEqual(Array.from({ length: 10 }, (_, i) => `line ${i}`));
    expect(first.truncated).toBe(true);
    const second = (
      await c.client.callTool({ name: 'logs_stream', arguments: { since: first.next_cursor, limit: 100 } })
    ).structuredContent as { lines: { text: string }[]; truncated: boolean };
    expect(second.lines[0]?.text).toBe('line 10');
    expect(second.lines).toHaveLength(20);
    expect(second.truncated).toBe(false);
  });

  it('logs_stream with wait_ms returns as soon as a line arrives, and unsubscribes', async () => {
    const before = c.engine.events.listenerCount('logs');
    setTimeout(() => c.engine.log('dev-1', ['late line']), 100);
    const t0 = Date.now();
    const r = (await c.client.callTool({ name: 'logs_stream', arguments: { wait_ms: 5000 } }))
      .structuredContent as {
      lines: { text: string }[];
    };
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(r.lines.map((l) => l.text)).toEqual(['late line']);
    expect(c.engine.events.listenerCount('logs')).toBe(before);
  });

  it('logs_stream with wait_ms times out with no lines, and unsubscribes', async () => {
    const before = c.engine.events.listenerCount('logs');
    const r = (await c.client.callTool({ name: 'logs_stream', arguments: { wait_ms: 150 } }))
      .structuredContent as {
      lines: unknown[];
      waited_ms: number;
    };
    expect(r.lines).toEqual([]);
    expect(r.waited_ms).toBeGreaterThanOrEqual(140);
    expect(c.engine.events.listenerCount('logs')).toBe(before);
  });

  it('logs_search finds lines and reports a bad pattern as isError with a fix', async () => {
    c.engine.log('dev-1', ['all good', 'TypeError: x is undefined']);
    const r = (await c.client.callTool({ name: 'logs_search', arguments: { query: 'typeerror' } }))
      .structuredContent as {
      matches: { line: { text: string } }[];
    };
    expect(r.matches.map((m) => m.line.text)).toEqual(['TypeError: x is undefined']);
    const bad = await c.client.callTool({ name: 'logs_search', arguments: { query: '(', regex: true } });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toContain('INVALID_PATTERN');
    expect(textOf(bad)).toContain('regex: false');
    // The fake searches with the engine's own search: a pattern that cannot run in linear time is
    // refused with the reason, as brum refuses it.
    const slow = await c.client.callTool({
      name: 'logs_search',
      arguments: { query: '(a)\\1', regex: true },
    });
    expect(slow.isError).toBe(true);
    expect(textOf(slow)).toContain('INVALID_PATTERN');
    expect(textOf(slow)).toMatch(/backreference/i);
  });

  it('errors_list and urls_list shape records', async () => {
    c.engine.errorList.push({
      id: 'e1',
      processId: 'fail-1',
      severity: 'error',
      kind: 'node',
      code: 'TypeError',
      message: 'x is undefined',
      file: 'fail.mjs',
      line: 3,
      column: 9,
      stack: Array.from({ length: 50 }, (_, i) => `at f${i}`),
      firstSeen: 1,
      lastSeen: 2,
      count: 2,
      seqStart: 1,
      seqEnd: 5,
      resolved: false,
      fingerprint: 'fp',
    });
    const r = await c.client.callTool({ name: 'errors_list', arguments: {} });
    const errors = (
      r.structuredContent as { errors: { file: string; stack: string[]; stack_truncated: boolean }[] }
    ).errors;
    expect(errors[0]?.file).toBe('fail.mjs');
    expect(errors[0]?.stack).toHaveLength(30);
    expect(errors[0]?.stack_truncated).toBe(true);
    expect(textOf(r)).toContain('fail.mjs:3:9');
    await c.client.callTool({ name: 'scripts_run', arguments: { name: 'dev', wait: 'ready' } });
    const urls = await c.client.callTool({ name: 'urls_list', arguments: {} });
    expect((urls.structuredContent as { urls: { url: string }[] }).urls[0]?.url).toBe(
      'http://localhost:5173/',
    );
  });

  it('about tells version, project and package manager', async () => {
    const r = await c.client.callTool({ name: 'about', arguments: {} });
    const s = r.structuredContent as { version: string; project_dir: string; package_manager: string };
    expect(s.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(s.project_dir).toBe('/project');
    expect(s.package_manager).toBe('npm');
  });

  it('resources: processes list, logs (bounded) and errors of a process', async () => {
    await c.client.callTool({ name: 'scripts_run', arguments: { name: 'dev' } });
    c.engine.log(
      'dev-1',
      Array.from({ length: 2000 }, (_, i) => `${i} ${'x'.repeat(60)}`),
    );
    const list = await c.client.listResources();
    const uris = list.resources.map((r) => r.uri);
    expect(uris).toContain('brum://processes');
    expect(uris).toContain('brum://processes/dev-1/logs');
    expect(uris).toContain('brum://processes/dev-1/errors');
    const processes = await c.client.readResource({ uri: 'brum://processes' });
    expect(JSON.parse((processes.contents[0] as { text: string }).text).processes[0].id).toBe('dev-1');
    const logs = await c.client.readResource({ uri: 'brum://processes/dev-1/logs' });
    const text = (logs.contents[0] as { text: string }).text;
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(64 * 1024 + 200);
    expect(text).toMatch(/^\[output cut/);
    expect(text.endsWith(`1999 ${'x'.repeat(60)}`)).toBe(true);
    await expect(c.client.readResource({ uri: 'brum://processes/nope/logs' })).rejects.toThrow();
  });
});
