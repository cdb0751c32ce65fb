import { useMemo, useSyncExternalStore } from 'react';
import type { ActivityView, AgentClient, ToolCallRecord } from '../../core/activity/types.js';

export interface ActivityState {
  readonly clients: readonly AgentClient[];
  /** Newest first. */
  readonly calls: readonly ToolCallRecord[];
  /** The calls running now (for the header's indicator). */
  readonly running: readonly ToolCallRecord[];
  readonly revision: number;
}

const EMPTY: ActivityState = Object.freeze({ clients: [], calls: [], running: [], revision: 0 });
/** At most this often a burst of calls re-renders (same budget as the engine store's frames). */
const THROTTLE_MS = 40;

/** Subscribes to the activity store with a throttle; the function unsubscribes. */
function subscribeThrottled(activity: ActivityView, onChange: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const mark = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      onChange();
    }, THROTTLE_MS);
    timer.unref?.();
  };
  const offCall = activity.on('call', mark);
  const offClient = activity.on('client', mark);
  return () => {
    offCall();
    offClient();
    if (timer) clearTimeout(timer);
  };
}

/** The agent activity as the TUI shows it, re-read when the store changes (throttled). */
export function useActivity(activity: ActivityView | undefined): ActivityState {
  const subscribe = useMemo(
    () => (onChange: () => void) => (activity ? subscribeThrottled(activity, onChange) : () => {}),
    [activity],
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
