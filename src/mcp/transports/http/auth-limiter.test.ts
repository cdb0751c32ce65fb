import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthLimiter } from './auth-limiter.js';

describe('AuthLimiter', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** Admits a check that answers `right`; records when it ran and whether it was refused. */
  function attempt(limiter: AuthLimiter, right: boolean, log: string[], name: string) {
    return limiter.admit(
      () => {
        log.push(`${name}:checked`);
        return right;
      },
      () => log.push(`${name}:busy`),
    );
  }

  it('checks a burst of wrong tokens at once, then one per refill, and refuses beyond the queue', () => {
    const limiter = new AuthLimiter({ burst: 2, perSecond: 1, maxWaiting: 2 }, () => Date.now());
    const log: string[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e']) attempt(limiter, false, log, name);
    expect(log).toEqual(['a:checked', 'b:checked', 'e:busy']);
    vi.advanceTimersByTime(1000);
    expect(log).toEqual(['a:checked', 'b:checked', 'e:busy', 'c:checked']);
    vi.advanceTimersByTime(1000);
    expect(log.slice(4)).toEqual(['d:checked']);
    expect(limiter.stats).toEqual({ failures: 4, refused: 1 });
  });

  it('a right token spends nothing, so right tokens are never held back by each other', () => {
    const limiter = new AuthLimiter({ burst: 1, perSecond: 1, maxWaiting: 1 }, () => Date.now());
    const log: string[] = [];
    for (let i = 0; i < 100; i++) attempt(limiter, true, log, `ok${i}`);
    expect(log).toHaveLength(100);
    expect(log.every((l) => l.endsWith(':checked'))).toBe(true);
  });

  it('releases a waiting right token as soon as a credit is back, and the next one with it', () => {
    const limiter = new AuthLimiter({ burst: 1, perSecond: 2, maxWaiting: 4 }, () => Date.now());
    const log: string[] = [];
    attempt(limiter, false, log, 'guess');
    attempt(limiter, true, log, 'x');
    attempt(limiter, true, log, 'y');
    expect(log).toEqual(['guess:checked']);
    vi.advanceTimersByTime(500);
    expect(log).toEqual(['guess:checked', 'x:checked', 'y:checked']);
  });

  it('a withdrawn check never runs', () => {
    const limiter = new AuthLimiter({ burst: 1, perSecond: 1, maxWaiting: 4 }, () => Date.now());
    const log: string[] = [];
    attempt(limiter, false, log, 'a');
    const withdraw = attempt(limiter, false, log, 'b');
    withdraw();
    vi.advanceTimersByTime(5000);
    expect(log).toEqual(['a:checked']);
  });
});
