/**
 * Splits a child's byte stream into lines, on raw bytes, so a multi-byte UTF-8 character split across
 * chunks is never corrupted (bytes are decoded only once a line is complete).
 *
 * Rules, applied identically however the stream is chunked:
 * - `\n` ends a line; any `\r` bytes right before it (`\r\n`, `\r\r\n`) belong to the line ending.
 * - Any other `\r` is a progress update: the text after it replaces the line (only the last segment
 *   is kept). A `\r` at the end of a chunk stays undecided until the next byte arrives.
 * - A line longer than `maxLineBytes` keeps its first bytes (cut back to a UTF-8 boundary), gets a
 *   ` … [truncated N bytes]` marker, and the rest is counted but never buffered, so memory stays
 *   bounded even for a 1 GB line without `\n`.
 * - `end()` delivers the final unterminated line, if it has any content.
 */

/** Receives one complete line; `truncated` is true when the line was cut at `maxLineBytes`. */
export type OnLine = (line: string, truncated: boolean) => void;

/** What `pushBatch` reports about a batch besides its lines. */
export interface BatchExtras {
  /** Truncation flags of the lines, one per line; created on the first cut line. */
  truncated?: boolean[];
  /**
   * The lines this call added, joined by `\n`, when they were decoded in one piece (the chunk's region,
   * after the carried first line if any): the log store keeps it instead of joining them again.
   */
  joined?: string;
  /** With `joined`: the bytes of the chunk it decoded after the carried line, `[regionStart, regionEnd)`. */
  regionStart?: number;
  regionEnd?: number;
  /** With `joined`: 1 when its first line was carried over from earlier chunks, else 0. */
  carried?: number;
  /** With `regionStart`: the region decoded, one flat string (`joined` without the carried line). */
  regionText?: string;
}

export interface LineSplitterOptions {
  /** Hard maximum of one line in bytes (default 64 KiB); longer lines are truncated with a marker. */
  readonly maxLineBytes?: number;
}

const DEFAULT_MAX_LINE_BYTES = 64 * 1024;
const LF = 10;
const CR = 13;

/** Builds the text appended to a cut line. */
export function truncationMarker(droppedBytes: number): string {
  return ` … [truncated ${droppedBytes} bytes]`;
}

export class LineSplitter {
  readonly maxLineBytes: number;
  /** Kept bytes of the current (unfinished) line segment, copied out of their chunks. */
  #parts: Buffer[] = [];
  #keptBytes = 0;
  /** Bytes of the current segment beyond `maxLineBytes`, counted, not kept. */
  #dropped = 0;
  /** `\r` bytes at the end of the input so far: a line ending if `\n` follows, else a progress reset. */
  #crRun = 0;

