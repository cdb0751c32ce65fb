/**
 * When and how soon a process that ended is started again. Pure functions: the engine passes the
 * time in (from its `Clock`) and keeps the returned state.
 *
 * Backoff: the n-th restart since the last healthy run waits `500 ms × 2^n`, capped at 30 s. A run
 * that stayed up at least 10 s counts as healthy and resets the counter, so `max_restarts` limits a
 * crash loop, not the lifetime of a long-running server that fails once a day.
 */
import type { RestartPolicy } from './types.js';

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 30_000;
/** A run that lived at least this long resets the backoff and the restart count. */
export const HEALTHY_UPTIME_MS = 10_000;

/** How a run ended. */
export interface ExitInfo {
  /** Null when the process was ended by a signal. */
  readonly exitCode: number | null;
  readonly signal?: string | null;
  /** A person or agent stopped it: never restarted, whatever the policy. */
  readonly stoppedByUser: boolean;
}

/** A failure is a non-zero exit code or an end by signal. */
export function isFailure(exit: ExitInfo): boolean {
  return exit.exitCode !== 0;
}

/**
 * The policy alone: 'always' restarts after success too, 'on-failure' only after a failure, and
 * nothing restarts after a user stop or once `restartsSoFar` reaches `maxRestarts`.
 */
export function shouldRestart(
  policy: RestartPolicy,
  exit: ExitInfo,
  restartsSoFar: number,
  maxRestarts: number,
): boolean {
  if (exit.stoppedByUser || restartsSoFar >= maxRestarts) return false;
  switch (policy) {
    case 'no':
      return false;
    case 'on-failure':
      return isFailure(exit);
    case 'always':
      return true;
    default: {
      const unreachable: never = policy;
      return unreachable;
    }
  }
}

/** Delay before restart number `attempt` (0-based) since the last healthy run. */
export function backoffDelay(attempt: number): number {
  if (attempt <= 0) return BACKOFF_BASE_MS;
  // Beyond 2^16 the cap applies anyway; stopping there keeps the arithmetic finite.
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 16));
}

/** What the engine remembers about one script's restarts between runs. */
export interface RestartState {
  /** Restarts since the last healthy run: the backoff exponent and the count against `maxRestarts`. */
  readonly attempt: number;
}

export function initialRestartState(): RestartState {
  return INITIAL_STATE;
}

const INITIAL_STATE: RestartState = Object.freeze({ attempt: 0 });

/**
 * The run that just ended, with the policy in force. The policy travels with each exit (not in the
 * state) so a changed configuration applies from the next exit on.
 */
export type RunExit = ExitInfo & {
  readonly policy: RestartPolicy;
  readonly maxRestarts: number;
} & (
    | { /** How long the run was up, in ms. */ readonly uptimeMs: number }
    | { /** When the run started (epoch ms, same clock as `now`). */ readonly startedAt: number }
  );

export type NoRestartReason = 'stopped-by-user' | 'policy-no' | 'succeeded' | 'max-restarts';

export type RestartDecision =
  | {
      readonly restart: false;
      /** A sentence for the UI, e.g. "not restarted: stopped by the user". */
      readonly reason: string;
      readonly code: NoRestartReason;
      readonly state: RestartState;
    }
  | { readonly restart: true; readonly delayMs: number; readonly state: RestartState };

/** The next step after a run ended at `now`: restart after `delayMs`, or stop restarting and why. */
export function nextRestart(state: RestartState, exit: RunExit, now: number): RestartDecision {
  const uptime = 'uptimeMs' in exit ? exit.uptimeMs : now - exit.startedAt;
  const attempt = uptime >= HEALTHY_UPTIME_MS ? 0 : state.attempt;
  const settled = attempt === state.attempt ? state : Object.freeze({ attempt });
  const stop = (code: NoRestartReason): RestartDecision => ({
    restart: false,
    reason: describeNoRestart(code, attempt, exit.maxRestarts),
    code,
    state: settled,
  });
  if (exit.stoppedByUser) return stop('stopped-by-user');
  if (exit.policy === 'no') return stop('policy-no');
  if (exit.policy === 'on-failure' && !isFailure(exit)) return stop('succeeded');
  if (!shouldRestart(exit.policy, exit, attempt, exit.maxRestarts)) return stop('max-restarts');
  return { restart: true, delayMs: backoffDelay(attempt), state: Object.freeze({ attempt: attempt + 1 }) };
}

/** A sentence for logs and the UI, e.g. "not restarted: 5 restarts in a row without a healthy run". */
export function describeNoRestart(code: NoRestartReason, attempt: number, maxRestarts: number): string {
  switch (code) {
    case 'stopped-by-user':
      return 'not restarted: stopped by the user';
    case 'policy-no':
      return 'not restarted: restart policy is "no"';
    case 'succeeded':
      return 'not restarted: exited successfully (restart policy is "on-failure")';
    case 'max-restarts':
      if (maxRestarts === 0) return 'not restarted: max_restarts is 0';
      return `not restarted: ${attempt} restarts in a row without a healthy run (max_restarts = ${maxRestarts})`;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}
