/**
 * The HTTP MCP server plus its instance-registry entry, as one start/close pair: what the CLI runs
 * next to the TUI or headless output, so `brum --mcp` for the same project can find and attach to it.
 */
import path from 'node:path';
import {
  startHttpServer,
  type HttpServerHandle,
  type HttpServerOptions,
} from '../transports/http/http-server.js';
import { registerInstance } from './registry.js';
import { BRUM_VERSION } from '../server/version.js';

export interface RegisteredServerOptions extends HttpServerOptions {
  /** The project this brum serves (registry key). */
  readonly projectDir: string;
  /** Registry folder (tests); default the per-user one. */
  readonly registryDir?: string;
}

/**
 * Starts the HTTP server and registers it; `close()` unregisters, then stops the server. A registry
 * that cannot be used safely (another user's folder, see registry.ts) is reported through `onError`
 * and skipped: brum still serves MCP at its URL, only `brum --mcp` cannot find it.
 */
export async function startRegisteredServer(options: RegisteredServerOptions): Promise<HttpServerHandle> {
  const server = await startHttpServer(options);
  let unregister: () => void = () => {};
  try {
    unregister = registerInstance(
      {
        pid: process.pid,
        projectDir: path.resolve(options.projectDir),
        port: server.port,
        token: server.token,
        startedAt: Date.now(),
        version: options.identity?.version ?? BRUM_VERSION,
        url: server.url,
      },
      options.registryDir,
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    options.onError?.(new Error(`not registered for brum --mcp: ${reason}`, { cause: error }));
  }
  return {
    url: server.url,
    port: server.port,
    token: server.token,
    close: async () => {
      unregister();
      await server.close();
    },
  };
}
