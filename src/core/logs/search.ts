import type { LogStore } from './log-store.js';
import { mergeBackward, mergeForward } from './merge.js';
import type { RunVisitor } from './merge.js';
import type { PatternRun, PatternWorker } from './pattern-worker.js';
import { compileSafeRegex, escapeRegex, preparePattern } from './safe-regex.js';
import type { ProcessLog } from './process-log.js';
import { LEVEL_CODES, lineAt, lineStart, searchText, searchTextAndEnds, textAt } from './segment.js';
import type { Segment } from './segment.js';
import type { LogLine, LogSearchMatch, LogSearchQuery, LogSearchResult } from './types.js';

export const SEARCH_DEFAULT_LIMIT = 100;
export const SEARCH_MAX_LIMIT = 1000;
export const SEARCH_MAX_CONTEXT = 20;
export const SEARCH_DEFAULT_BUDGET_MS = 250;
/**
 * The clock is read once per this many scanned lines (reading it per line would cost more than a
 * literal test), and before every run of lines the merge hands over.
 */
const CLOCK_EVERY = 1024;
/** Lines and characters sent to the pattern worker per job (bounds main-thread work between awaits). */
const JOB_LINES = 1024;
/** Main-thread time a literal search takes before it lets the event loop turn. */
const SLICE_MS = 8;

/**
 * Stops a scan at the first run of lines that starts after `deadline` (`performance.now()` scale), and
 * says where to resume: `resume` is the seq of the first line not scanned (unset: the scan ended).
 */
interface Slice {
  readonly deadline: number;
  resume?: number;
}
const JOB_CHARS = 256 * 1024;

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
 * The scan reads the store's columns (text, level; stream and time per segment) and builds LogLine
 * objects only for the matches and their context. A literal is searched for in a segment's joined text
 * as a whole (it cannot span the `\n` between two lines), so lines without a match are never sliced
 * out; a regex tests each line as a slice. A segment that a stream, time or level filter rules out as a
 * whole is skipped without touching its lines (they still count as scanned).
 *
 * Throws `BrumError('INVALID_PATTERN')` for a bad or unsupported regex.
 */
export function searchLogs(store: LogStore, query: LogSearchQuery, slice?: Slice): LogSearchResult {
  const matches = buildMatcher(query);
  const find = buildFinder(query);
  const limit = clamp(query.limit ?? SEARCH_DEFAULT_LIMIT, 0, SEARCH_MAX_LIMIT);
  const context = clamp(query.context ?? 0, 0, SEARCH_MAX_CONTEXT);
  const budget = query.timeBudgetMs ?? SEARCH_DEFAULT_BUDGET_MS;
  const streams = query.streams && query.streams.length > 0 ? query.streams : undefined;
  const { fromTime, toTime } = query;
  const level = query.level === undefined ? -1 : LEVEL_CODES[query.level];
  const backward = query.newestFirst === true;

  const found: LogSearchMatch[] = [];
  let hasMore = false;
  let timedOut = false;
  let scannedLines = 0;
  const deadline = performance.now() + budget;

  /**
   * Counts `n` filtered-out lines as scanned, reading the clock where a per-line scan would have (at a
   * multiple of CLOCK_EVERY); returns false, stopping at that line, when the budget is spent.
   */
  const skip = (n: number): boolean => {
    const next = (Math.floor(scannedLines / CLOCK_EVERY) + 1) * CLOCK_EVERY;
    if (scannedLines + n >= next && performance.now() > deadline) {
      scannedLines = next;
      timedOut = true;
      return false;
    }
    scannedLines += n;
    return true;
  };

  const visit: RunVisitor = (log, seg, s, lo, hi) => {
    const now = performance.now();
    if (now > deadline) {
      timedOut = true;
      return false;
    }
    if (slice !== undefined && now > slice.deadline) {
      slice.resume = seg.firstSeq + (backward ? hi - 1 : lo);
      return false;
    }
    if (
      (streams && !streams.includes(seg.stream)) ||
      (fromTime !== undefined && seg.ts < fromTime) ||
      (toTime !== undefined && seg.ts > toTime) ||
      (level > 0 && seg.levels === undefined)
    ) {
      return skip(hi - lo);
    }
    const ends = seg.textEnds ?? seg.ends;
    const levels = level === -1 ? undefined : seg.levels;
    // A case-insensitive literal is found in the decoded text, whose offsets are byte offsets only when
    // the segment is ASCII; a case-sensitive one in the bytes themselves.
    if (find !== undefined && (find.bytes !== undefined || seg.ascii)) {
      // Lines that contain the literal, in scan order; the rest only count as scanned.
      const hits =
        find.bytes !== undefined
          ? findLines((from) => (seg.text ?? seg.raw).indexOf(find.bytes!, from), ends, lo, hi)
          : findLines(find.inText(searchText(seg)), ends, lo, hi);
      let next = backward ? hi - 1 : lo; // the next line not yet counted as scanned
      for (let h = backward ? hits.length - 1 : 0; h >= 0 && h < hits.length; h += backward ? -1 : 1) {
        const i = hits[h]!;
        if (!skip(backward ? next - i + 1 : i - next + 1)) return false;
        next = backward ? i - 1 : i + 1;
        if (level !== -1 && (levels === undefined ? 0 : levels[i]) !== level) continue;
        if (found.length >= limit) {
          hasMore = true;
          return false;
        }
        found.push(matchAt(log, seg, s, i));
      }
      return skip(backward ? next - lo + 1 : hi - next);
    }
    const step = backward ? -1 : 1;
    const end = backward ? lo - 1 : hi;
    // An ASCII segment is decoded once and its lines sliced out; other lines are decoded one by one.
    const joined = seg.ascii ? searchText(seg) : undefined;
    for (let i = backward ? hi - 1 : lo; i !== end; i += step) {
      if (++scannedLines % CLOCK_EVERY === 0 && performance.now() > deadline) {
        timedOut = true;
        return false;
      }
      if (level !== -1 && (levels === undefined ? 0 : levels[i]) !== level) continue;
      const text = joined === undefined ? textAt(seg, i) : joined.slice(lineStart(ends, i), ends[i]);
      if (!matches(text)) continue;
      if (found.length >= limit) {
        hasMore = true;
        return false;
      }
      found.push(matchAt(log, seg, s, i));
    }
    return true;
  };
  const matchAt = (log: ProcessLog, seg: Segment, s: number, i: number): LogSearchMatch => ({
    line: lineAt(log.processId, seg, i),
    before: context === 0 ? NONE : log.linesBefore(s, i, context),
    after: context === 0 ? NONE : log.linesAfter(s, i, context),
  });
  const logs = store.logs(query.processId);
  const since = query.since ?? 0;
  const until = query.until ?? Infinity;
  if (backward) mergeBackward(logs, since, until, visit);
  else mergeForward(logs, since, until, visit);
  return { matches: found, hasMore, timedOut, scannedLines };
}

