/**
 * Time as a dependency: code that waits or measures takes a `Clock`, so tests drive time with
 * `FakeClock` instead of sleeping.
 */

/** A timer handle; only meaningful to the clock that made it. */
export type TimerId = NodeJS.Timeout | number;

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  setTimeout(callback: () => void, delayMs: number): TimerId;
  clearTimeout(id: TimerId): void;
}

/** The real clock. Timers are unref'd so a pending restart never keeps brum alive on its own. */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  setTimeout: (callback: () => void, delayMs: number): TimerId => setTimeout(callback, delayMs).unref(),
  clearTimeout: (id: TimerId) => clearTimeout(id),
});

interface FakeTimer {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

/**
 * A manual clock for tests. Time moves only through `advance`/`advanceTo`, which run due timers in
 * order of their due time (then of creation), each seeing `now()` equal to its due time.
 */
export class FakeClock implements Clock {
  private current: number;
  private nextId = 1;
  private timers: FakeTimer[] = [];

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, delayMs: number): TimerId {
    const id = this.nextId++;
    this.timers.push({ id, at: this.current + Math.max(0, delayMs), callback });
    return id;
  }

  clearTimeout(id: TimerId): void {
    this.timers = this.timers.filter((timer) => timer.id !== id);
  }

  /** Number of timers not yet fired or cleared. */
  get pending(): number {
    return this.timers.length;
  }

  /** Due time of the earliest pending timer, if any. */
  nextDue(): number | undefined {
    return this.timers.reduce<number | undefined>(
      (min, t) => (min === undefined || t.at < min ? t.at : min),
      undefined,
    );
  }

  advance(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  /** Moves time forward to `time`, firing every timer due by then (including ones scheduled meanwhile). */
  advanceTo(time: number): void {
    for (;;) {
      const due = this.timers
        .filter((timer) => timer.at <= time)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (due === undefined) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.current = Math.max(this.current, due.at);
      due.callback();
    }
    this.current = Math.max(this.current, time);
  }
}
