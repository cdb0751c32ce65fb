import { useMemo, useSyncExternalStore } from 'react';
import type { ActivityView, AgentClient, ToolCallRecord } from '../../core/activity/types.js';
import type { EngineStore } from '../store/engine-store.js';

export interface ActivityState {
  readonly clients: readonly AgentClient[];
  /** Newest first. */
  readonly calls: readonly ToolCallRecord[];
  /** The calls running now (for the header's indicator). */
  readonly running: readonly ToolCallRecord[];
  readonly revision: number;
}

const EMPTY: ActivityState = Object.freeze({ clients: [], calls: [], running: [], revision: 0 });

/** Activity events of `activity` (calls and clients); the function unsubscribes. */
function subscribeTo(activity: ActivityView, onChange: () => void): () => void {
  const offCall = activity.on('call', onChange);
  const offClient = activity.on('client', onChange);
  return () => {
    offCall();
    offClient();
  };
}

/**
 * The agent activity as the TUI shows it, re-read at the engine store's next frame after a change: an
 * assistant polling brum many times a second re-renders no more often than the engine does.
 */
export function useActivity(activity: ActivityView | undefined, store: EngineStore): ActivityState {
  const subscribe = useMemo(
    () => store.paced((onChange) => (activity ? subscribeTo(activity, onChange) : () => {})),
    [activity, store],
  );
  const revision = useSyncExternalStore(subscribe, () => activity?.revision ?? 0);
  return useMemo(() => {
    if (!activity) return EMPTY;
    const calls = [...activity.calls()].reverse();
    return {
      clients: activity.clients(),
      calls,
      running: calls.filter((c) => c.status === 'running'),
      revision,
    };
  }, [activity, revision]);
}
