import { describe, expect, it } from 'vitest';
import { LogStore, READ_DEFAULT_LIMIT, READ_MAX_LIMIT } from './log-store.js';
import { LINE_OVERHEAD_BYTES, SEGMENT_OVERHEAD_BYTES } from './process-log.js';

/** Bytes charged for a one-line batch of `n` characters. */
const single = (n: number): number => n + LINE_OVERHEAD_BYTES + SEGMENT_OVERHEAD_BYTES;

/** Appends `n` lines one batch per line, alternating processes in the given pattern. */
function fill(store: LogStore, pattern: string[], n: number): void {
  for (let i = 0; i < n; i++) store.append(pattern[i % pattern.length]!, 'stdout', [`line ${i + 1}`]);
}

describe('LogStore.read', () => {
  it('merges all processes by seq (k-way) and pages with a cursor', () => {
    const store = new LogStore();
    store.append('a', 'stdout', ['a1', 'a2', 'a3']); // 1..3
    store.append('b', 'stderr', ['b1']); // 4
    store.append('c', 'stdout', ['c1', 'c2']); // 5, 6
    store.append('a', 'stdout', ['a4']); // 7
    store.append('b', 'stdout', ['b2']); // 8
    const first = store.read({ limit: 4 });
    expect(first.lines.map((l) => l.raw)).toEqual(['a1', 'a2', 'a3', 'b1']);
    expect(first).toMatchObject({ truncated: true, nextCursor: 4, gap: false, oldestSeq: 1, latestSeq: 8 });
    const second = store.read({ since: first.nextCursor, limit: 4 });
    expect(second.lines.map((l) => l.raw)).toEqual(['c1', 'c2', 'a4', 'b2']);
    expect(second).toMatchObject({ truncated: false, nextCursor: 8 });
    const third = store.read({ since: second.nextCursor });
    expect(third).toMatchObject({ lines: [], nextCursor: 8, truncated: false });
  });

  it('merges finely interleaved processes in seq order', () => {
    const store = new LogStore();
    fill(store, ['a', 'b', 'a', 'c', 'c', 'b', 'a'], 500);
    const page = store.read({ limit: 1000 });
    expect(page.lines.map((l) => l.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(store.read({ processId: 'b', limit: 1000 }).lines.every((l) => l.processId === 'b')).toBe(true);
  });

  it('filters by process and stream', () => {
    const store = new LogStore();
    store.append('a', 'stdout', ['out1']);
    store.append('a', 'stderr', ['err1']);
    store.append('b', 'stderr', ['err2']);
    expect(store.read({ processId: 'a', streams: ['stderr'] }).lines.map((l) => l.raw)).toEqual(['err1']);
    expect(store.read({ streams: ['stderr'] }).lines.map((l) => l.raw)).toEqual(['err1', 'err2']);
    expect(store.read({ processId: 'nope' })).toMatchObject({
      lines: [],
      nextCursor: 0,
      gap: false,
      oldestSeq: 0,
    });
  });

  it('applies limit defaults and caps, and maxBytes (always at least one line)', () => {
    const store = new LogStore();
    fill(store, ['a'], 6000);
    expect(store.read().lines).toHaveLength(READ_DEFAULT_LIMIT);
    expect(store.read({ limit: 1e9 }).lines).toHaveLength(READ_MAX_LIMIT);
    const byBytes = store.read({ maxBytes: 20 }); // 'line 1'..'line 3' = 18 bytes, 4th would exceed
    expect(byBytes.lines.map((l) => l.raw)).toEqual(['line 1', 'line 2', 'line 3']);
    expect(byBytes.truncated).toBe(true);
    const tiny = store.read({ maxBytes: 1 });
    expect(tiny.lines).toHaveLength(1);
    expect(tiny.truncated).toBe(true);
  });

  it('sets gap when lines after the cursor were evicted, and resumes at the oldest kept line', () => {
    const store = new LogStore({ perProcessBytes: 10 * single(6), totalBytes: 1e9 });
    fill(store, ['a'], 9); // 'line 1'..'line 9', 6 bytes each
    const page = store.read({ processId: 'a', limit: 3 });
    expect(page).toMatchObject({ gap: false, nextCursor: 3 });
    fill(store, ['a'], 9); // 9 more: seq 10..18; only the last 10 (seq 9..18) are kept
    const next = store.read({ processId: 'a', since: page.nextCursor, limit: 3 });
    expect(next.gap).toBe(true);
    expect(next.oldestSeq).toBe(9);
    expect(next.lines.map((l) => l.seq)).toEqual([9, 10, 11]);
    expect(store.read({ processId: 'a', since: next.nextCursor }).gap).toBe(false);
  });

  it('finds the start by binary search after heavy eviction and compaction', () => {
    const store = new LogStore({ perProcessBytes: 1e9, totalBytes: 3000 * single(10) });
    for (let i = 0; i < 50_000; i++) store.append(i % 2 ? 'a' : 'b', 'stdout', [String(i).padStart(10, '0')]);
    const s = store.stats();
    expect(s.lines).toBe(3000);
    const page = store.read({ since: 48_500, limit: 5 });
    expect(page.lines.map((l) => l.seq)).toEqual([48_501, 48_502, 48_503, 48_504, 48_505]);
    expect(page.gap).toBe(false);
    expect(store.read({ since: 46_999, limit: 1 }).gap).toBe(true);
    expect(store.read({ since: 47_000, limit: 1 })).toMatchObject({ gap: false, oldestSeq: 47_001 });
  });
});

describe('LogStore.tail', () => {
  it('returns the last lines of one process or of all, oldest first', () => {
    const store = new LogStore();
    fill(store, ['a', 'b', 'b'], 9);
    expect(store.tail('a', 2).map((l) => l.seq)).toEqual([4, 7]);
    expect(store.tail(undefined, 4).map((l) => l.seq)).toEqual([6, 7, 8, 9]);
    expect(store.tail('b', 100).map((l) => l.seq)).toEqual([2, 3, 5, 6, 8, 9]);
    expect(store.tail(undefined, 0)).toEqual([]);
  });
});
