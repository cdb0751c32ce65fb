/**
 * The process lifecycle as a pure transition function: (snapshot, event) → next snapshot fields.
 * Tested in a loop without spawning anything; the manager only applies its results.
 *
 *   pending → running → (stopping →) stopped | succeeded | failed;  finished → pending on restart.
 *
 * A leader that exits while other processes of its run still live (`members-left`) leaves the run
 * `running`, with its exit code and `membersLeft` > 0: it finishes (`exited`) when they are gone.
 *
 * A user stop always ends as `stopped`: once `stopping`, an exit is never reinterpreted as a failure.
 */
import type { ProcessFields, ProcessSnapshot } from './snapshot.js';

export type LifecycleEvent =
  | { readonly type: 'spawned'; readonly pid: number; readonly at: number }
  | { readonly type: 'spawn-failed'; readonly reason: string; readonly at: number }
  | { readonly type: 'stop-requested'; readonly at: number }
  | {
      readonly type: 'exited';
      readonly exitCode: number | null;
      readonly signal: string | null;
      readonly at: number;
    }
  | {
      readonly type: 'members-left';
      readonly count: number;
      readonly exitCode: number | null;
      readonly signal: string | null;
    }
  | { readonly type: 'restarting'; readonly at: number };

/**
 * The fields that change, or `undefined` when the event does not apply in the current state
 * (e.g. a stop request for a finished process, a second exit).
 */
export function transition(
  current: ProcessSnapshot,
  event: LifecycleEvent,
): Partial<ProcessFields> | undefined {
  switch (event.type) {
    case 'spawned':
      if (current.status !== 'pending') return undefined;
      return { status: 'running', pid: event.pid, startedAt: event.at, endedAt: undefined };
    case 'spawn-failed':
      if (current.status !== 'pending' && current.status !== 'stopping') return undefined;
      return {
        status: current.status === 'stopping' ? 'stopped' : 'failed',
        reason: event.reason,
        endedAt: event.at,
        startedAt: current.startedAt ?? event.at,
        ready: false,
      };
    case 'stop-requested':
      if (current.status === 'pending' || current.status === 'running') return { status: 'stopping' };
      return undefined;
    case 'exited': {
      if (current.isFinished) return undefined;
      const stoppedByUser = current.status === 'stopping';
      const ok = event.exitCode === 0;
      return {
        status: stoppedByUser ? 'stopped' : ok ? 'succeeded' : 'failed',
        exitCode: event.exitCode,
        signal: event.signal,
        endedAt: event.at,
        ready: false,
        membersLeft: 0,
      };
    }
    case 'members-left':
      if (current.status !== 'running' || event.count <= 0) return undefined;
      if (current.membersLeft === event.count && current.exitCode === event.exitCode) return undefined;
      return { membersLeft: event.count, exitCode: event.exitCode, signal: event.signal };
    case 'restarting':
      if (!current.isFinished) return undefined;
      return {
        status: 'pending',
        restartCount: current.restartCount + 1,
        pid: undefined,
        startedAt: undefined,
        endedAt: undefined,
        exitCode: undefined,
        signal: undefined,
        reason: undefined,
        ready: false,
        readyAt: undefined,
        urls: [],
        membersLeft: 0,
      };
    default: {
      const exhaustive: never = event;
      return exhaustive;
    }
  }
}
