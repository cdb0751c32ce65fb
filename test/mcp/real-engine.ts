/** The real engine on a real project, for end-to-end tests. */
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { DEFAULT_CONFIG } from '../../src/core/config/defaults.js';
import type { BrumConfig } from '../../src/core/config/types.js';
import { BrumEngine } from '../../src/core/engine/engine.js';
import { discoverScripts } from '../../src/core/scripts/discover.js';
import { startHttpServer, type HttpServerHandle } from '../../src/mcp/transports/http/http-server.js';
import { afterAll, beforeAll } from 'vitest';

export const EXAMPLE_DIR = fileURLToPath(new URL('../../examples/basic', import.meta.url));
export const PROCS_DIR = fileURLToPath(new URL('../fixtures/procs', import.meta.url));

export function createRealEngine(
  projectDir: string = EXAMPLE_DIR,
  config: Partial<BrumConfig> = {},
): BrumEngine {
  return new BrumEngine({
    catalog: discoverScripts(projectDir),
    config: { ...DEFAULT_CONFIG, stopGraceMs: 2000, ...config },
  });
}

/** An SDK client over real HTTP with the bearer token, in the chosen protocol era. */
export async function connectHttp(
  url: string,
  token: string,
  era: 'legacy' | 'modern' = 'legacy',
): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  const client = new Client(
    { name: 'e2e', version: '1.0.0' },
    era === 'modern' ? { versionNegotiation: { mode: 'auto' } } : {},
  );
  await client.connect(transport);
  return client;
}

/** Whether a pid is gone (kill 0 fails with ESRCH). */
export function pidGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 5000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface HttpFixture {
  readonly engine: BrumEngine;
  readonly server: HttpServerHandle;
  /** An SDK client connected with the token (in the chosen era). */
  readonly client: Client;
}

/**
 * For one describe block: a real engine on `projectDir`, served over HTTP on a free loopback port,
 * with a connected SDK client — built in `beforeAll`, and in `afterAll` the client, the server and
 * every process the engine started are closed. Read the parts inside tests and hooks.
 */
export function serveOverHttp(
  options: {
    readonly projectDir?: string;
    readonly config?: Partial<BrumConfig>;
    readonly era?: 'legacy' | 'modern';
    /** false: no client (the test connects its own). */
    readonly client?: boolean;
  } = {},
): HttpFixture {
  let parts: { engine: BrumEngine; server: HttpServerHandle; client: Client | undefined } | undefined;
  beforeAll(async () => {
    const engine = createRealEngine(options.projectDir, options.config);
    const server = await startHttpServer({ engine, port: 0 });
    parts = { engine, server, client: undefined };
    if (options.client !== false) parts.client = await connectHttp(server.url, server.token, options.era);
  });
  afterAll(async () => {
    await parts?.client?.close();
    await parts?.server.close();
    await parts?.engine.shutdown();
    parts = undefined;
  });
  const ready = () => {
    if (!parts) throw new Error('serveOverHttp: used outside the tests of its describe block');
    return parts;
  };
  return {
    get engine() {
      return ready().engine;
    },
    get server() {
      return ready().server;
    },
    get client() {
      const { client } = ready();
      if (!client) throw new Error('serveOverHttp: opened with client: false');
      return client;
    },
  };
}
