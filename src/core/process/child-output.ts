/**
 * Drains a child's stdout and stderr continuously and hands complete lines to a sink, one batch per chunk.
 * Nothing the sink does can pause the pipes: we never call `pause()`, and the sink is synchronous.
 */
import type { ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { LineSplitter } from '../logs/line-splitter.js';
import type { BatchExtras } from '../logs/line-splitter.js';
import type { IngestQueue } from './ingest-queue.js';

export type OutputStream = 'stdout' | 'stderr';

/**
 * Where a batch of lines came from: the chunk they were decoded from. When `carried`, the first line
 * also has bytes from earlier chunks; every other line lies wholly inside `bytes`. A consumer can rule
 * out, say, ANSI escapes for the whole batch with one byte search instead of one per line.
 */
export interface ChunkSource {
  readonly bytes: Buffer;
  readonly carried: boolean;
  /** The lines joined by `\n`, when the splitter decoded them in one piece (see `pushBatch`). */
  readonly joined?: string;
  /**
   * With `joined`: the lines from line `firstLine` (1 when the first was carried, else 0) on are the
   * bytes `bytes[regionStart, regionEnd)`, so they can be stored without encoding them again.
   */
  readonly region?: {
    readonly start: number;
    readonly end: number;
    readonly firstLine: number;
    /** Those bytes decoded: one flat string (`joined` is a concatenation when a line was carried). */
    readonly text: string;
  };
}

/** Receives the lines of one chunk. `truncated[i]` is true when `lines[i]` was cut at the line limit. */
export type LineSink = (
  stream: OutputStream,
  lines: string[],
  truncated: boolean[] | undefined,
  source: ChunkSource | undefined,
) => void;

export interface ChildExit {
  readonly exitCode: number | null;
  readonly signal: string | null;
}

/** How long to wait for the pipes to close after the leader exited (grandchildren may hold them open). */
const DRAIN_AFTER_EXIT_MS = 250;

/**
 * Wires `child` to `sink` and resolves when the leader has exited and its output was drained (or the
 * drain wait expired). Rejects never: a spawn error resolves with exit code null and `spawnError`.
 */
export function drainChild(
  child: ChildProcess,
  sink: LineSink,
  maxLineBytes: number,
  queue: IngestQueue,
  /** A queued step of this child's output threw (the queue skipped it and carries on). */
  onError?: (error: unknown) => void,
): Promise<ChildExit & { spawnError?: Error }> {
  const open = new Set<Readable>();
  const finishers: (() => void)[] = [];
  let exit: (ChildExit & { spawnError?: Error }) | undefined;
  let settle = (_result: ChildExit & { spawnError?: Error }): void => {};
  /** Settles once the leader has exited and every stream's last line went through the queue. */
  const maybeSettle = (): void => {
    if (exit && open.size === 0) settle(exit);
  };

  const attach = (readable: Readable | null, stream: OutputStream): void => {
    if (!readable) return;
    const splitter = new LineSplitter({ maxLineBytes });
    open.add(readable);
    const processChunk = (chunk: Buffer): void => {
      const carried = splitter.pending;
      const lines: string[] = [];
      const cuts: BatchExtras = {};
      if (splitter.pushBatch(chunk, lines, cuts) > 0) {
        const region =
          cuts.joined === undefined || cuts.regionStart === undefined
            ? undefined
            : {
                start: cuts.regionStart,
                end: cuts.regionEnd!,
                firstLine: cuts.carried!,
                text: cuts.regionText!,
              };
        sink(stream, lines, cuts.truncated, { bytes: chunk, carried, joined: cuts.joined, region });
      }
    };
    readable.on('data', (chunk: Buffer) => {
      // The pipe's Buffer is dropped here, young; the queue holds a pooled copy (chunk-pool.ts).
      const pooled = queue.chunks.copy(chunk);
      queue.enqueue(
        () => {
          try {
            processChunk(pooled.bytes);
          } finally {
            pooled.release();
          }
        },
        chunk.length,
        readable,
        onError,
      );
    });
    let ending = false;
    const finish = (): void => {
      if (!open.has(readable)) return;
      open.delete(readable);
      try {
        const lines: string[] = [];
        const truncated: boolean[] = [];
        splitter.end((line, cut) => {
          lines.push(line);
          truncated.push(cut);
        });
        if (lines.length > 0) sink(stream, lines, truncated, undefined);
      } finally {
        maybeSettle(); // whatever happened to the last line, the run must still settle
      }
    };
    /** Queued behind the stream's data, so the final line is never processed before the others. */
    const end = (): void => {
      if (ending) return;
      ending = true;
      queue.enqueue(finish, 0, undefined, onError);
    };
    readable.on('end', end);
    readable.on('close', end);
    readable.on('error', end);
    finishers.push(end);
  };
  attach(child.stdout, 'stdout');
  attach(child.stderr, 'stderr');

  return new Promise((resolve) => {
    let settled = false;
    settle = (result) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    child.once('error', (error) => {
      // A spawn failure (ENOENT, EACCES) has no exit event; anything else is followed by `exit`.
      if (child.pid === undefined) {
        exit = { exitCode: null, signal: null, spawnError: error };
        for (const end of finishers) end();
        maybeSettle();
      }
    });
    child.once('exit', (exitCode, signal) => {
      exit = { exitCode, signal };
      maybeSettle();
      if (open.size === 0) return;
      // A grandchild may keep the pipes open after the leader exited: stop waiting for them.
      const timer = setTimeout(() => {
        for (const end of finishers) end();
      }, DRAIN_AFTER_EXIT_MS);
      timer.unref();
    });
  });
}