/**
 * `searchLogs` for the engine: a literal (or empty) query runs here, as `searchLogs` does (its cost per
 * line is bounded and small); a regex runs in `worker`, never on this thread. This thread walks the
 * store (filters, merge order) and hands the worker up to JOB_LINES lines at a time; the wall-time
 * budget starts once the worker runs, is checked by the worker before every line and here before
 * every job, and a test still running past it is stopped by terminating the worker. The result then
 * says `timedOut` and covers the lines tested so far.
 */
export async function searchLogsOffThread(
  store: LogStore,
  query: LogSearchQuery,
  worker: PatternWorker,
): Promise<LogSearchResult> {
  if (!query.regex) return searchInSlices(store, query);
  const pattern = preparePattern(query.query, { caseSensitive: query.caseSensitive ?? false });
  // Dropped once it proves unselective (most lines contain the literal): then it only costs.
  let find =
    pattern.literal === ''
      ? undefined
      : buildFinder({ query: pattern.literal, caseSensitive: pattern.caseSensitive });
  const limit = clamp(query.limit ?? SEARCH_DEFAULT_LIMIT, 0, SEARCH_MAX_LIMIT);
  const context = clamp(query.context ?? 0, 0, SEARCH_MAX_CONTEXT);
  const streams = query.streams && query.streams.length > 0 ? query.streams : undefined;
  const { fromTime, toTime } = query;
  const level = query.level === undefined ? -1 : LEVEL_CODES[query.level];
  const backward = query.newestFirst === true;
  await worker.ready();
  const deadline = Date.now() + (query.timeBudgetMs ?? SEARCH_DEFAULT_BUDGET_MS);

  const found: LogSearchMatch[] = [];
  let scannedLines = 0;
  let since = query.since ?? 0;
  let until = query.until ?? Infinity;
  const logs = store.logs(query.processId);
  let prefiltered = 0; // lines the literal prefilter looked at, and let through
  let passed = 0;
  for (;;) {
    if (Date.now() > deadline) return { matches: found, hasMore: false, timedOut: true, scannedLines };
    if (find !== undefined && prefiltered >= 4096 && passed * 2 > prefiltered) find = undefined;
    // Collect the next job: runs of candidate lines (after the filters) and where each run is. A run
    // is one substring of a segment's joined text plus its line ends, so this thread neither slices
    // lines nor clones one string per line; with a level filter each candidate line is its own run.
    const runs: PatternRun[] = [];
    const refs: RunRef[] = [];
    let lines = 0;
    let chars = 0;
    let skipped = 0;
    let last = -1; // seq of the last line visited
    // Bound this thread's work per job in time too: filters can rule out most lines cheaply.
    const sliceEnd = performance.now() + SLICE_MS;
    const take = (log: ProcessLog, seg: Segment, joined: string, ends: Uint32Array, a: number, b: number) => {
      const from = lineStart(ends, a);
      const rel = new Uint32Array(b - a);
      for (let k = 0; k < rel.length; k++) rel[k] = ends[a + k]! - from;
      const text = joined.slice(from, ends[b - 1]);
      runs.push({ text, ends: rel });
      refs.push({ log, seg, a, b, base: lines });
      lines += b - a;
      chars += text.length;
    };
    const visit: RunVisitor = (log, seg, _s, lo, hi) => {
      if (last !== -1 && performance.now() > sliceEnd) return false;
      if (
        (streams && !streams.includes(seg.stream)) ||
        (fromTime !== undefined && seg.ts < fromTime) ||
        (toTime !== undefined && seg.ts > toTime) ||
        (level > 0 && seg.levels === undefined)
      ) {
        skipped += hi - lo;
        last = seg.firstSeq + (backward ? lo : hi - 1);
        return true;
      }
      const { text: joined, ends } = searchTextAndEnds(seg);
      if (level === -1 && find === undefined) {
        const n = Math.min(hi - lo, JOB_LINES - lines);
        if (n <= 0) return false;
        const [a, b] = backward ? [hi - n, hi] : [lo, lo + n];
        take(log, seg, joined, ends, a, b);
        last = seg.firstSeq + (backward ? a : b - 1);
        return n === hi - lo && lines < JOB_LINES && chars < JOB_CHARS;
      }
      // Line by line: every line, or only those that contain the pattern's required literal. Adjacent
      // lines taken go out as one run.
      const levels = seg.levels;
      const candidates = find === undefined ? undefined : findLines(find.inString(joined), ends, lo, hi);
      if (candidates !== undefined) {
        prefiltered += hi - lo;
        passed += candidates.length;
      }
      const count = candidates === undefined ? hi - lo : candidates.length;
      let taken = 0;
      let runA = -1; // pending run of taken lines [runA, runB)
      let runB = -1;
      const flush = (): void => {
        if (runA !== -1) take(log, seg, joined, ends, runA, runB);
        runA = runB = -1;
      };
      for (let c = 0; c < count; c++) {
        const k = backward ? count - 1 - c : c;
        const i = candidates === undefined ? lo + k : candidates[k]!;
        if (lines + (runB - runA) >= JOB_LINES || chars >= JOB_CHARS) {
          flush();
          // Stop just before line i: the lines passed over so far count as scanned.
          skipped += (backward ? hi - 1 - i : i - lo) - taken;
          last = seg.firstSeq + (backward ? i + 1 : i - 1);
          return false;
        }
        if (level !== -1 && (levels === undefined ? 0 : levels[i]) !== level) continue;
        taken += 1;
        if (runA !== -1 && (backward ? i === runA - 1 : i === runB)) {
          if (backward) runA = i;
          else runB = i + 1;
        } else {
          flush();
          runA = i;
          runB = i + 1;
        }
      }
      flush();
      skipped += hi - lo - taken;
      last = seg.firstSeq + (backward ? lo : hi - 1);
      return true;
    };
    if (backward) mergeBackward(logs, since, until, visit);
    else mergeForward(logs, since, until, visit);
    scannedLines += skipped;
    if (last === -1) return { matches: found, hasMore: false, timedOut: false, scannedLines };
    if (backward) until = last - 1;
    else since = last;
    if (lines === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      continue;
    }

    const reply = await worker.run({ pattern, runs, backward, maxHits: limit - found.length + 1, deadline });
    scannedLines += reply.tested;
    let r = 0;
    for (const h of reply.hits) {
      if (found.length >= limit) return { matches: found, hasMore: true, timedOut: false, scannedLines };
      while (h >= refs[r]!.base + (refs[r]!.b - refs[r]!.a)) r++;
      const { log, seg, a, b, base } = refs[r]!;
      const i = backward ? b - 1 - (h - base) : a + (h - base);
      found.push(matchIn(log, seg, i, context));
    }
    if (reply.timedOut) return { matches: found, hasMore: false, timedOut: true, scannedLines };
    if (reply.tested < lines) {
      // Stopped at maxHits: one more match than the limit was found.
      return { matches: found, hasMore: found.length >= limit, timedOut: false, scannedLines };
    }
  }
}

