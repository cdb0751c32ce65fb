import { stripAnsi } from './strip-ansi.js';
import { classifyLevel } from './level.js';
import { mergeBackward, mergeForward } from './merge.js';
import { LINE_OVERHEAD_BYTES, ProcessLog, SEGMENT_OVERHEAD_BYTES } from './process-log.js';
import { isAscii } from 'node:buffer';
import { byteEndsOf, endsOf, LEVEL_CODES, lineAt, lineCount, makeLine, rawLengthAt } from './segment.js';
import type { Slab } from './slab.js';
import type { Segment } from './segment.js';
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
  /**
   * The batch's lines already joined by `\n` (e.g. the decoded region of a pipe chunk): stripped in one
   * pass when the batch has ANSI, and encoded instead of joining the lines when `bytes` is not given.
   */
  readonly joined?: string;
  /**
   * The UTF-8 bytes `buf[start, end)` of the batch's lines from line `firstLine` (0 or 1: after a first
   * line carried over from an earlier chunk) on, joined by `\n` — the pipe chunk itself. The store copies
   * them into its slab with one memcpy instead of encoding the lines again.
   */
  readonly bytes?: {
    readonly buf: Buffer;
    readonly start: number;
    readonly end: number;
    readonly firstLine: number;
    /** The same bytes decoded (a flat string), when the caller has them: stripped without a copy. */
    readonly text?: string;
  };
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
 * gaps (`evictedUpTo`). Lines are stored as columns, one `Segment` per appended batch (its text one
 * joined string plus line end offsets); every LogLine the store returns is built for that call and
 * never changed afterwards (`setLevel` changes only the stored column), so a reader holding a line keeps
 * a consistent object. Bytes are accounted as `raw.length + LINE_OVERHEAD_BYTES` per line, plus
 * `text.length` when its batch had ANSI (then the batch keeps a stripped copy of every line), plus
 * `SEGMENT_OVERHEAD_BYTES` per appended batch (a measured proxy for heap). Eviction frees bytes line by
 * line, but a batch's memory only when its last line goes, so the heap may exceed the accounted bytes
 * by up to one partly evicted batch per process.
 */
export class LogStore {
  readonly limits: LogLimits;
  readonly #logs = new Map<string, ProcessLog>();
  #seq = 0;
  #bytes = 0;
  #lastText: string | undefined;
  #lastAscii = false;

  constructor(limits: Partial<LogLimits> = {}) {
    this.limits = Object.freeze({ ...DEFAULT_LOG_LIMITS, ...limits });
  }

  /** Highest sequence number assigned so far (0 before the first line). */
  get latestSeq(): number {
    return this.#seq;
  }