  constructor({ maxLineBytes = DEFAULT_MAX_LINE_BYTES }: LineSplitterOptions = {}) {
    if (!Number.isInteger(maxLineBytes) || maxLineBytes < 4) {
      throw new RangeError(`maxLineBytes must be an integer >= 4, got ${maxLineBytes}`);
    }
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * Feeds one chunk and calls `onLine` for every line it completes, synchronously, in order.
   * The chunk may be reused by the caller afterwards (nothing keeps a reference to it).
   */
  push(chunk: Buffer, onLine: OnLine): void {
    const max = this.maxLineBytes;
    const len = chunk.length;
    let pos = 0;
    // First `\r` of the chunk: lines before it need no `\r` check at all (most chunks have none).
    const firstCr = chunk.indexOf(CR);
    let clean = this.#isClean();
    while (pos < len) {
      const nl = chunk.indexOf(LF, pos);
      if (nl === -1) {
        this.#feed(chunk, pos, len, false, onLine);
        return;
      }
      // Fast path: nothing pending, short enough, no `\r` inside the line (a final `\r\n` is fine).
      if (clean) {
        const e = nl > pos && chunk[nl - 1] === CR ? nl - 1 : nl;
        if (e - pos <= max) {
          if (firstCr === -1 || firstCr >= e) {
            onLine(chunk.toString('utf8', pos, e), false);
            pos = nl + 1;
            continue;
          }
          // Past the first `\r`: a string scan is cheaper than another Buffer.indexOf per line.
          const line = chunk.toString('utf8', pos, e);
          if (line.indexOf('\r') === -1) {
            onLine(line, false);
            pos = nl + 1;
            continue;
          }
        }
      }
      this.#feed(chunk, pos, nl, true, onLine);
      clean = true;
      pos = nl + 1;
    }
  }

  /**
   * Batch form of `push`, for the hot path: appends the chunk's complete lines to `lines` (and their
   * truncation flags to `cuts.truncated`, created on the first cut line) and returns how many it added.
   *
   * When nothing is pending and the chunk's complete lines contain no `\r` and fit the line limit
   * (always true for a pipe chunk of up to `maxLineBytes`), they are decoded with one `toString` and one
   * `split` instead of one decode per line — three times cheaper — and `cuts.joined` is set to the
   * decoded string (prefixed with the carried first line, if one was finished through `push`).
   * Otherwise it falls back to `push` and leaves `cuts.joined` unset.
   */
  pushBatch(chunk: Buffer, lines: string[], cuts: BatchExtras): number {
    const before = lines.length;
    const collect: OnLine = (line, cut) => {
      if (cut || cuts.truncated) {
        cuts.truncated ??= new Array<boolean>(lines.length).fill(false);
        cuts.truncated.push(cut);
      }
      lines.push(line);
    };
    let pos = 0;
    if (!this.#isClean()) {
      // Finish the pending line through the careful path first.
      const nl = chunk.indexOf(LF);
      if (nl === -1) {
        this.push(chunk, collect);
        return lines.length - before;
      }
      this.push(chunk.subarray(0, nl + 1), collect);
      pos = nl + 1;
    }
    const last = chunk.lastIndexOf(LF);
    if (last < pos || last - pos > this.maxLineBytes || chunk.indexOf(CR, pos) !== -1 || cuts.truncated) {
      this.push(pos === 0 ? chunk : chunk.subarray(pos), collect);
      return lines.length - before;
    }
    const region = chunk.toString('utf8', pos, last);
    const carried = lines.length - before;
    const decoded = region.split('\n');
    for (let i = 0; i < decoded.length; i++) lines.push(decoded[i]!);
    // A concatenation, not a copy: V8 flattens it once, on the first read that slices a line out of it.
    if (carried === 0) cuts.joined = region;
    else if (carried === 1) cuts.joined = lines[before]! + '\n' + region;
    if (carried <= 1) {
      cuts.regionStart = pos;
      cuts.regionEnd = last;
      cuts.carried = carried;
      cuts.regionText = region;
    }
    if (last + 1 < chunk.length) this.push(chunk.subarray(last + 1), collect);
    return lines.length - before;
  }

  /** Delivers the final unterminated line (if it has content) and resets the splitter for reuse. */
  end(onLine: OnLine): void {
    if (this.#keptBytes > 0 || this.#dropped > 0) this.#emit(undefined, 0, 0, onLine);
    this.#reset();
  }

  /** True while part of a line is buffered, waiting for more bytes. */
  get pending(): boolean {
    return !this.#isClean();
  }

  #isClean(): boolean {
    return this.#keptBytes === 0 && this.#dropped === 0 && this.#crRun === 0;
  }

  #reset(): void {
    if (this.#parts.length > 0) this.#parts = [];
    this.#keptBytes = 0;
    this.#dropped = 0;
    this.#crRun = 0;
  }

  /** Handles bytes `[start, end)` of the current line; `terminated` when a `\n` follows them. */
  #feed(buf: Buffer, start: number, end: number, terminated: boolean, onLine: OnLine): void {
    let t = end;
    while (t > start && buf[t - 1] === CR) t--;
    if (t === start) {
      // Only `\r`s (or nothing): undecided until content or `\n` follows.
      if (terminated) {
        this.#emit(undefined, 0, 0, onLine);
        this.#reset();
      } else {
        this.#crRun += end - start;
      }
      return;
    }
    // Content follows: pending `\r`s, and the last `\r` inside this span, were progress resets.
    // Search only this span: a backwards search over the whole chunk would make long lines quadratic.
    const lastCr = buf.subarray(start, t).lastIndexOf(CR);
    const s = lastCr === -1 ? start : start + lastCr + 1;
    if (this.#crRun > 0 || lastCr !== -1) this.#reset();
    const room = this.maxLineBytes - this.#keptBytes;
    const take = Math.min(room, t - s);
    this.#dropped += t - s - take;
    if (terminated) {
      this.#emit(buf, s, s + take, onLine);
      this.#reset();
      return;
    }
    if (take > 0) {
      this.#parts.push(Buffer.from(buf.subarray(s, s + take)));
      this.#keptBytes += take;
    }
    this.#crRun = end - t;
  }

  /** Emits the current line plus `buf[start, end)` (when given). */
  #emit(buf: Buffer | undefined, start: number, end: number, onLine: OnLine): void {
    let bytes: Buffer;
    if (this.#parts.length === 0) {
      bytes = buf === undefined ? Buffer.alloc(0) : buf.subarray(start, end);
    } else {
      const list =
        buf === undefined || end === start ? this.#parts : [...this.#parts, buf.subarray(start, end)];
      bytes = list.length === 1 ? list[0]! : Buffer.concat(list);
    }
    if (this.#dropped === 0) {
      onLine(bytes.toString('utf8'), false);
      return;
    }
    const keep = utf8Boundary(bytes);
    const dropped = this.#dropped + bytes.length - keep;
    onLine(bytes.toString('utf8', 0, keep) + truncationMarker(dropped), true);
  }
}

/** Length of the longest prefix of `bytes` that does not end inside a multi-byte UTF-8 character. */
export function utf8Boundary(bytes: Uint8Array): number {
  const len = bytes.length;
  const stop = Math.max(0, len - 4);
  for (let i = len - 1; i >= stop; i--) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return i + need > len ? i : len;
  }
  return len;
}
