import { afterEach, describe, expect, it } from 'vitest';
import { FakeEngine } from '../../../../test/helpers/fake-engine.js';
import { AgentActivity } from '../../../core/activity/activity.js';
import type { McpServer } from '@modelcontextprotocol/server';
import { BRIDGE_CLIENT_HEADER, encodeBridgeClient } from '../../server/activity.js';
import { createMcpServer } from '../../server/create-server.js';
import { IDLE_PER_TOOL, InstancePool } from '../../server/instance-pool.js';
import { startHttpServer, type HttpServerHandle } from './http-server.js';

const TOKEN = 'test-token-0123456789';
const HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-06-18',
  authorization: `Bearer ${TOKEN}`,
};

let handle: HttpServerHandle | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

/** A 2025-era `tools/call` of scripts_status from the bridge client `name`; resolves the JSON-RPC answer. */
async function statusAs(url: string, name: string, id: number): Promise<{ result?: { isError?: boolean } }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { ...HEADERS, [BRIDGE_CLIENT_HEADER]: encodeBridgeClient({ id: `bridge-${name}`, name }) },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name: 'scripts_status', arguments: {} },
    }),
  });
  const text = await res.text();
  return JSON.parse(/^data: (.*)$/m.exec(text)![1]!) as { result?: { isError?: boolean } };
}

describe('server instances reused across HTTP tool calls', () => {
  it('records each call under the client of its own request, not the one the instance served first', async () => {
    const activity = new AgentActivity();
    handle = await startHttpServer({ engine: new FakeEngine(), port: 0, token: TOKEN, activity });
    // Sequential calls of one tool: from the second on, the instance of an earlier call is reused.
    const names = ['alpha', 'beta', 'alpha', 'gamma', 'beta', 'beta'];
    for (const [i, name] of names.entries()) {
      const answer = await statusAs(handle.url, name, i + 1);
      expect(answer.result?.isError).not.toBe(true);
    }
    expect(activity.calls().map((c) => [c.tool, c.clientName])).toEqual(
      names.map((name) => ['scripts_status', name]),
    );
  });
});

describe('InstancePool', () => {
  const engine = new FakeEngine();

  it('keeps closed instances built for one brum tool, a bounded number per tool, and hands them out once', () => {
    const pool = new InstancePool();
    const built = Array.from({ length: IDLE_PER_TOOL + 2 }, () =>
      createMcpServer(engine, undefined, { tool: 'scripts_status' }),
    );
    for (const server of built) pool.give(server);
    pool.give(built[0]!); // given twice: kept once
    expect(pool.size).toBe(IDLE_PER_TOOL);
    const taken = new Set<McpServer>();
    for (let server = pool.take('scripts_status'); server; server = pool.take('scripts_status'))
      taken.add(server);
    expect(taken.size).toBe(IDLE_PER_TOOL);
    expect(pool.take('scripts_status')).toBeUndefined();
    expect(pool.take('logs_stream')).toBeUndefined();
  });

  it('never keeps a full instance (no tool, or a name that is not a brum tool)', () => {
    const pool = new InstancePool();
    pool.give(createMcpServer(engine));
    pool.give(createMcpServer(engine, undefined, { tool: 'no_such_tool' }));
    expect(pool.size).toBe(0);
  });
});
