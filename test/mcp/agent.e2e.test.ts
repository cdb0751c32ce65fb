/**
 * Agent activity and prompts over real HTTP with the SDK client, on the real engine: the calls a
 * client makes are recorded with its name from `initialize`, a process it starts is marked as its,
 * `about` shows counts only, and the prompts are built from live state.
 */
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentActivity } from '../../src/core/activity/activity.js';
import type { BrumEngine } from '../../src/core/engine/engine.js';
import { startHttpServer, type HttpServerHandle } from '../../src/mcp/transports/http/http-server.js';
import { connectHttp, createRealEngine, eventually } from './real-engine.js';

function promptText(result: { messages: { content: { type: string; text?: string } }[] }): string {
  return result.messages.map((m) => (m.content.type === 'text' ? (m.content.text ?? '') : '')).join('\n');
}

describe.each(['legacy', 'modern'] as const)('agent activity and prompts over HTTP, %s era', (era) => {
  let engine: BrumEngine;
  let activity: AgentActivity;
  let h: HttpServerHandle;
  let client: Client;
  beforeAll(async () => {
    engine = createRealEngine();
    activity = new AgentActivity();
    h = await startHttpServer({ engine, port: 0, activity });
    client = await connectHttp(h.url, h.token, era);
  });
  afterAll(async () => {
    await client?.close();
    await h?.close();
    await engine?.shutdown();
  });

  it('records the client by its initialize name and each call with arguments, duration and size', async () => {
    const r = await client.callTool({ name: 'scripts_run', arguments: { name: 'fail', wait: 'exit' } });
    expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
    const call = activity.calls().find((c) => c.tool === 'scripts_run')!;
    expect(call).toMatchObject({ clientName: 'e2e', status: 'ok', summary: 'name="fail" wait="exit"' });
    expect(call.resultBytes).toBeGreaterThan(0);
    expect(call.durationMs).toBeGreaterThanOrEqual(0);
    expect(activity.clients().map((c) => [c.name, c.version, c.transport])).toEqual([
      ['e2e', '1.0.0', 'http'],
    ]);
    expect(activity.startedBy(engine.get('fail')!.id)).toBe('e2e');
  });

  it('records a failed call with its error', async () => {
    const r = await client.callTool({ name: 'scripts_run', arguments: { name: 'no-such-script' } });
    expect(r.isError).toBe(true);
    const call = activity.calls().at(-1)!;
    expect(call.status).toBe('error');
    expect(call.error).toMatch(/no-such-script|UNKNOWN/i);
  });

  it('about shows recent calls as counts only', async () => {
    const r = await client.callTool({ name: 'about', arguments: {} });
    const s = r.structuredContent as {
      mcp_calls: { total: number; errors: number; by_tool: Record<string, number> };
    };
    expect(s.mcp_calls.total).toBeGreaterThanOrEqual(3);
    expect(s.mcp_calls.errors).toBeGreaterThanOrEqual(1);
    expect(s.mcp_calls.by_tool.scripts_run).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(r)).not.toContain('no-such-script');
  });

  it('lists the prompts', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['browser_check', 'debug_errors', 'why_failed']);
  });

  it('why_failed tells how the run ended, with its errors and last lines', async () => {
    await eventually(() => (engine.get('fail')?.status === 'failed' ? true : undefined), 10_000);
    const text = promptText(await client.getPrompt({ name: 'why_failed', arguments: { process: 'fail' } }));
    expect(text).toMatch(/failed with exit code 1/);
    expect(text).toMatch(/TypeError/);
    expect(text).toMatch(/fail\.mjs:\d+/);
    const unknown = promptText(
      await client.getPrompt({ name: 'why_failed', arguments: { process: 'nope' } }),
    );
    expect(unknown).toMatch(/no process "nope".*fail-\d+/s);
  });

  it('debug_errors lists current errors with file:line and their output', async () => {
    const text = promptText(await client.getPrompt({ name: 'debug_errors', arguments: {} }));
    expect(text).toMatch(/1\. fail-\d+: \[node TypeError\]/);
    expect(text).toMatch(/at .*fail\.mjs:\d+/);
    expect(text).toContain('```text');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(16 * 1024);
  });

  it('browser_check answers sensibly with no tabs', async () => {
    const text = promptText(await client.getPrompt({ name: 'browser_check', arguments: {} }));
    expect(text).toMatch(/No browser tab is connected/);
  });
});
