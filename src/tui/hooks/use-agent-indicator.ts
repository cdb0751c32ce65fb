import { useEffect, useMemo, useState } from 'react';
import type { ActivityView } from '../../core/activity/types.js';
import type { EngineStore } from '../store/engine-store.js';
import { useActivity } from './use-activity.js';

/** A call that took a few milliseconds stays visible this long, so the person can see it happened. */
const LINGER_MS = 1000;

export interface AgentIndicator {
  /** Names of the connected clients (each once). */
  readonly clients: readonly string[];
  /** The tool of a call running now, or of one that finished within the last second. */
  readonly runningTool?: string;
}

/** What the header shows of the assistant. */
export function useAgentIndicator(activity: ActivityView | undefined, store: EngineStore): AgentIndicator {
  const agent = useActivity(activity, store);
  const [, setExpired] = useState(0);
  const last = agent.calls[0];
  const endedAt = last?.durationMs === undefined ? undefined : last.time + last.durationMs;
  const lingering = endedAt !== undefined && Date.now() - endedAt < LINGER_MS;
  useEffect(() => {
    if (!lingering || endedAt === undefined) return;
    const timer = setTimeout(() => setExpired((n) => n + 1), Math.max(0, endedAt + LINGER_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [lingering, endedAt]);
  const tool = agent.running[0]?.tool ?? (lingering ? last?.tool : undefined);
  return useMemo(
    () => ({
      clients: [...new Set(agent.clients.map((c) => c.name))],
      ...(tool !== undefined ? { runningTool: tool } : {}),
    }),
    [agent.clients, tool],
  );
}
