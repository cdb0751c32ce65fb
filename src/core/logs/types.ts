/** Which output a line came from. `system` lines are written by brum itself (restart markers, notices). */
export type LogStream = 'stdout' | 'stderr' | 'system';

/** One stored line. `raw` keeps ANSI colours for display; `text` is stripped, for search and detection. */
export interface LogLine {
  /** Global sequence number, unique across all processes, strictly increasing in arrival order. */
  readonly seq: number;
  readonly processId: string;
  readonly stream: LogStream;
  /** Epoch milliseconds when the line was received. */
  readonly ts: number;
  readonly raw: string;
  readonly text: string;
  /** The line was longer than the hard maximum and was cut (the text ends with a marker). */
  readonly truncated: boolean;
  /**
   * Severity of the line: first from a cheap text classifier, later raised by error detection
   * (`LogStore.setLevel`, which replaces the stored object — a LogLine itself never changes).
   */
  readonly level: LogLevel;
}

export interface LogLimits {
  /** Bytes kept per process (oldest lines evicted first). */
  readonly perProcessBytes: number;
  /** Bytes kept for all processes together (globally oldest lines evicted first). */
  readonly totalBytes: number;
  /** Hard maximum of one line in bytes; longer lines are truncated with a marker. */
  readonly maxLineBytes: number;
}

export const DEFAULT_LOG_LIMITS: LogLimits = Object.freeze({
  perProcessBytes: 8 * 1024 * 1024,
  totalBytes: 48 * 1024 * 1024,
  maxLineBytes: 64 * 1024,
});

/** Level of a line, derived from detection (errors/warnings it belongs to) or from its own text. */
export type LogLevel = 'error' | 'warning' | 'info';

/** A cursor read: lines with `seq > since`, oldest first. */
export interface LogReadQuery {
  readonly processId?: string;
  /** Return lines with seq strictly greater than this. Default: 0 (from the oldest kept line). */
  readonly since?: number;
  /** At most this many lines (default 200, hard cap 5000). */
  readonly limit?: number;
  /** At most this many bytes of `raw` text (default 256 KiB). */
  readonly maxBytes?: number;
  readonly streams?: readonly LogStream[];
}

export interface LogPage {
  readonly lines: readonly LogLine[];
  /** Pass as `since` to continue. Equals `since` when nothing was returned. */
  readonly nextCursor: number;
  /** True when lines after `since` (for this query) were already evicted before this read. */
  readonly gap: boolean;
  /** True when more lines matched than `limit` / `maxBytes` allowed. */
  readonly truncated: boolean;
  /** Sequence number of the oldest line still kept for this query's scope (0 when none). */
  readonly oldestSeq: number;
  /** Highest sequence number assigned so far (any process). */
  readonly latestSeq: number;
}

export interface LogSearchQuery {
  readonly query: string;
  /** Treat `query` as a regular expression (JavaScript syntax, run with a linear-time guarantee). */
  readonly regex?: boolean;
  readonly caseSensitive?: boolean;
  readonly processId?: string;
  readonly streams?: readonly LogStream[];
  readonly level?: LogLevel;
  /** Sequence range: seq > since and seq <= until. */
  readonly since?: number;
  readonly until?: number;
  /** Time range, epoch ms, inclusive. */
  readonly fromTime?: number;
  readonly toTime?: number;
  /** Maximum matches returned (default 100, cap 1000). */
  readonly limit?: number;
  /** Lines of context before and after each match (default 0, cap 20). */
  readonly context?: number;
  /** Most recent matches first (default false: oldest first). */
  readonly newestFirst?: boolean;
  /** Time budget for the scan in ms (default 250). */
  readonly timeBudgetMs?: number;
}

export interface LogSearchMatch {
  readonly line: LogLine;
  readonly before: readonly LogLine[];
  readonly after: readonly LogLine[];
}

export interface LogSearchResult {
  readonly matches: readonly LogSearchMatch[];
  /** More lines matched than were returned. */
  readonly hasMore: boolean;
  /** The scan hit its time budget; results cover only part of the store. */
  readonly timedOut: boolean;
  readonly scannedLines: number;
}