  /**
   * Stores one batch of lines (one call per chunk) as one segment and returns the lines, in order, so
   * the caller can feed detection; the store keeps none of the returned objects. ANSI is stripped into
   * `text`; the level comes from `classifyLevel`. Limits are enforced after the batch, so a returned
   * line may already be evicted when the batch alone exceeds a limit.
   */
  append(
    processId: string,
    stream: LogStream,
    raws: readonly string[],
    truncatedFlags?: readonly boolean[],
    ts: number = Date.now(),
    hints: AppendHints = {},
  ): LogLine[] {
    const n = raws.length;
    this.#lastText = undefined;
    this.#lastAscii = false;
    if (n === 0) return [];
    const log = this.#logFor(processId);
    const out: LogLine[] = new Array<LogLine>(n);
    const plain = hints.plain === true;
    const classify = hints.classify ?? classifyLevel;
    const firstSeq = this.#seq + 1;
    let texts: string[] | undefined;
    /** The stripped text joined, as one or two flat pieces (see below), when stripped in one pass. */
    let textPieces: readonly string[] | undefined;
    let levels: Uint8Array | undefined;
    let truncated: Uint8Array | undefined;
    // A coloured batch given as one joined string is stripped in one pass, not line by line. When its
    // first line was carried over from an earlier chunk, `joined` is that line + the chunk's text: a
    // rope, which the stripper reads ~45% slower per character than a flat string (and which a search
    // copies flat first). The carried line and the chunk's own text (`bytes.text`) are stripped apart.
    let perLine = !plain;
    if (perLine && hints.joined !== undefined) {
      const tail = hints.bytes?.firstLine === 1 ? hints.bytes.text : undefined;
      const whole = tail ?? hints.joined;
      const stripped = stripAnsi(whole);
      const head = tail === undefined ? undefined : stripAnsi(raws[0]!);
      if (stripped === whole && (head === undefined || head === raws[0])) perLine = false;
      else {
        const split = stripped.split('\n');
        if (head !== undefined) split.unshift(head);
        if (split.length === n) {
          texts = split;
          textPieces = head === undefined ? [stripped] : [head, '\n', stripped];
          perLine = false;
        }
      }
    }
    for (let i = 0; i < n; i++) {
      const raw = raws[i]!;
      let text = raw;
      if (texts !== undefined && !perLine) text = texts[i]!;
      else if (perLine) {
        text = stripAnsi(raw);
        if (texts !== undefined) texts.push(text);
        else if (text !== raw) (texts = raws.slice(0, i)).push(text);
      }
      const level = classify(text, i);
      if (level !== 'info') (levels ??= new Uint8Array(n))[i] = LEVEL_CODES[level];
      const cut = truncatedFlags?.[i] === true;
      if (cut) (truncated ??= new Uint8Array(n))[i] = 1;
      out[i] = makeLine(firstSeq + i, processId, stream, ts, raw, text, cut, level);
    }
    this.#seq += n;
    const { slab: rawSlab, bytes: raw } = writeRaw(log, raws, hints);
    // Stripping only removes characters, so an ASCII raw text has an ASCII stripped text.
    const ascii = isAscii(raw);
    this.#lastAscii = ascii;
    const ends = ascii ? endsOf(raws) : byteEndsOf(raws);
    let text: Buffer | undefined;
    let textEnds: Uint32Array | undefined;
    let textSlab: Slab | undefined;
    if (texts !== undefined) {
      // Written piece by piece: encoding a concatenation would first copy it flat.
      const pieces = textPieces ?? [texts.join('\n')];
      // A concatenation, not a copy: readers compare it, and only a reader that needs its characters pays.
      this.#lastText = pieces.length === 1 ? pieces[0] : pieces[0]! + pieces[1]! + pieces[2]!;
      const encoding = ascii ? 'latin1' : 'utf8';
      let len = 0;
      for (const piece of pieces) len += ascii ? piece.length : Buffer.byteLength(piece, 'utf8');
      textSlab = log.slabs.reserve(len, log.bytes);
      const start = textSlab.used;
      for (const piece of pieces) textSlab.used += textSlab.buf.write(piece, textSlab.used, encoding);
      text = textSlab.buf.subarray(start, textSlab.used);
      textEnds = ascii ? endsOf(texts) : byteEndsOf(texts);
    }
    const seg: Segment = {
      firstSeq,
      stream,
      ts,
      raw,
      ends,
      text,
      textEnds,
      ascii,
      rawSlab,
      textSlab,
      levels,
      truncated,
      start: 0,
    };
    // Exactly the sum of `lineCost` over the segment's lines (eviction subtracts those).
    let bytes = n * LINE_OVERHEAD_BYTES + SEGMENT_OVERHEAD_BYTES + ends[n - 1]! - (n - 1);
    if (textEnds !== undefined) bytes += textEnds[n - 1]! - (n - 1);
    log.push(seg, bytes);
    this.#bytes += bytes;
    this.#enforce(log);
    return out;
  }

  /** Stores one line written by brum itself (stream `system`), e.g. a restart marker. */
  appendSystem(processId: string, text: string, ts?: number): LogLine {
    return this.append(processId, 'system', [text], undefined, ts)[0]!;
  }

  /**
   * The stripped text of the batch the last `append` stored, its lines joined by `\n`, when some line
   * had ANSI (undefined when the stripped text is the raw text). A printer formats the batch from it.
   */
  get lastStrippedText(): string | undefined {
    return this.#lastText;
  }

