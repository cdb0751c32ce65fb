/** Test helpers: a real SDK client connected to our server, in either protocol era, without sockets. */
import { Client, InMemoryTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createMcpHandler } from '@modelcontextprotocol/server';
import { afterEach, beforeEach } from 'vitest';
import { createMcpServer, type McpEngine } from '../../src/mcp/server/create-server.js';
import { FakeEngine } from '../helpers/fake-engine.js';

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

export type Connect = (engine: McpEngine) => Promise<Connected>;

/** Both protocol eras, for `describe.each(PROTOCOL_ERAS)('…, %s protocol era', (era, connect) => …)`. */
export const PROTOCOL_ERAS = [
  ['legacy', connectLegacy],
  ['modern', connectModern],
] as const satisfies readonly (readonly [string, Connect])[];

/** The fake engine and the connected client of the running test. */
export interface FakeEngineClient {
  readonly engine: FakeEngine;
  readonly client: Client;
}

/**
 * For every test of the calling suite: a fresh `FakeEngine` (real store, snapshots and browser state)
 * and a real SDK client connected (`connect`) to a real server over it, closed after the test. The
 * returned object is refilled per test, so read its fields inside tests and hooks.
 */
export function useFakeEngineClient(connect: Connect = connectLegacy): FakeEngineClient {
  let current: (Connected & { engine: FakeEngine }) | undefined;
  const now = () => {
    if (current === undefined) throw new Error('useFakeEngineClient: use it inside a test or hook');
    return current;
  };
  beforeEach(async () => {
    const engine = new FakeEngine();
    current = { engine, ...(await connect(engine)) };
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    get engine() {
      return now().engine;
    },
    get client() {
      return now().client;
    },
  };
}

/** The text of the first content block of a tool result. */
export function textOf(result: { content?: unknown }): string {
  const content = result.content as { type: string; text?: string }[] | undefined;
  return content?.find((c) => c.type === 'text')?.text ?? '';
}
