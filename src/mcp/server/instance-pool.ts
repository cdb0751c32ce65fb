/**
 * Server instances for single-tool calls, reused from one request to the next.
 *
 * Why: the HTTP entry is stateless, so every request gets an instance (create-server.ts; one that
 * calls a tool registers only that tool). Building one is cheap in CPU but not in what the GC keeps:
 * measured with the bench's exact heap counts (`npm run bench mcp-latency`), an idle tool call
 * allocated ~140 KB of which ~49 KB survived a scavenge and ~22 KB were promoted to the old
 * generation; with the instance reused, ~119 / ~28 / ~13 KB. Scavenges copy what survives, and their
 * pauses are what an idle call's p99 is made of; what is promoted waits for a full GC.
 *
 * Which instances: only those built for a 2025-era `tools/call` that names one of brum's tools (a
 * scoped instance, registrations.ts). Such a request carries no handshake, so the instance holds
 * nothing of its client: the SDK's `Protocol` resets its per-connection state (pending requests,
 * abort controllers, timeouts, the transport) when the exchange's transport closes, and the entry
 * gives an instance back only once it is closed and no longer connected. Who the client is comes
 * from the entry at each call (`ServerExtras.origin` is a function). Bounded: a few idle instances
 * per tool, one tool name each; an instance is never shared by two requests at once.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { scopedToolOf } from './create-server.js';

/** Idle instances kept per tool: enough for a client's concurrent calls of one tool. */
export const IDLE_PER_TOOL = 4;

export class InstancePool {
  /** Keyed by brum tool names only (`scopedToolOf`), so the map has at most one entry per tool. */
  readonly #idle = new Map<string, McpServer[]>();

  /** An idle instance scoped to `tool`, or undefined (then build one). */
  take(tool: string): McpServer | undefined {
    return this.#idle.get(tool)?.pop();
  }

  /**
   * Gives back an instance once its exchange is over: kept when it was built for one of brum's tools,
   * is no longer connected, and there is room.
   */
  give(server: McpServer): void {
    const tool = scopedToolOf(server);
    if (tool === undefined || server.isConnected()) return;
    let idle = this.#idle.get(tool);
    if (idle === undefined) this.#idle.set(tool, (idle = []));
    if (idle.length < IDLE_PER_TOOL && !idle.includes(server)) idle.push(server);
  }

  /** Idle instances held now (for tests). */
  get size(): number {
    let n = 0;
    for (const idle of this.#idle.values()) n += idle.length;
    return n;
  }
}
