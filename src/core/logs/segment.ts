import type { Slab } from './slab.js';
import type { LogLevel, LogLine, LogStream } from './types.js';

/**
 * The stored form of one appended batch (one process, one stream, one `ts`, consecutive seqs), kept as
 * columns instead of one object per line. The text is the batch's lines joined by `\n` as UTF-8 bytes in
 * a slab (`slab.ts`: off the JS heap, reused once evicted) plus a `Uint32Array` of line end offsets in
 * those bytes, not one string per line: a flood of a million lines a second leaves a few small heap
 * objects per 64 KiB chunk, and the text itself is never copied or traced by the GC.
 * Line `i` has seq `firstSeq + i` and raw bytes `raw[lineStart(ends, i), ends[i])`; lines `[0, start)`
 * are evicted (their bytes stay in the slab until the whole segment goes). A line's string is decoded
 * when it is read (`latin1` — a plain copy — when the batch is ASCII, as most are).
 */
export interface Segment {
  readonly firstSeq: number;
  readonly stream: LogStream;
  readonly ts: number;
  /** The batch's raw lines joined by `\n`, UTF-8 (a view into `rawSlab`). */
  readonly raw: Buffer;
  /** End offset of line `i` in `raw`; its length is the segment's line count. Never written. */
  readonly ends: Uint32Array;
  /** Stripped texts joined by `\n`; undefined when every text is its raw line. */
  readonly text: Buffer | undefined;
  /** End offsets in `text`; defined exactly when it is. */
  readonly textEnds: Uint32Array | undefined;
  /** Every byte of `raw` (and so of `text`) is ASCII: byte offsets are string offsets. */
  readonly ascii: boolean;
  readonly rawSlab: Slab;
  readonly textSlab: Slab | undefined;
  /** Level codes (`LEVEL_CODES`); undefined while every line is `info`. */
  levels: Uint8Array | undefined;
  /** 1 where the line was cut at the maximum length; undefined when none was. */
  readonly truncated: Uint8Array | undefined;
  /** Lines evicted from the front; only the oldest segment of a process ever has `start > 0`. */
  start: number;
}

/** Level names by code; code 0 (`info`) is what a zero-filled column means. */
export const LEVEL_NAMES: readonly LogLevel[] = Object.freeze(['info', 'warning', 'error']);

/** Level codes for the `levels` column. */
export const LEVEL_CODES: Readonly<Record<LogLevel, number>> = Object.freeze({
  info: 0,
  warning: 1,
  error: 2,
});

/** Number of lines in the segment, evicted ones included. */
export function lineCount(seg: Segment): number {
  return seg.ends.length;
}

/** Seq of the segment's newest line. */
export function lastSeqOf(seg: Segment): number {
  return seg.firstSeq + seg.ends.length - 1;
}

/** Offset where line `i` starts in a joined string whose end offsets are `ends` (after the `\n`). */
export function lineStart(ends: Uint32Array, i: number): number {
  return i === 0 ? 0 : ends[i - 1]! + 1;
}

/** Length in bytes of raw line `i`, without decoding it. */
export function rawLengthAt(seg: Segment, i: number): number {
  return seg.ends[i]! - lineStart(seg.ends, i);
}

/** Decodes bytes `[from, to)` of a segment's `raw` or `text`. */
export function decode(seg: Segment, bytes: Buffer, from: number, to: number): string {
  return bytes.toString(seg.ascii ? 'latin1' : 'utf8', from, to);
}

/** Raw text of line `i` (decoded for the caller: short-lived, like the LogLine it goes into). */
export function rawAt(seg: Segment, i: number): string {
  return decode(seg, seg.raw, lineStart(seg.ends, i), seg.ends[i]!);
}

/** Stripped text of line `i`. */
export function textAt(seg: Segment, i: number): string {
  const t = seg.textEnds;
  return t === undefined ? rawAt(seg, i) : decode(seg, seg.text!, lineStart(t, i), t[i]!);
}

/** The segment's stripped text as one string (for search); offsets match `textEnds ?? ends` when ASCII. */
export function searchText(seg: Segment): string {
  const bytes = seg.text ?? seg.raw;
  return decode(seg, bytes, 0, bytes.length);
}

/**
 * The segment's stripped text as one string with its line ends as string offsets: `searchText` and the
 * stored ends when ASCII, else the lines decoded one by one (a line may be longer in bytes than in
 * UTF-16 units).
 */
export function searchTextAndEnds(seg: Segment): { text: string; ends: Uint32Array } {
  if (seg.ascii) return { text: searchText(seg), ends: seg.textEnds ?? seg.ends };
  const n = seg.ends.length;
  const lines = new Array<string>(n);
  for (let i = 0; i < n; i++) lines[i] = textAt(seg, i);
  return { text: lines.join('\n'), ends: endsOf(lines) };
}

/** Level code of line `i` (0 = info when the column was never needed). */
export function levelCodeAt(seg: Segment, i: number): number {
  return seg.levels === undefined ? 0 : seg.levels[i]!;
}

/** Builds the LogLine of line `i` of a segment: a fresh, short-lived object the store does not keep. */
export function lineAt(processId: string, seg: Segment, i: number): LogLine {
  const raw = rawAt(seg, i);
  let text = raw;
  const t = seg.textEnds;
  if (t !== undefined) {
    const from = lineStart(t, i);
    // Stripping only ever shortens a line, so an equal length means nothing was stripped: reuse `raw`.
    if (t[i]! - from !== rawLengthAt(seg, i)) text = decode(seg, seg.text!, from, t[i]!);
  }
  return makeLine(
    seg.firstSeq + i,
    processId,
    seg.stream,
    seg.ts,
    raw,
    text,
    seg.truncated !== undefined && seg.truncated[i] === 1,
    LEVEL_NAMES[levelCodeAt(seg, i)]!,
  );
}

/**
 * Shared `ends` of one-line segments, by line length. A typed array costs ~150 bytes of heap however
 * short, more than a typical line, and a slow process appends one line per chunk; sharing is safe
 * because `ends` columns are never written. Lengths up to this bound cover nearly every such line.
 */
const SHARED_ENDS_MAX = 1024;
const sharedEnds: (Uint32Array | undefined)[] = new Array<Uint32Array | undefined>(SHARED_ENDS_MAX);

/**
 * End offsets of `lines` joined by `\n`, computed from their lengths (so a line that itself contains
 * `\n` still maps back exactly). Never write to the result: one-line results are shared.
 */
export function endsOf(lines: readonly string[]): Uint32Array {
  if (lines.length === 1) {
    const len = lines[0]!.length;
    if (len < SHARED_ENDS_MAX) return (sharedEnds[len] ??= Uint32Array.of(len));
  }
  const ends = new Uint32Array(lines.length);
  let at = -1;
  for (let i = 0; i < lines.length; i++) {
    at += 1 + lines[i]!.length;
    ends[i] = at;
  }
  return ends;
}

/** End offsets, in UTF-8 bytes, of `lines` joined by `\n` (for batches that are not all ASCII). */
export function byteEndsOf(lines: readonly string[]): Uint32Array {
  const ends = new Uint32Array(lines.length);
  let at = -1;
  for (let i = 0; i < lines.length; i++) {
    at += 1 + Buffer.byteLength(lines[i]!, 'utf8');
    ends[i] = at;
  }
  return ends;
}

/** One construction site keeps every LogLine on the same hidden class (fast property access). */
export function makeLine(
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
