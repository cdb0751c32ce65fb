import { indexAfterSeq } from './merge.js';
import type { LogLine } from './types.js';

/**
 * Fixed bytes accounted per line beyond its text, so that accounted bytes track the real heap: measured
 * on Node 20 x64, a LogLine object is ~88 B, a string header 16 B, an array slot 8 B plus growth slack.
 * With 112, heap/accounted was 1.14 for plain 80-char lines and 0.95 for coloured ones (48 gave 1.7).
 */
export const LINE_OVERHEAD_BYTES = 112;

/** Bytes a line is charged: its raw text, its stripped text when that is a separate string, overhead. */
export function lineCost(line: LogLine): number {
  return line.raw.length + (line.text !== line.raw ? line.text.length : 0) + LINE_OVERHEAD_BYTES;
}

/** Placeholder for evicted slots, so the evicted line objects can be collected before compaction. */
const EVICTED: LogLine = Object.freeze({
  seq: 0,
  processId: '',
  stream: 'system',
  ts: 0,
  raw: '',
  text: '',
  truncated: false,
  level: 'info',
});

/** Compaction runs once at least this many slots at the front are dead and they are half the array. */
const COMPACT_MIN = 1024;

/**
 * The kept lines of one process, oldest first, as a deque: live lines are `lines[head..]`.
 * Eviction advances `head` (O(1)); the dead prefix is dropped in one copy once it is half the array,
 * so the cost is O(1) amortised per line and no `Array.shift()` ever runs on a big array.
 */
export class ProcessLog {
  lines: LogLine[] = [];
  head = 0;
  bytes = 0;
  /** Highest seq evicted (or cleared) so far; 0 when nothing was. */
  evictedUpTo = 0;
  evictedLines = 0;
  evictedBytes = 0;

  constructor(readonly processId: string) {}

  get size(): number {
    return this.lines.length - this.head;
  }

  /** Seq of the oldest kept line, or 0 when empty. */
  get oldestSeq(): number {
    return this.head < this.lines.length ? this.lines[this.head]!.seq : 0;
  }

  get newestSeq(): number {
    return this.head < this.lines.length ? this.lines[this.lines.length - 1]!.seq : 0;
  }

  push(line: LogLine): void {
    this.lines.push(line);
    this.bytes += lineCost(line);
  }

  /** Drops the oldest line and returns the bytes freed (0 when empty). */
  evictOldest(): number {
    if (this.head >= this.lines.length) return 0;
    const line = this.lines[this.head]!;
    const cost = lineCost(line);
    this.lines[this.head] = EVICTED;
    this.head++;
    this.bytes -= cost;
    this.evictedUpTo = line.seq;
    this.evictedLines++;
    this.evictedBytes += cost;
    if (this.head === this.lines.length) {
      this.lines = [];
      this.head = 0;
    } else if (this.head >= COMPACT_MIN && this.head * 2 >= this.lines.length) {
      this.lines.copyWithin(0, this.head);
      this.lines.length -= this.head;
      this.head = 0;
    }
    return cost;
  }

  /** Index of the first kept line with seq > `seq` (binary search; `lines.length` when none). */
  indexAfter(seq: number): number {
    return indexAfterSeq(this.lines, this.head, this.lines.length, seq);
  }

  /** Index of the kept line with exactly this seq, or -1. */
  indexOf(seq: number): number {
    const i = this.indexAfter(seq - 1);
    return i < this.lines.length && this.lines[i]!.seq === seq ? i : -1;
  }
}
