import { stripAnsi } from './ansi.js';
import { classifyLevel } from './level.js';
import { mergeBackward, mergeForward } from './merge.js';
import type { LogWindow } from './merge.js';
import { ProcessLog } from './process-log.js';
import { DEFAULT_LOG_LIMITS } from './types.js';
import type { LogLevel, LogLimits, LogLine, LogPage, LogReadQuery, LogStream } from './types.js';

export const READ_DEFAULT_LIMIT = 200;
export const READ_MAX_LIMIT = 5000;
export const READ_DEFAULT_MAX_BYTES = 256 * 1024;

/** What the caller already knows about a batch, to skip per-line work on the hot path. */
export interface AppendHints {
  /** No line contains an escape sequence (e.g. the source bytes have no ESC): `text` is `raw`. */
  readonly plain?: boolean;
  /**
   * The level of line `index` of the batch (default `classifyLevel`). The engine passes its own, which
   * runs the detection prefilter once per line and classifies only the few lines it lets through.
   */
  readonly classify?: (text: string, index: number) => LogLevel;
}

/** Per-process numbers from `LogStore.stats()`. */
export interface ProcessLogStats {
  readonly processId: string;
  readonly lines: number;
  readonly bytes: number;
  readonly oldestSeq: number;
  readonly newestSeq: number;
  readonly evictedLines: number;
  readonly evictedBytes: number;
  /** Highest seq evicted or cleared (0 when none). */
  readonly evictedUpTo: number;
}

export interface LogStoreStats {
  readonly lines: number;
  readonly bytes: number;
  readonly latestSeq: number;
  readonly limits: LogLimits;
  readonly processes: readonly ProcessLogStats[];
}

/**
 * All kept output lines, bounded in bytes per process and in total, oldest first out.
 *
 * Every line gets a global, strictly increasing `seq`, so readers page with cursors and learn about
 * gaps (`evictedUpTo`). Stored LogLine objects are never mutated: `setLevel` replaces one with a copy,
 * so a reader holding a line keeps a consistent object. Bytes are accounted as
 * `raw.length + (text !== raw ? text.length : 0) + LINE_OVERHEAD_BYTES` per line (a measured proxy for heap).
 */
export class LogStore {
  readonly limits: LogLimits;
  readonly #logs = new Map<string, ProcessLog>();
  #seq = 0;
  #bytes = 0;

  constructor(limits: Partial<LogLimits> = {}) {
    this.limits = Object.freeze({ ...DEFAULT_LOG_LIMITS, ...limits });
  }

  /** Highest sequence number assigned so far (0 before the first line). */
  get latestSeq(): number {
    return this.#seq;
  }

  /**
   * Stores one batch of lines (one call per chunk) and returns the stored objects, in order, so the
   * caller can feed detection. ANSI is stripped into `text`; the level comes from `classifyLevel`.
   * Limits are enforced after the batch, so a returned line may already be evicted when the batch
   * alone exceeds a limit.
   */
  append(
    processId: string,
    stream: LogStream,
    raws: readonly string[],
    truncatedFlags?: readonly boolean[],
    ts: number = Date.now(),
    hints: AppendHints = {},
  ): LogLine[] {
    const log = this.#logFor(processId);
    const before = log.bytes;
    const out: LogLine[] = new Array<LogLine>(raws.length);
    const plain = hints.plain === true;
    const classify = hints.classify ?? classifyLevel;
    for (let i = 0; i < raws.length; i++) {
      const raw = raws[i]!;
      const text = plain ? raw : stripAnsi(raw);
      const line = makeLine(
        ++this.#seq,
        processId,
        stream,
        ts,
        raw,
        text,
        truncatedFlags?.[i] === true,
        classify(text, i),
      );
      log.push(line);
      out[i] = line;
    }
    this.#bytes += log.bytes - before;
    this.#enforce(log);
    return out;
  }

  /** Stores one line written by brum itself (stream `system`), e.g. a restart marker. */
  appendSystem(processId: string, text: string, ts?: number): LogLine {
    return this.append(processId, 'system', [text], undefined, ts)[0]!;
  }

  /**
   * Sets the level of the line with this seq (used by error detection), replacing the stored object
   * with a copy. Returns false when the line is unknown or already evicted. `processId` narrows the lookup.
   */
  setLevel(seq: number, level: LogLevel, processId?: string): boolean {
    const logs = processId === undefined ? this.#logs.values() : [this.#logs.get(processId)];
    for (const log of logs) {
      if (!log || log.size === 0 || seq < log.oldestSeq || seq > log.newestSeq) continue;
      const i = log.indexOf(seq);
      if (i === -1) continue; // ranges of interleaved processes overlap
      const l = log.lines[i]!;
      if (l.level !== level) {
        log.lines[i] = makeLine(l.seq, l.processId, l.stream, l.ts, l.raw, l.text, l.truncated, level);
      }
      return true;
    }
    return false;
  }

