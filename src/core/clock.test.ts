import { describe, expect, it } from 'vitest';
import { FakeClock, systemClock } from './clock.js';

describe('FakeClock', () => {
  it('fires due timers in order, each at its own time, including timers scheduled meanwhile', () => {
    const clock = new FakeClock(1000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 200);
    clock.setTimeout(() => {
      fired.push(`a@${clock.now()}`);
      clock.setTimeout(() => fired.push(`c@${clock.now()}`), 50);
    }, 100);
    const cancelled = clock.setTimeout(() => fired.push('never'), 10);
    clock.clearTimeout(cancelled);
    expect(clock.nextDue()).toBe(1100);
    clock.advance(199);
    expect(fired).toEqual(['a@1100', 'c@1150']);
    expect(clock.now()).toBe(1199);
    clock.advance(1);
    expect(fired).toEqual(['a@1100', 'c@1150', 'b@1200']);
    expect(clock.pending).toBe(0);
  });
});

describe('systemClock', () => {
  it('runs and clears real timers', async () => {
    const start = systemClock.now();
    let cleared = false;
    const id = systemClock.setTimeout(() => (cleared = true), 5);
    systemClock.clearTimeout(id);
    await new Promise<void>((resolve) => systemClock.setTimeout(resolve, 20));
    expect(cleared).toBe(false);
    expect(systemClock.now() - start).toBeGreaterThanOrEqual(15);
  });
});
