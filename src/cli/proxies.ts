/**
 * Wires the browser network layer into a run: a reverse proxy in front of every dev server a process
 * prints (unless `--no-proxy` or `[proxy] enabled = false`). The composition root owns its lifetime.
 * Loaded lazily (like the MCP server), so `brum run` and `brum --help` never load the proxy libraries.
 */
import type { PageClientEndpoint } from '../browser/proxy/index.js';
import type { BrumConfig } from '../core/config/types.js';
import type { Engine } from '../core/engine-api.js';

/** Bounded: closing ends every connection at once, so this only guards against the unexpected. */
export const PROXY_CLOSE_MS = 2000;

/** The running browser layer: the proxies and the page client behind them. */
export interface BrowserLayer {
  /** Closes every proxy (connections included), then the page client's command channel. Idempotent. */
  close(): Promise<void>;
}

export async function startProxies(
  engine: Pick<Engine, 'on' | 'snapshot' | 'get' | 'browser' | 'reportFault' | 'projectDir'>,
  config: Pick<BrumConfig, 'proxy' | 'mcpPort' | 'noMcp'>,
  endpoint?: PageClientEndpoint,
): Promise<BrowserLayer | undefined> {
  if (!config.proxy.enabled) return undefined;
  const [{ ProxyManager }, { createPageClient }] = await Promise.all([
    import('../browser/proxy/index.js'),
    import('../browser/page-client/index.js'),
  ]);
  // The page client: the script the proxies inject, and the endpoint of its sockets (tabs, events,
  // browser errors, commands) feeding engine.browser.
  const pageClient = endpoint === undefined ? createPageClient(engine) : undefined;
  const manager = new ProxyManager({
    engine,
    firstPort: config.proxy.port,
    pinned: config.proxy.ports,
    endpoint: endpoint ?? pageClient!,
    reservedPorts: config.noMcp ? [] : [config.mcpPort],
  });
  manager.start();
  return {
    close: async () => {
      await manager.close();
      pageClient?.close();
    },
  };
}