  /** A cursor read: lines with `seq > since` in the query's scope, oldest first, bounded. */
  read(query: LogReadQuery = {}): LogPage {
    const since = Math.max(0, query.since ?? 0);
    const limit = clamp(query.limit ?? READ_DEFAULT_LIMIT, 0, READ_MAX_LIMIT);
    const maxBytes = Math.max(0, query.maxBytes ?? READ_DEFAULT_MAX_BYTES);
    const streams = query.streams && query.streams.length > 0 ? query.streams : undefined;
    const logs = this.#scope(query.processId);
    const lines: LogLine[] = [];
    let bytes = 0;
    let truncated = false;
    mergeForward(this.#windowsOf(logs, since), (line) => {
      if (streams && !streams.includes(line.stream)) return true;
      // At least one line per page, however long, so a cursor can never stall.
      if (lines.length >= limit || (lines.length > 0 && bytes + line.raw.length > maxBytes)) {
        truncated = true;
        return false;
      }
      lines.push(line);
      bytes += line.raw.length;
      return true;
    });
    let oldestSeq = 0;
    let gap = false;
    for (const log of logs) {
      if (log.evictedUpTo > since) gap = true;
      const oldest = log.oldestSeq;
      if (oldest !== 0 && (oldestSeq === 0 || oldest < oldestSeq)) oldestSeq = oldest;
    }
    return {
      lines,
      nextCursor: lines.length > 0 ? lines[lines.length - 1]!.seq : since,
      gap,
      truncated,
      oldestSeq,
      latestSeq: this.#seq,
    };
  }

  /** The last `count` lines of one process (or of all, merged by seq), oldest first. */
  tail(processId: string | undefined, count: number): LogLine[] {
    const out: LogLine[] = [];
    if (count <= 0) return out;
    mergeBackward(this.#windowsOf(this.#scope(processId), 0), (line) => {
      out.push(line);
      return out.length < count;
    });
    return out.reverse();
  }

  /**
   * Read-only windows on the kept lines with `seq > since` (all processes, or one), for search.
   * Valid until the store next changes.
   */
  windows(processId?: string, since = 0): LogWindow[] {
    return this.#windowsOf(this.#scope(processId), since);
  }

  /** Drops every kept line of a process; cursor readers see the cleared range as a gap. */
  clear(processId: string): void {
    const log = this.#logs.get(processId);
    if (!log) return;
    while (log.size > 0) this.#bytes -= log.evictOldest();
  }

  stats(): LogStoreStats {
    let lines = 0;
    const processes: ProcessLogStats[] = [];
    for (const log of this.#logs.values()) {
      lines += log.size;
      processes.push({
        processId: log.processId,
        lines: log.size,
        bytes: log.bytes,
        oldestSeq: log.oldestSeq,
        newestSeq: log.newestSeq,
        evictedLines: log.evictedLines,
        evictedBytes: log.evictedBytes,
        evictedUpTo: log.evictedUpTo,
      });
    }
    return { lines, bytes: this.#bytes, latestSeq: this.#seq, limits: this.limits, processes };
  }

  #logFor(processId: string): ProcessLog {
    let log = this.#logs.get(processId);
    if (!log) {
      log = new ProcessLog(processId);
      this.#logs.set(processId, log);
    }
    return log;
  }

  #scope(processId: string | undefined): ProcessLog[] {
    if (processId === undefined) return [...this.#logs.values()];
    const log = this.#logs.get(processId);
    return log ? [log] : [];
  }

  #windowsOf(logs: readonly ProcessLog[], since: number): LogWindow[] {
    const out: LogWindow[] = [];
    for (const log of logs) {
      const start = since > 0 ? log.indexAfter(since) : log.head;
      if (start < log.lines.length) {
        out.push({
          processId: log.processId,
          lines: log.lines,
          start,
          end: log.lines.length,
          keptStart: log.head,
        });
      }
    }
    return out;
  }

  /** Evicts oldest-first until both the per-process and the total limits hold. */
  #enforce(log: ProcessLog): void {
    while (log.bytes > this.limits.perProcessBytes && log.size > 0) this.#bytes -= log.evictOldest();
    while (this.#bytes > this.limits.totalBytes) {
      // The globally oldest line heads the log with the smallest oldest seq; evict a run from that
      // log until another log's head is older, so the O(k) pick happens per run, not per line.
      let oldest: ProcessLog | undefined;
      let second = Infinity;
      for (const l of this.#logs.values()) {
        if (l.size === 0) continue;
        if (!oldest || l.oldestSeq < oldest.oldestSeq) {
          if (oldest) second = Math.min(second, oldest.oldestSeq);
          oldest = l;
        } else second = Math.min(second, l.oldestSeq);
      }
      if (!oldest) return;
      do this.#bytes -= oldest.evictOldest();
      while (this.#bytes > this.limits.totalBytes && oldest.size > 0 && oldest.oldestSeq < second);
    }
  }
}

/** One construction site keeps every LogLine on the same hidden class (fast property access). */
function makeLine(
  seq: number,
  processId: string,
  stream: LogStream,
  ts: number,
  raw: string,
  text: string,
  truncated: boolean,
  level: LogLevel,
): LogLine {
  return { seq, processId, stream, ts, raw, text, truncated, level };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.floor(n)));
}
