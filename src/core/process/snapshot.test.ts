import { describe, expect, it } from 'vitest';
import { ProcessSnapshot, formatDuration } from './snapshot.js';

describe('ProcessSnapshot', () => {
  const base = new ProcessSnapshot({
    id: 'dev-1',
    name: 'dev',
    kind: 'script',
    command: 'npm run dev',
    cwd: '/p',
  });

  it('is frozen, and `with` returns a new object leaving the old one intact', () => {
    expect(Object.isFrozen(base)).toBe(true);
    expect(Object.isFrozen(base.urls)).toBe(true);
    const next = base.with({ status: 'running', pid: 7, startedAt: 1000 });
    expect(next).not.toBe(base);
    expect(base.status).toBe('pending');
    expect(next.status).toBe('running');
    expect(() => {
      (next as unknown as { status: string }).status = 'failed';
    }).toThrow(TypeError);
  });

  it('knows whether it runs, has finished, and for how long', () => {
    const running = base.with({ status: 'running', pid: 7, startedAt: 1000 });
    expect(running.isRunning).toBe(true);
    expect(running.isFinished).toBe(false);
    expect(running.duration(4000)).toBe(3000);
    const done = running.with({ status: 'failed', exitCode: 1, endedAt: 2500 });
    expect(done.isFinished).toBe(true);
    expect(done.duration(99999)).toBe(1500);
    expect(base.duration()).toBe(0);
  });

  it('reads well as text and serialises to plain data', () => {
    const done = base.with({
      status: 'failed',
      pid: 7,
      exitCode: 1,
      startedAt: 0,
      endedAt: 1500,
      restartCount: 2,
    });
    expect(done.toString()).toBe('dev-1 (dev) · failed · pid 7 · exit 1 · 1.5s · 2 restarts');
    expect(JSON.parse(JSON.stringify(done))).toMatchObject({ id: 'dev-1', status: 'failed', exitCode: 1 });
  });

  it('formats durations compactly', () => {
    expect(formatDuration(250)).toBe('250ms');
    expect(formatDuration(61_000)).toBe('1m01s');
    expect(formatDuration(2 * 3600_000 + 5 * 60_000)).toBe('2h05m');
  });
});
