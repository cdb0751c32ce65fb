/**
 * Reading a screenful of log lines around a position, through the engine's cursor API only.
 *
 * Every function here costs O(lines asked for) reads (plus a few probe reads), never O(lines stored):
 * this is what keeps the log view virtualised. Positions are global sequence numbers, which stay valid
 * while new lines arrive; evicted positions simply snap to the oldest kept line.
 */
import type { Engine } from '../../core/engine-api.js';
import type { LogLevel, LogLine } from '../../core/logs/types.js';

export type LogSource = Pick<Engine, 'readLogs' | 'tailLogs' | 'scanLogs'>;

export interface LogScope {
  /** One process, or all when undefined. */
  readonly processId?: string;
  /** Only lines whose level is error or warning (served by `scanLogs`' level filter). */
  readonly problemsOnly?: boolean;
}

const PROBLEM_LEVELS: readonly LogLevel[] = ['error', 'warning'];
// An empty plain query matches every line; only the level filter applies.
const ANY = { query: '' } as const;

function problems(
  src: LogSource,
  scope: LogScope,
  range: { since?: number; until?: number },
  count: number,
  newest: boolean,
): LogLine[] {
  const merged: LogLine[] = [];
  for (const level of PROBLEM_LEVELS) {
    const result = src.scanLogs({
      ...ANY,
      processId: scope.processId,
      level,
      since: range.since,
      until: range.until,
      limit: count,
      newestFirst: newest,
      timeBudgetMs: 50,
    });
    for (const m of result.matches) merged.push(m.line);
  }
  merged.sort((a, b) => a.seq - b.seq);
  return newest ? merged.slice(-count) : merged.slice(0, count);
}

/** The newest `count` lines of the scope, oldest first. */
export function readTail(src: LogSource, scope: LogScope, count: number): LogLine[] {
  if (count <= 0) return [];
  if (scope.problemsOnly) return problems(src, scope, {}, count, true);
  return [...src.tailLogs(scope.processId, count)];
}

/** Up to `count` lines with seq >= `fromSeq`, oldest first. */
export function readFrom(src: LogSource, scope: LogScope, fromSeq: number, count: number): LogLine[] {
  if (count <= 0) return [];
  const since = Math.max(0, fromSeq - 1);
  if (scope.problemsOnly) return problems(src, scope, { since }, count, false);
  return [
    ...src.readLogs({ processId: scope.processId, since, limit: count, maxBytes: 16 * 1024 * 1024 }).lines,
  ];
}

/** Up to `count` lines with seq < `beforeSeq`, oldest first (the lines just above a position). */
export function readBefore(src: LogSource, scope: LogScope, beforeSeq: number, count: number): LogLine[] {
  if (count <= 0 || beforeSeq <= 1) return [];
  if (scope.problemsOnly) return problems(src, scope, { until: beforeSeq - 1 }, count, true);
  // The cursor API reads forwards only, so probe a seq span above the position and widen it
  // geometrically; for one process among many, its lines are spread over the global seq space.
  let span = Math.max(count * 2, 64);
  for (;;) {
    const since = Math.max(0, beforeSeq - 1 - span);
    const kept: LogLine[] = [];
    let cursor = since;
    let oldest = 0;
    for (;;) {
      const page = src.readLogs({
        processId: scope.processId,
        since: cursor,
        limit: 5000,
        maxBytes: 16 * 1024 * 1024,
      });
      oldest = page.oldestSeq;
      for (const line of page.lines) {
        if (line.seq >= beforeSeq) break;
        kept.push(line);
        if (kept.length > count) kept.shift();
      }
      const last = page.lines.at(-1);
      if (!page.truncated || !last || last.seq >= beforeSeq - 1) break;
      cursor = last.seq;
    }
    if (kept.length >= count || since === 0 || since < oldest) return kept;
    span *= 4;
  }
}
