import type { LogLevel, LogLine, LogStream } from './types.js';

/**
 * The stored form of one appended batch (one process, one stream, one `ts`, consecutive seqs), kept as
 * columns instead of one object per line: a flood of a million lines a second then leaves a few
 * arrays per 64 KiB chunk for the garbage collector to trace and promote, not a million objects.
 * Line `i` has seq `firstSeq + i`; lines `[0, start)` are evicted.
 */
export interface Segment {
  readonly firstSeq: number;
  readonly stream: LogStream;
  readonly ts: number;
  readonly raws: readonly string[];
  /** Stripped texts; undefined when every text is its raw string. Entry `i` is `raws[i]` when equal. */
  readonly texts: readonly string[] | undefined;
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

/** Seq of the segment's newest line. */
export function lastSeqOf(seg: Segment): number {
  return seg.firstSeq + seg.raws.length - 1;
}

/** Level code of line `i` (0 = info when the column was never needed). */
export function levelCodeAt(seg: Segment, i: number): number {
  return seg.levels === undefined ? 0 : seg.levels[i]!;
}

/** Builds the LogLine of line `i` of a segment: a fresh, short-lived object the store does not keep. */
export function lineAt(processId: string, seg: Segment, i: number): LogLine {
  const raw = seg.raws[i]!;
  return makeLine(
    seg.firstSeq + i,
    processId,
    seg.stream,
    seg.ts,
    raw,
    seg.texts === undefined ? raw : seg.texts[i]!,
    seg.truncated !== undefined && seg.truncated[i] === 1,
    LEVEL_NAMES[levelCodeAt(seg, i)]!,
  );
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
