/** Test helpers: a real SDK client connected to our server, in either protocol era, without sockets. */
import { Client, InMemoryTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createMcpHandler } from '@modelcontextprotocol/server';
import { createMcpServer, type McpEngine } from '../../src/mcp/server/create-server.js';

export interface Connected {
  client: Client;
  close(): Promise<void>;
}

/** 2025-era client over an in-memory linked pair (one server instance for the connection). */
export async function connectLegacy(engine: McpEngine): Promise<Connected> {
  const server = createMcpServer(engine);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const client = new Client({ name: 'test', version: '1.0.0' });
  await client.connect(clientTransport);
  return {
    client,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

/** 2026-07-28 client (server/discover + per-request metadata) served by the HTTP handler in-process. */
export async function connectModern(engine: McpEngine): Promise<Connected> {
  const handler = createMcpHandler(() => createMcpServer(engine));
  const transport = new StreamableHTTPClientTransport(new URL('http://test.local/mcp'), {
    fetch: (url, init) => handler.fetch(new Request(url, init)),
  });
  const client = new Client({ name: 'test', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
  await client.connect(transport);
  return {
    client,
    close: async () => {
      await client.close();
      await handler.close();
    },
  };
}

/** The text of the first content block of a tool result. */
export function textOf(result: { content?: unknown }): string {
  const content = result.content as { type: string; text?: string }[] | undefined;
  return content?.find((c) => c.type === 'text')?.text ?? '';
}