/** Where the lines of one run of a job are: lines `[a, b)` of `seg`, first tested as line `base`. */
interface RunRef {
  readonly log: ProcessLog;
  readonly seg: Segment;
  readonly a: number;
  readonly b: number;
  readonly base: number;
}

/**
 * A literal (or empty) query, scanned on this thread in slices of SLICE_MS with a turn of the event
 * loop between them (a literal is cheap per line, but 48 MiB of it is not), within the query's budget.
 */
async function searchInSlices(store: LogStore, query: LogSearchQuery): Promise<LogSearchResult> {
  const deadline = performance.now() + (query.timeBudgetMs ?? SEARCH_DEFAULT_BUDGET_MS);
  const limit = clamp(query.limit ?? SEARCH_DEFAULT_LIMIT, 0, SEARCH_MAX_LIMIT);
  const backward = query.newestFirst === true;
  const found: LogSearchMatch[] = [];
  let scannedLines = 0;
  let since = query.since ?? 0;
  let until = query.until ?? Infinity;
  for (;;) {
    const slice: Slice = { deadline: performance.now() + SLICE_MS };
    const part = searchLogs(
      store,
      { ...query, since, until, limit: limit - found.length, timeBudgetMs: deadline - performance.now() },
      slice,
    );
    found.push(...part.matches);
    scannedLines += part.scannedLines;
    if (part.timedOut || part.hasMore || slice.resume === undefined) {
      return { matches: found, hasMore: part.hasMore, timedOut: part.timedOut, scannedLines };
    }
    if (backward) until = slice.resume;
    else since = slice.resume - 1;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * A match found after an await: the store may have evicted lines since, so the segment is looked up
 * again by seq for the context (none when the line itself is gone; the line is still returned).
 */
function matchIn(log: ProcessLog, seg: Segment, i: number, context: number): LogSearchMatch {
  const line = lineAt(log.processId, seg, i);
  if (context === 0) return { line, before: NONE, after: NONE };
  const s = log.segmentOf(line.seq);
  if (s === -1 || log.segs[s] !== seg) return { line, before: NONE, after: NONE };
  return { line, before: log.linesBefore(s, i, context), after: log.linesAfter(s, i, context) };
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

/** Start of the first match at or after `from` (an offset in the segment's text), or -1. */
type Find = (from: number) => number;

/** A literal's whole-text search: in a segment's bytes (case-sensitive) or in its decoded text. */
interface Finder {
  readonly bytes: Buffer | undefined;
  /** In a segment's decoded text, for the case-insensitive literal (offsets must be byte offsets). */
  readonly inText: (text: string) => Find;
  /** In any string, offsets in that string. */
  readonly inString: (text: string) => Find;
}

/**
 * A whole-text search for a literal query, or undefined when lines must be tested one by one (regex,
 * empty query, or a query with `\n`, which could match across two joined lines).
 */
function buildFinder(query: LogSearchQuery): Finder | undefined {
  const needle = query.query;
  if (query.regex || needle === '' || needle.includes('\n')) return undefined;
  // UTF-8 is self-synchronising: the needle's bytes match exactly where the needle matches the text.
  const inString =
    (text: string): Find =>
    (from) =>
      text.indexOf(needle, from);
  if (query.caseSensitive ?? false) return { bytes: Buffer.from(needle, 'utf8'), inText: inString, inString };
  const re = new RegExp(escapeRegex(needle), 'gi');
  const inText =
    (text: string): Find =>
    (from) => {
      re.lastIndex = from;
      return re.exec(text)?.index ?? -1;
    };
  return { bytes: undefined, inText, inString: inText };
}

/** Indexes in `[lo, hi)` of the lines (line ends `ends`) in which `find` matches. */
function findLines(find: Find, ends: Uint32Array, lo: number, hi: number): number[] {
  const hits: number[] = [];
  const stop = ends[hi - 1]!;
  let i = lo;
  let at = find(lineStart(ends, lo));
  while (at !== -1 && at < stop) {
    while (ends[i]! < at) i++;
    hits.push(i);
    // One hit per line: go on from the start of the next line.
    if (++i >= hi) break;
    at = find(ends[i - 1]! + 1);
  }
  return hits;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.floor(n)));
}
