import { lastSeqOf, lineAt, lineCount, lineStart } from './segment.js';
import { releaseSlab, SlabWriter } from './slab.js';
import type { Segment } from './segment.js';
import type { LogLine } from './types.js';

/**
 * Fixed bytes accounted per line beyond its text, and per segment (one appended batch). A line's text
 * is its UTF-8 bytes in a slab (off the heap, `slab.ts`); it also costs its `\n` there and 4 bytes of
 * `ends`. A segment costs its object, its columns' headers, its slab views and a slot in the deque
 * (one-line segments share their `ends`, see `endsOf`). The figures were measured for the heap-string
 * store that came before (heap + array buffers after GC / accounted bytes 1.01–1.05) and still bound
 * the per-segment objects; slab space not yet reused (a slab is freed when its last segment goes) is
 * not charged.
 */
export const LINE_OVERHEAD_BYTES = 4;
export const SEGMENT_OVERHEAD_BYTES = 150;

/**
 * Bytes line `i` of a segment is charged: raw text, stripped text when the segment keeps a stripped
 * copy (then every line of it has one), overhead. The segment's own overhead rides on its newest line,
 * which is evicted last, when the segment goes.
 */
export function lineCost(seg: Segment, i: number): number {
  const ends = seg.ends;
  let bytes = ends[i]! - lineStart(ends, i) + LINE_OVERHEAD_BYTES;
  const t = seg.textEnds;
  if (t !== undefined) bytes += t[i]! - lineStart(t, i);
  return i === ends.length - 1 ? bytes + SEGMENT_OVERHEAD_BYTES : bytes;
}

/** Placeholder for dropped segment slots, so their columns can be collected before compaction. */
const DROPPED: Segment = Object.freeze({
  firstSeq: 0,
  stream: 'system',
  ts: 0,
  raw: Buffer.alloc(0),
  ends: new Uint32Array(0),
  text: undefined,
  textEnds: undefined,
  ascii: true,
  rawSlab: { buf: Buffer.alloc(0), used: 0, live: 0, retired: true, pooled: false },
  textSlab: undefined,
  levels: undefined,
  truncated: undefined,
  start: 0,
});

/** The segment's bytes are no longer needed. */
function release(seg: Segment): void {
  releaseSlab(seg.rawSlab);
  if (seg.textSlab !== undefined) releaseSlab(seg.textSlab);
}

/** Compaction runs once at least this many slots at the front are dead and they are half the array. */
const COMPACT_MIN = 32;

/**
 * The kept lines of one process, oldest first, as a deque of segments: live segments are
 * `segs[head..]`, and the oldest of them may have evicted lines at its front (`start`). Eviction
 * advances `start`, then `head` (O(1)); the dead prefix of `segs` is dropped in one copy once it is half
 * the array, so no `Array.shift()` ever runs. Segment indexes are positions in `segs`, valid until the
 * store next changes.
 */
export class ProcessLog {
  segs: Segment[] = [];
  head = 0;
  /** Where this log's bytes are appended (off-heap slabs). */
  readonly slabs = new SlabWriter();
  /** Number of kept lines. */
  size = 0;
  bytes = 0;
  /** Highest seq evicted (or cleared) so far; 0 when nothing was. */
  evictedUpTo = 0;
  evictedLines = 0;
  evictedBytes = 0;

  constructor(readonly processId: string) {}

  /** Seq of the oldest kept line, or 0 when empty. */
  get oldestSeq(): number {
    if (this.size === 0) return 0;
    const seg = this.segs[this.head]!;
    return seg.firstSeq + seg.start;
  }

  get newestSeq(): number {
    return this.size === 0 ? 0 : lastSeqOf(this.segs[this.segs.length - 1]!);
  }

  /** Adds a non-empty segment whose lines are charged `bytes` in total. */
  push(seg: Segment, bytes: number): void {
    this.segs.push(seg);
    this.size += lineCount(seg) - seg.start;
    this.bytes += bytes;
  }

  /** Drops the oldest line and returns the bytes freed (0 when empty). */
  evictOldest(): number {
    if (this.size === 0) return 0;
    const seg = this.segs[this.head]!;
    const cost = lineCost(seg, seg.start);
    this.evictedUpTo = seg.firstSeq + seg.start;
    seg.start++;
    this.size--;
    this.bytes -= cost;
    this.evictedLines++;
    this.evictedBytes += cost;
    if (seg.start === lineCount(seg)) this.#dropHead();
    return cost;
  }

  /** Drops every kept line and returns the bytes freed. */
  evictAll(): number {
    const freed = this.bytes;
    if (this.size === 0) return 0;
    this.evictedUpTo = this.newestSeq;
    this.evictedLines += this.size;
    this.evictedBytes += freed;
    for (let s = this.head; s < this.segs.length; s++) release(this.segs[s]!);
    this.segs = [];
    this.head = 0;
    this.size = 0;
    this.bytes = 0;
    return freed;
  }

  /** Index of the segment holding the kept line `seq`, or -1. */
  segmentOf(seq: number): number {
    const s = this.segmentAtOrBefore(seq);
    if (s < this.head) return -1;
    const seg = this.segs[s]!;
    const i = seq - seg.firstSeq;
    return i >= seg.start && i < lineCount(seg) ? s : -1;
  }

  /** Index of the first live segment with a line of seq > `seq` (`segs.length` when none). */
  segmentAfter(seq: number): number {
    let lo = this.head;
    let hi = this.segs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (lastSeqOf(this.segs[mid]!) <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the last live segment whose first line has seq <= `seq` (`head - 1` when none). */
  segmentAtOrBefore(seq: number): number {
    let lo = this.head;
    let hi = this.segs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.segs[mid]!.firstSeq <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** Up to `n` kept lines just before line `i` of segment `s`, oldest first (search context). */
  linesBefore(s: number, i: number, n: number): LogLine[] {
    const out: LogLine[] = [];
    let seg = this.segs[s]!;
    while (out.length < n) {
      if (i > seg.start) {
        out.push(lineAt(this.processId, seg, --i));
        continue;
      }
      if (--s < this.head) break;
      seg = this.segs[s]!;
      i = lineCount(seg);
    }
    return out.reverse();
  }

  /** Up to `n` kept lines just after line `i` of segment `s`, oldest first (search context). */
  linesAfter(s: number, i: number, n: number): LogLine[] {
    const out: LogLine[] = [];
    let seg = this.segs[s]!;
    while (out.length < n) {
      if (i + 1 < lineCount(seg)) {
        out.push(lineAt(this.processId, seg, ++i));
        continue;
      }
      if (++s >= this.segs.length) break;
      seg = this.segs[s]!;
      i = -1; // only the oldest segment has evicted lines, and this one is newer
    }
    return out;
  }

  #dropHead(): void {
    release(this.segs[this.head]!);
    this.segs[this.head] = DROPPED;
    this.head++;
    if (this.head === this.segs.length) {
      this.segs = [];
      this.head = 0;
    } else if (this.head >= COMPACT_MIN && this.head * 2 >= this.segs.length) {
      this.segs.copyWithin(0, this.head);
      this.segs.length -= this.head;
      this.head = 0;
    }
  }
}
