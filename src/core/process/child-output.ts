/**
 * Drains a child's stdout and stderr continuously and hands complete lines to a sink, one batch per chunk.
 * Nothing the sink does can pause the pipes: we never call `pause()`, and the sink is synchronous.
 */
import type { ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { LineSplitter } from '../logs/line-splitter.js';

export type OutputStream = 'stdout' | 'stderr';

/** Receives the lines of one chunk. `truncated[i]` is true when `lines[i]` was cut at the line limit. */
export type LineSink = (stream: OutputStream, lines: string[], truncated: boolean[]) => void;

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
): Promise<ChildExit & { spawnError?: Error }> {
  const open = new Set<Readable>();
  const flushers: (() => void)[] = [];
  const attach = (readable: Readable | null, stream: OutputStream): void => {
    if (!readable) return;
    const splitter = new LineSplitter({ maxLineBytes });
    let lines: string[] = [];
    let truncated: boolean[] = [];
    const collect = (line: string, cut: boolean): void => {
      lines.push(line);
      truncated.push(cut);
    };
    const deliver = (): void => {
      if (lines.length === 0) return;
      const batch = lines;
      const cuts = truncated;
      lines = [];
      truncated = [];
      sink(stream, batch, cuts);
    };
    open.add(readable);
    readable.on('data', (chunk: Buffer) => {
      splitter.push(chunk, collect);
      deliver();
    });
    const finish = (): void => {
      if (!open.delete(readable)) return;
      splitter.end(collect);
      deliver();
    };
    readable.on('end', finish);
    readable.on('close', finish);
    readable.on('error', finish);
    flushers.push(finish);
  };
  attach(child.stdout, 'stdout');
  attach(child.stderr, 'stderr');

  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: ChildExit & { spawnError?: Error }): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    child.once('error', (error) => {
      // A spawn failure (ENOENT, EACCES) has no exit event; anything else is followed by `exit`.
      if (child.pid === undefined) {
        for (const flush of flushers) flush();
        settle({ exitCode: null, signal: null, spawnError: error });
      }
    });
    child.once('exit', (exitCode, signal) => {
      const result = { exitCode, signal };
      if (open.size === 0) return settle(result);
      const timer = setTimeout(() => {
        for (const flush of flushers) flush();
        settle(result);
      }, DRAIN_AFTER_EXIT_MS);
      timer.unref();
      const check = (): void => {
        if (open.size === 0) {
          clearTimeout(timer);
          settle(result);
        }
      };
      child.stdout?.once('close', check);
      child.stderr?.once('close', check);
    });
  });
}
