import { Client, InMemoryTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { McpServer } from '@modelcontextprotocol/server';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeEngine } from '../../../test/helpers/fake-engine.js';
import { startHttpServer, type HttpServerHandle } from '../transports/http/http-server.js';
import { createMcpServer } from './create-server.js';

/** A 2025-era SDK client on `server` over an in-memory pair. */
async function clientOf(server: McpServer): Promise<{ client: Client; close: () => Promise<void> }> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'test', version: '1.0.0' });
  await client.connect(clientSide);
  return {
    client,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

/**
 * The SDK's memo of a registered tool's output schema in JSON form. `_registeredTools` is the SDK's
 * own (untyped for us) table; reading it is the only way to see that two instances share one value.
 */
function outputSchemaJsonOf(server: McpServer, tool: string): unknown {
  const tools = (server as unknown as { _registeredTools: Record<string, { outputSchemaJson?: unknown }> })
    ._registeredTools;
  return tools[tool]?.outputSchemaJson;
}

describe('server instances for one tool call', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it('registers only the tool the request calls, and answers exactly as the full instance', async () => {
    const engine = new FakeEngine();
    engine.start('dev');
    engine.log('dev-1', ['hello', 'world']);
    const scoped = await clientOf(createMcpServer(engine, undefined, { tool: 'logs_stream' }));
    const full = await clientOf(createMcpServer(engine));
    closers.push(scoped.close, full.close);

    const { tools } = await scoped.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['logs_stream']);
    const args = { name: 'logs_stream', arguments: { since: 0 } };
    const a = await scoped.client.callTool(args);
    const b = await full.client.callTool(args);
    expect(a.isError).toBeFalsy();
    expect(a).toEqual(b);
    expect((a.structuredContent as { lines: unknown[] }).lines).toHaveLength(2);
  });

  it('builds the full instance for a name that is not a brum tool', async () => {
    const engine = new FakeEngine();
    const unknown = await clientOf(createMcpServer(engine, undefined, { tool: 'no_such_tool' }));
    closers.push(unknown.close);
    const { tools } = await unknown.client.listTools();
    expect(tools.length).toBeGreaterThan(10);
    await expect(unknown.client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toThrow(
      'Tool no_such_tool not found',
    );
  });

  it('computes an output schema in JSON form once and hands it to later instances', () => {
    const engine = new FakeEngine();
    const first = createMcpServer(engine, undefined, { tool: 'scripts_status' });
    const second = createMcpServer(engine, undefined, { tool: 'scripts_status' });
    const json = outputSchemaJsonOf(first, 'scripts_status');
    expect(json).toMatchObject({ type: 'object' });
    expect(outputSchemaJsonOf(second, 'scripts_status')).toBe(json);
    // A full instance gets the value already computed, not a conversion of its own.
    expect(outputSchemaJsonOf(createMcpServer(engine), 'scripts_status')).toBe(json);
  });
});

describe('HTTP: one instance per request, scoped to the called tool', () => {
  let h: HttpServerHandle | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('answers tool calls, unknown tools and tools/list as before', async () => {
    const engine = new FakeEngine();
    engine.start('dev');
    h = await startHttpServer({ engine, port: 0, token: 'test-token-0123456789' });
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(h.url), {
        requestInit: { headers: { Authorization: `Bearer ${h.token}` } },
      }),
    );
    try {
      const status = await client.callTool({ name: 'scripts_status', arguments: {} });
      expect(status.isError).toBeFalsy();
      expect((status.structuredContent as { processes: { id: string }[] }).processes[0]?.id).toBe('dev-1');
      await expect(client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toThrow(
        'Tool no_such_tool not found',
      );
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('logs_stream');
      expect(tools.length).toBeGreaterThan(10);
    } finally {
      await client.close();
    }
  });
});
