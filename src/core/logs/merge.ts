import type { LogLine } from './types.js';

/**
 * A read-only window on one process's kept lines: `lines[start..end)`, oldest first. Valid only until
 * the store changes (reads and searches are synchronous, so they never see a change mid-way).
 */
export interface LogWindow {
  readonly processId: string;
  readonly lines: readonly LogLine[];
  readonly start: number;
  readonly end: number;
  /** Index of the oldest kept line of the process (`<= start`): context may reach back to it. */
  readonly keptStart: number;
}

/** Index of the first line in `lines[lo..hi)` with seq > `seq` (binary search; `hi` when none). */
export function indexAfterSeq(lines: readonly LogLine[], lo: number, hi: number, seq: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lines[mid]!.seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Called per line in merged order with its window and index; return false to stop. */
export type MergeVisitor = (line: LogLine, window: LogWindow, index: number) => boolean;

/**
 * Visits the lines of several windows in increasing seq order (a k-way merge; k is small).
 * Works in runs: it picks the window with the smallest next seq and emits from it until the next
 * window's head would come first, so interleaving costs one O(k) pick per run, not per line.
 */
export function mergeForward(windows: readonly LogWindow[], visit: MergeVisitor): void {
  if (windows.length === 1) {
    const w = windows[0]!;
    for (let i = w.start; i < w.end; i++) if (!visit(w.lines[i]!, w, i)) return;
    return;
  }
  const pos = windows.map((w) => w.start);
  for (;;) {
    let best = -1;
    let bestSeq = Infinity;
    let second = Infinity;
    for (let k = 0; k < windows.length; k++) {
      const w = windows[k]!;
      if (pos[k]! >= w.end) continue;
      const seq = w.lines[pos[k]!]!.seq;
      if (seq < bestSeq) {
        second = bestSeq;
        bestSeq = seq;
        best = k;
      } else if (seq < second) second = seq;
    }
    if (best === -1) return;
    const w = windows[best]!;
    let i = pos[best]!;
    for (; i < w.end; i++) {
      const line = w.lines[i]!;
      if (line.seq > second) break;
      if (!visit(line, w, i)) return;
    }
    pos[best] = i;
  }
}

/** Like `mergeForward`, newest first (decreasing seq), starting from each window's `end - 1`. */
export function mergeBackward(windows: readonly LogWindow[], visit: MergeVisitor): void {
  if (windows.length === 1) {
    const w = windows[0]!;
    for (let i = w.end - 1; i >= w.start; i--) if (!visit(w.lines[i]!, w, i)) return;
    return;
  }
  const pos = windows.map((w) => w.end - 1);
  for (;;) {
    let best = -1;
    let bestSeq = -Infinity;
    let second = -Infinity;
    for (let k = 0; k < windows.length; k++) {
      const w = windows[k]!;
      if (pos[k]! < w.start) continue;
      const seq = w.lines[pos[k]!]!.seq;
      if (seq > bestSeq) {
        second = bestSeq;
        bestSeq = seq;
        best = k;
      } else if (seq > second) second = seq;
    }
    if (best === -1) return;
    const w = windows[best]!;
    let i = pos[best]!;
    for (; i >= w.start; i--) {
      const line = w.lines[i]!;
      if (line.seq < second) break;
      if (!visit(line, w, i)) return;
    }
    pos[best] = i;
  }
}
