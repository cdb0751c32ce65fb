/** Size bounds of MCP answers (issue 10 §7), over a real engine and real processes. */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PROCESS_CONFIG } from '../../src/core/config/types.js';
import type { BrumEngine } from '../../src/core/engine/engine.js';
import { MAX_LOG_BYTES, MAX_MATCH_BYTES, MAX_STATUS_BYTES } from '../../src/mcp/server/limits.js';
import { connectLegacy, textOf, type Connected } from './connect.js';
import { createRealEngine, PROCS_DIR } from './real-engine.js';

const node = (code: string) => `node -e ${JSON.stringify(code)}`;

const commands = {
  echoer: { ...DEFAULT_PROCESS_CONFIG, run: 'echo hi' },
  // 21 lines of 64 KiB (cut to the store's maximum line length), the middle one has the needle.
  wide: {
    ...DEFAULT_PROCESS_CONFIG,
    run: node("const l='x'.repeat(70000); for (let i=0;i<21;i++) console.log(i===10?'needle '+l:l)"),
  },
  // A server that prints its address, then logs 500 distinct request URLs.
  chatty: {
    ...DEFAULT_PROCESS_CONFIG,
    run: node(
      "console.log('Local: http://localhost:5173/'); for (let i=0;i<500;i++) console.log('GET http://localhost:5173/api/item/'+i)",
    ),
  },
};

let engine: BrumEngine | undefined;
let c: Connected | undefined;

afterEach(async () => {
  await c?.close();
  await engine?.shutdown();
  c = undefined;
  engine = undefined;
});

async function setUp(keepRuns = 10): Promise<Connected> {
  engine = createRealEngine(PROCS_DIR, { keepRuns, commands });
  c = await connectLegacy(engine);
  return c;
}

async function call(name: string, args: Record<string, unknown>) {
  const result = await c!.client.callTool({ name, arguments: args });
  expect(result.isError, textOf(result)).toBeFalsy();
  const bytes =
    Buffer.byteLength(JSON.stringify(result.structuredContent)) + Buffer.byteLength(textOf(result));
  return { structured: result.structuredContent as Record<string, unknown>, bytes, text: textOf(result) };
}

async function runToEnd(name: string): Promise<string> {
  const { process } = engine!.start(name);
  await engine!.waitFor(process.id, 'exit', 15_000);
  return process.id;
}

describe('MCP answers are bounded', () => {
  it('scripts_status: the history is bounded, pages with offset/limit, and reports pruned runs', async () => {
    await setUp(3);
    const first = await runToEnd('echoer');
    const { structured: start } = await call('scripts_status', {});
    for (let i = 0; i < 7; i++) await runToEnd('echoer');
    const { structured: all } = await call('scripts_status', {});
    expect(all.total).toBe(3);
    expect(all.truncated).toBe(false);

    const ids: string[] = [];
    let offset = 0;
    for (;;) {
      const { structured: page } = await call('scripts_status', { limit: 2, offset });
      ids.push(...(page.processes as { id: string }[]).map((p) => p.id));
      if (!page.truncated) break;
      offset = page.next_offset as number;
    }
    expect(ids).toEqual((all.processes as { id: string }[]).map((p) => p.id));

    const { structured: changes } = await call('scripts_status', { since_revision: start.revision });
    expect(changes.removed).toContain(first);
  });

  it('scripts_status reports the total and stays within its byte bound', async () => {
    await setUp();
    for (let i = 0; i < 4; i++) await runToEnd('echoer');
    await runToEnd('chatty');
    const { bytes, structured } = await call('scripts_status', { limit: 200 });
    expect(bytes).toBeLessThanOrEqual(MAX_STATUS_BYTES + 1024);
    expect(structured.total).toBe(5);
  });

  it('logs_search: a match with 20 lines of 64 KiB context is cut to its bound and says so', async () => {
    await setUp();
    const id = await runToEnd('wide');
    const { structured, bytes } = await call('logs_search', { query: 'needle', process_id: id, context: 10 });
    const matches = structured.matches as {
      line: { text: string; truncated?: boolean };
      before: unknown[];
      after: unknown[];
      cut?: boolean;
    }[];
    expect(matches).toHaveLength(1);
    expect(matches[0]!.line.text.startsWith('needle xxx')).toBe(true);
    expect(matches[0]!.line.truncated).toBe(true);
    expect(matches[0]!.cut).toBe(true);
    expect(structured.truncated).toBe(true);
    expect(bytes).toBeLessThanOrEqual(MAX_MATCH_BYTES * 2 + 2048);

    // Many wide matches: the answer as a whole keeps within its bound.
    const many = await call('logs_search', { query: 'xxxx', process_id: id, context: 10, limit: 50 });
    expect(many.bytes).toBeLessThanOrEqual(MAX_LOG_BYTES * 2 + 4096);
    expect(many.structured.truncated).toBe(true);
  });

  it('URLs: a server logging 500 request URLs keeps its own address and a bounded window', async () => {
    await setUp();
    const id = await runToEnd('chatty');
    const urls = engine!.get(id)!.urls;
    expect(urls.length).toBe(20);
    expect(urls[0]).toBe('http://localhost:5173/');
    expect(urls.at(-1)).toBe('http://localhost:5173/api/item/499');
    const { structured } = await call('urls_list', { process_id: id });
    expect((structured.urls as unknown[]).length).toBe(20);
    expect(structured.truncated).toBe(false);
  });
});