  /** Whether every byte of the batch the last `append` stored is ASCII (its raw and stripped text). */
  get lastAscii(): boolean {
    return this.#lastAscii;
  }

  /**
   * Sets the level of the line with this seq (used by error detection); lines already returned keep
   * theirs. Returns false when the line is unknown or already evicted. `processId` narrows the lookup.
   */
  setLevel(seq: number, level: LogLevel, processId?: string): boolean {
    const logs = processId === undefined ? this.#logs.values() : [this.#logs.get(processId)];
    for (const log of logs) {
      if (!log || log.size === 0 || seq < log.oldestSeq || seq > log.newestSeq) continue;
      const s = log.segmentOf(seq);
      if (s === -1) continue; // ranges of interleaved processes overlap
      const seg = log.segs[s]!;
      const code = LEVEL_CODES[level];
      if (seg.levels !== undefined) seg.levels[seq - seg.firstSeq] = code;
      else if (code !== 0) (seg.levels = new Uint8Array(lineCount(seg)))[seq - seg.firstSeq] = code;
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
    mergeForward(logs, since, Infinity, (log, seg, _s, lo, hi) => {
      if (streams && !streams.includes(seg.stream)) return true;
      for (let i = lo; i < hi; i++) {
        const size = rawLengthAt(seg, i);
        // At least one line per page, however long, so a cursor can never stall.
        if (lines.length >= limit || (lines.length > 0 && bytes + size > maxBytes)) {
          truncated = true;
          return false;
        }
        lines.push(lineAt(log.processId, seg, i));
        bytes += size;
      }
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
    mergeBackward(this.#scope(processId), 0, Infinity, (log, seg, _s, lo, hi) => {
      for (let i = hi - 1; i >= lo; i--) {
        out.push(lineAt(log.processId, seg, i));
        if (out.length >= count) return false;
      }
      return true;
    });
    return out.reverse();
  }

  /**
   * The per-process logs in scope (all processes, or one), for search to scan their columns directly.
   * Read-only: valid until the store next changes (reads and searches are synchronous).
   */
  logs(processId?: string): readonly ProcessLog[] {
    return this.#scope(processId);
  }

  /** Drops every kept line of a process; cursor readers see the cleared range as a gap. */
  clear(processId: string): void {
    const log = this.#logs.get(processId);
    if (!log) return;
    this.#bytes -= log.evictAll();
  }

  /** Forgets a process entirely (its run was pruned from the history); its bytes are freed. */
  remove(processId: string): void {
    this.clear(processId);
    this.#logs.delete(processId);
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

/**
 * Copies the batch's raw text, as UTF-8 lines joined by `\n`, into the log's slab. With `hints.bytes`
 * (the pipe chunk's bytes of the lines after a carried first line) that is one memcpy plus the first
 * line; otherwise the joined string is encoded.
 */
function writeRaw(
  log: ProcessLog,
  raws: readonly string[],
  hints: AppendHints,
): { slab: Slab; bytes: Buffer } {
  const src = hints.bytes;
  if (src !== undefined && src.firstLine <= 1 && raws.length > src.firstLine) {
    const head = src.firstLine === 1 ? raws[0]! : undefined;
    const headLen = head === undefined ? 0 : Buffer.byteLength(head, 'utf8') + 1;
    const len = headLen + src.end - src.start;
    const slab = log.slabs.reserve(len, log.bytes);
    const at = slab.used;
    if (head !== undefined) {
      slab.buf.write(head, at, headLen - 1, 'utf8');
      slab.buf[at + headLen - 1] = 0x0a;
    }
    src.buf.copy(slab.buf, at + headLen, src.start, src.end);
    slab.used += len;
    return { slab, bytes: slab.buf.subarray(at, at + len) };
  }
  const joined = hints.joined ?? (raws.length === 1 ? raws[0]! : raws.join('\n'));
  const len = Buffer.byteLength(joined, 'utf8');
  const slab = log.slabs.reserve(len, log.bytes);
  const at = slab.used;
  slab.buf.write(joined, at, len, 'utf8');
  slab.used += len;
  return { slab, bytes: slab.buf.subarray(at, at + len) };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.floor(n)));
}
