/**
 * Wires the browser network layer into a run: a reverse proxy in front of every dev server a process
 * prints (unless `--no-proxy` or `[proxy] enabled = false`). The composition root owns its lifetime.
 * Loaded lazily (like the MCP server), so `brum run` and `brum --help` never load the proxy libraries.
 */
import type { PageClientEndpoint, ProxyManager } from '../browser/proxy/index.js';
import type { BrumConfig } from '../core/config/types.js';
import type { Engine } from '../core/engine-api.js';

/** Bounded: closing ends every connection at once, so this only guards against the unexpected. */
export const PROXY_CLOSE_MS = 2000;

export async function startProxies(
  engine: Pick<Engine, 'on' | 'snapshot' | 'get' | 'browser' | 'reportFault'>,
  config: Pick<BrumConfig, 'proxy' | 'mcpPort' | 'noMcp'>,
  endpoint?: PageClientEndpoint,
): Promise<ProxyManager | undefined> {
  if (!config.proxy.enabled) return undefined;
  const { ProxyManager } = await import('../browser/proxy/index.js');
  const manager = new ProxyManager({
    engine,
    firstPort: config.proxy.port,
    pinned: config.proxy.ports,
    ...(endpoint ? { endpoint } : {}),
    reservedPorts: config.noMcp ? [] : [config.mcpPort],
  });
  manager.start();
  return manager;
}
