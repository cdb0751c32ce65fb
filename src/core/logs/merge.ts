import type { ProcessLog } from './process-log.js';
import { lineCount } from './segment.js';
import type { Segment } from './segment.js';

/**
 * Called with a run of lines `[lo, hi)` of one segment (index `s` in `log.segs`) that comes next in the
 * merged order. `mergeForward` expects the visitor to take the run in increasing index order,
 * `mergeBackward` in decreasing order. Return false to stop the whole merge.
 */
export type RunVisitor = (log: ProcessLog, seg: Segment, s: number, lo: number, hi: number) => boolean;

/** A read position in one process's segments: the next line to visit is line `i` of `segs[s]`. */
interface Cursor {
  readonly log: ProcessLog;
  s: number;
  i: number;
}

/**
 * Visits the kept lines with `since < seq <= until` of several processes in increasing seq order (a
 * k-way merge; k is small). Works in runs: it picks the process with the smallest next seq and hands
 * over the stretch of its current segment that comes before any other process's next line, so
 * interleaving costs one O(k) pick per run, not per line. Seqs within a segment are consecutive, so a
 * run's end is arithmetic, not a scan.
 */
export function mergeForward(
  logs: readonly ProcessLog[],
  since: number,
  until: number,
  visit: RunVisitor,
): void {
  const cursors: Cursor[] = [];
  for (const log of logs) {
    const s = log.segmentAfter(since);
    if (s >= log.segs.length) continue;
    const seg = log.segs[s]!;
    const i = Math.max(seg.start, since + 1 - seg.firstSeq);
    if (seg.firstSeq + i <= until) cursors.push({ log, s, i });
  }
  for (;;) {
    let best: Cursor | undefined;
    let bestSeq = Infinity;
    let second = Infinity;
    for (const c of cursors) {
      if (c.s < 0) continue;
      const seq = c.log.segs[c.s]!.firstSeq + c.i;
      if (seq < bestSeq) {
        second = bestSeq;
        bestSeq = seq;
        best = c;
      } else if (seq < second) second = seq;
    }
    if (!best) return;
    const segs = best.log.segs;
    const seg = segs[best.s]!;
    const bound = Math.min(second - 1, until) - seg.firstSeq + 1;
    const hi = Math.min(lineCount(seg), bound);
    if (!visit(best.log, seg, best.s, best.i, hi)) return;
    best.i = hi;
    if (hi === lineCount(seg)) {
      best.s++;
      best.i = best.s < segs.length ? segs[best.s]!.start : 0;
    }
    if (best.s >= segs.length || segs[best.s]!.firstSeq + best.i > until) best.s = -1;
  }
}

/** Like `mergeForward`, newest first (decreasing seq). */
export function mergeBackward(
  logs: readonly ProcessLog[],
  since: number,
  until: number,
  visit: RunVisitor,
): void {
  const cursors: Cursor[] = [];
  for (const log of logs) {
    const s = log.segmentAtOrBefore(until);
    if (s < log.head) continue;
    const seg = log.segs[s]!;
    const i = Math.min(lineCount(seg) - 1, until - seg.firstSeq);
    if (i >= seg.start && seg.firstSeq + i > since) cursors.push({ log, s, i });
  }
  for (;;) {
    let best: Cursor | undefined;
    let bestSeq = -Infinity;
    let second = -Infinity;
    for (const c of cursors) {
      if (c.s < 0) continue;
      const seq = c.log.segs[c.s]!.firstSeq + c.i;
      if (seq > bestSeq) {
        second = bestSeq;
        bestSeq = seq;
        best = c;
      } else if (seq > second) second = seq;
    }
    if (!best) return;
    const log = best.log;
    const seg = log.segs[best.s]!;
    const lo = Math.max(seg.start, Math.max(second, since) + 1 - seg.firstSeq);
    if (!visit(log, seg, best.s, lo, best.i + 1)) return;
    best.i = lo - 1;
    if (lo === seg.start) {
      best.s--;
      best.i = best.s >= log.head ? lineCount(log.segs[best.s]!) - 1 : 0;
    }
    if (best.s < log.head || log.segs[best.s]!.firstSeq + best.i <= since) best.s = -1;
  }
}
