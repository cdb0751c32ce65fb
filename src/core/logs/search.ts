import type { LogStore } from './log-store.js';
import { indexAfterSeq, mergeBackward, mergeForward } from './merge.js';
import type { LogWindow } from './merge.js';
import { compileSafeRegex, escapeRegex } from './safe-regex.js';
import type { LogLine, LogSearchMatch, LogSearchQuery, LogSearchResult } from './types.js';

export const SEARCH_DEFAULT_LIMIT = 100;
export const SEARCH_MAX_LIMIT = 1000;
export const SEARCH_MAX_CONTEXT = 20;
export const SEARCH_DEFAULT_BUDGET_MS = 250;
/** The clock is read once per this many scanned lines (reading it per line would cost more than a test). */
const CLOCK_EVERY = 1024;

const NONE: readonly LogLine[] = Object.freeze([]);

/**
 * Searches the kept lines' stripped `text` (never `raw`), in seq order (or newest first).
 *
 * - `query` is a literal (default) or a regex run with a linear-time guarantee (`compileSafeRegex`);
 *   an empty query matches every line, so the filters alone select. Case-insensitive by default.
 * - Filters: process, streams, exact level, seq range (`since < seq <= until`), time range (inclusive).
 * - `context` lines come from the same process, whatever their stream or level.
 * - The scan stops at `limit` matches (probing for one more to set `hasMore`) or when `timeBudgetMs`
 *   is spent (`timedOut`; the matches then cover only the part scanned, from the start of the order).
 *
 * Throws `BrumError('INVALID_PATTERN')` for a bad or unsupported regex.
 */
export function searchLogs(store: LogStore, query: LogSearchQuery): LogSearchResult {
  const matches = buildMatcher(query);
  const limit = clamp(query.limit ?? SEARCH_DEFAULT_LIMIT, 0, SEARCH_MAX_LIMIT);
  const context = clamp(query.context ?? 0, 0, SEARCH_MAX_CONTEXT);
  const budget = query.timeBudgetMs ?? SEARCH_DEFAULT_BUDGET_MS;
  const streams = query.streams && query.streams.length > 0 ? query.streams : undefined;
  const { level, fromTime, toTime } = query;
  const windows = boundWindows(store.windows(query.processId, query.since ?? 0), query.until);

  const found: LogSearchMatch[] = [];
  let hasMore = false;
  let timedOut = false;
  let scannedLines = 0;
  const deadline = performance.now() + budget;

  const visit = (line: LogLine, w: LogWindow, i: number): boolean => {
    if (++scannedLines % CLOCK_EVERY === 0 && performance.now() > deadline) {
      timedOut = true;
      return false;
    }
    if (streams && !streams.includes(line.stream)) return true;
    if (level !== undefined && line.level !== level) return true;
    if ((fromTime !== undefined && line.ts < fromTime) || (toTime !== undefined && line.ts > toTime))
      return true;
    if (!matches(line.text)) return true;
    if (found.length >= limit) {
      hasMore = true;
      return false;
    }
    found.push({
      line,
      before: context === 0 ? NONE : w.lines.slice(Math.max(w.keptStart, i - context), i),
      after: context === 0 ? NONE : w.lines.slice(i + 1, Math.min(w.lines.length, i + 1 + context)),
    });
    return true;
  };
  if (query.newestFirst) mergeBackward(windows, visit);
  else mergeForward(windows, visit);
  return { matches: found, hasMore, timedOut, scannedLines };
}

/** A test for one stripped line. Case-sensitive literals use `includes`; the rest a (safe) regex. */
function buildMatcher(query: LogSearchQuery): (text: string) => boolean {
  const caseSensitive = query.caseSensitive ?? false;
  if (query.regex) {
    const re = compileSafeRegex(query.query, { caseSensitive });
    return (text) => re.test(text);
  }
  const needle = query.query;
  if (needle === '') return () => true;
  if (caseSensitive) return (text) => text.includes(needle);
  // A literal cannot backtrack catastrophically, so `i` is safe here, and faster than lowercasing lines.
  const re = new RegExp(escapeRegex(needle), 'i');
  return (text) => re.test(text);
}

/** Narrows each window to `seq <= until` (binary search), dropping windows left empty. */
function boundWindows(windows: LogWindow[], until: number | undefined): LogWindow[] {
  if (until === undefined) return windows;
  const out: LogWindow[] = [];
  for (const w of windows) {
    const end = indexAfterSeq(w.lines, w.start, w.end, until);
    if (end > w.start) out.push({ ...w, end });
  }
  return out;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.floor(n)));
}
