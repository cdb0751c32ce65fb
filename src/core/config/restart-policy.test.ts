import { describe, expect, it } from 'vitest';
import { FakeClock } from '../clock.js';
import {
  backoffDelay,
  BACKOFF_MAX_MS,
  initialRestartState,
  nextRestart,
  shouldRestart,
} from './restart-policy.js';
import type { ExitInfo, RestartState, RunExit } from './restart-policy.js';
import type { RestartPolicy } from './types.js';

const ok: ExitInfo = { exitCode: 0, stoppedByUser: false };
const crash: ExitInfo = { exitCode: 1, stoppedByUser: false };
const killed: ExitInfo = { exitCode: null, signal: 'SIGSEGV', stoppedByUser: false };
const userStop: ExitInfo = { exitCode: null, signal: 'SIGTERM', stoppedByUser: true };

describe('shouldRestart', () => {
  const table: [RestartPolicy, ExitInfo, boolean][] = [
    ['no', crash, false],
    ['no', ok, false],
    ['on-failure', crash, true],
    ['on-failure', killed, true],
    ['on-failure', ok, false],
    ['on-failure', userStop, false],
    ['always', ok, true],
    ['always', crash, true],
    ['always', userStop, false],
  ];
  it.each(table)('%s after %j → %s', (policy, exit, expected) => {
    expect(shouldRestart(policy, exit, 0, 5)).toBe(expected);
  });

  it('stops once the limit is reached', () => {
    expect(shouldRestart('always', crash, 4, 5)).toBe(true);
    expect(shouldRestart('always', crash, 5, 5)).toBe(false);
    expect(shouldRestart('always', crash, 0, 0)).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('doubles from 500 ms and caps at 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 100].map(backoffDelay)).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
    expect(backoffDelay(1e9)).toBe(BACKOFF_MAX_MS);
  });
});

/**
 * A tiny supervisor driven by the fake clock: each run lives `lifetimes[i]` ms and exits with `exit`;
 * restarts are scheduled with `nextRestart`. Returns the start times and the final decision.
 */
function supervise(clock: FakeClock, policy: Pick<RunExit, 'policy' | 'maxRestarts'>, lifetimes: number[]) {
  const starts: number[] = [];
  let outcome = '';
  const run = (state: RestartState) => {
    const startedAt = clock.now();
    starts.push(startedAt);
    const lifetime = lifetimes[starts.length - 1] ?? 100;
    clock.setTimeout(() => {
      const decision = nextRestart(state, { ...crash, ...policy, startedAt }, clock.now());
      if (decision.restart) clock.setTimeout(() => run(decision.state), decision.delayMs);
      else outcome = decision.reason;
    }, lifetime);
  };
  run(initialRestartState());
  clock.advance(10 * 60_000);
  return { starts, outcome };
}

describe('nextRestart with a fake clock', () => {
  it('backs off exponentially in a crash loop and gives up after max_restarts', () => {
    const clock = new FakeClock(0);
    const { starts, outcome } = supervise(clock, { policy: 'on-failure', maxRestarts: 5 }, []);
    // Each run lives 100 ms, then waits 500, 1000, 2000, 4000, 8000 ms.
    expect(starts).toEqual([0, 600, 1700, 3800, 7900, 16000]);
    expect(outcome).toBe('not restarted: 5 restarts in a row without a healthy run (max_restarts = 5)');
    expect(clock.pending).toBe(0);
  });

  it('resets the counter after a run that stayed up long enough', () => {
    const clock = new FakeClock(0);
    // crash, crash, healthy (20 s), crash, ...
    const { starts } = supervise(
      clock,
      { policy: 'always', maxRestarts: 3 },
      [100, 100, 20_000, 100, 100, 100],
    );
    const gaps = starts
      .slice(1)
      .map((start, i) => start - starts[i]! - ([100, 100, 20_000, 100, 100][i] ?? 0));
    expect(gaps).toEqual([500, 1000, 500, 1000, 2000]);
    expect(starts).toHaveLength(6);
  });

  it('does not restart a clean exit under on-failure, or any user stop', () => {
    const state = initialRestartState();
    const onFailure = { policy: 'on-failure', maxRestarts: 5, uptimeMs: 50 } as const;
    expect(nextRestart(state, { ...ok, ...onFailure }, 0)).toMatchObject({
      restart: false,
      code: 'succeeded',
      reason: 'not restarted: exited successfully (restart policy is "on-failure")',
    });
    const always = { policy: 'always', maxRestarts: 5, uptimeMs: 50 } as const;
    expect(nextRestart(state, { ...userStop, ...always }, 0)).toMatchObject({
      restart: false,
      code: 'stopped-by-user',
    });
    expect(nextRestart(state, { ...ok, ...always }, 0)).toMatchObject({ restart: true, delayMs: 500 });
    const never = { policy: 'no', maxRestarts: 5, uptimeMs: 50 } as const;
    expect(nextRestart(state, { ...crash, ...never }, 0)).toMatchObject({
      restart: false,
      code: 'policy-no',
    });
    const none = { policy: 'always', maxRestarts: 0, uptimeMs: 50 } as const;
    expect(nextRestart(state, { ...crash, ...none }, 0)).toMatchObject({
      restart: false,
      reason: 'not restarted: max_restarts is 0',
    });
  });

  it('accepts uptime directly and resets after a healthy run', () => {
    const tired = { attempt: 4 };
    const base = { ...crash, policy: 'on-failure', maxRestarts: 5 } as const;
    expect(nextRestart(tired, { ...base, uptimeMs: 9_999 }, 0)).toMatchObject({
      delayMs: 8000,
      state: { attempt: 5 },
    });
    expect(nextRestart(tired, { ...base, uptimeMs: 10_000 }, 0)).toMatchObject({
      delayMs: 500,
      state: { attempt: 1 },
    });
  });

  it('never mutates the state it was given', () => {
    const state = initialRestartState();
    const decision = nextRestart(state, { ...crash, policy: 'always', maxRestarts: 5, startedAt: 0 }, 10);
    expect(state.attempt).toBe(0);
    expect(decision.state.attempt).toBe(1);
    expect(Object.isFrozen(decision.state)).toBe(true);
  });
});
