import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { transition, type LifecycleEvent } from './lifecycle.js';
import { ProcessSnapshot } from './snapshot.js';

const fresh = () =>
  new ProcessSnapshot({ id: 'dev-1', name: 'dev', kind: 'script', command: 'npm run dev', cwd: '/' });
const apply = (s: ProcessSnapshot, e: LifecycleEvent) => {
  const changes = transition(s, e);
  return changes ? s.with(changes) : s;
};

describe('process lifecycle', () => {
  it('runs pending → running → succeeded / failed', () => {
    const running = apply(fresh(), { type: 'spawned', pid: 42, at: 1000 });
    expect(running.status).toBe('running');
    expect(running.pid).toBe(42);
    expect(apply(running, { type: 'exited', exitCode: 0, signal: null, at: 2000 }).status).toBe('succeeded');
    const failed = apply(running, { type: 'exited', exitCode: 1, signal: null, at: 2000 });
    expect(failed.status).toBe('failed');
    expect(failed.duration()).toBe(1000);
  });

  it('a user stop ends as stopped, whatever the exit code or signal', () => {
    const stopping = apply(apply(fresh(), { type: 'spawned', pid: 1, at: 0 }), {
      type: 'stop-requested',
      at: 5,
    });
    expect(stopping.status).toBe('stopping');
    expect(apply(stopping, { type: 'exited', exitCode: null, signal: 'SIGKILL', at: 9 }).status).toBe(
      'stopped',
    );
    expect(apply(stopping, { type: 'exited', exitCode: 143, signal: null, at: 9 }).status).toBe('stopped');
  });

  it('stopping a finished process is a no-op, and a second exit changes nothing', () => {
    const done = apply(apply(fresh(), { type: 'spawned', pid: 1, at: 0 }), {
      type: 'exited',
      exitCode: 0,
      signal: null,
      at: 1,
    });
    expect(transition(done, { type: 'stop-requested', at: 2 })).toBeUndefined();
    expect(transition(done, { type: 'exited', exitCode: 1, signal: null, at: 3 })).toBeUndefined();
  });

  it('restarting counts and clears the run', () => {
    const done = apply(apply(fresh(), { type: 'spawned', pid: 1, at: 0 }), {
      type: 'exited',
      exitCode: 1,
      signal: null,
      at: 1,
    });
    const again = apply(done, { type: 'restarting', at: 2 });
    expect(again.status).toBe('pending');
    expect(again.restartCount).toBe(1);
    expect(again.pid).toBeUndefined();
    expect(again.exitCode).toBeUndefined();
  });

  it('holds its invariants under any sequence of events', () => {
    const event = fc.oneof(
      fc.record({ type: fc.constant('spawned' as const), pid: fc.nat(), at: fc.nat() }),
      fc.record({ type: fc.constant('spawn-failed' as const), reason: fc.string(), at: fc.nat() }),
      fc.record({ type: fc.constant('stop-requested' as const), at: fc.nat() }),
      fc.record({
        type: fc.constant('exited' as const),
        exitCode: fc.option(fc.integer({ min: 0, max: 255 })),
        signal: fc.option(fc.constantFrom('SIGTERM', 'SIGKILL')),
        at: fc.nat(),
      }),
      fc.record({ type: fc.constant('restarting' as const), at: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        let s = fresh();
        let stopRequested = false;
        for (const e of events) {
          const before = s;
          s = apply(s, e);
          expect(Object.isFrozen(s)).toBe(true);
          if (e.type === 'stop-requested' && s.status === 'stopping') stopRequested = true;
          if (e.type === 'restarting' && s !== before) stopRequested = false;
          // A run that the user asked to stop never ends as failed/succeeded.
          if (stopRequested && s.isFinished) expect(s.status).toBe('stopped');
          if (s.isFinished) expect(s.endedAt).toBeDefined();
          if (s.status === 'running') expect(s.pid).toBeDefined();
          expect(s.restartCount).toBeGreaterThanOrEqual(before.restartCount);
        }
      }),
    );
  });
});
