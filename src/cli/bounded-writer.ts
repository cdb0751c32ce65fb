/**
 * Writes to a file descriptor without ever blocking the event loop and with bounded memory.
 *
 * On Linux, `process.stdout.write` to a pipe or terminal is synchronous: a slow reader (`brum | less`)
 * would freeze brum and, through it, every child's pipe. Here writes go through libuv's thread pool, one
 * `writev` at a time; while one is in flight, encoded batches queue up to `maxPendingBytes`, beyond which
 * whole batches are dropped and counted, and a notice says how many lines once the reader catches up.
 * The log store keeps every line regardless.
 */
import { writev } from 'node:fs';

/** The most buffers handed to one writev (IOV_MAX is 1024 on Linux). */
const MAX_IOV = 1024;

export class BoundedWriter {
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #inFlight = false;
  #inFlightBytes = 0;
  #writtenBytes = 0;
  #dropped = 0;
  #broken = false;
  #drainWaiters: (() => void)[] = [];

  constructor(
    private readonly fd: number,
    private readonly maxPendingBytes = 8 * 1024 * 1024,
  ) {}

  /** Queues whole lines (the text must end with a newline). Returns false when they were dropped. */
  write(text: string): boolean {
    if (this.#broken || text.length === 0) return false;
    if (this.#pendingBytes + text.length > this.maxPendingBytes) {
      this.#dropped += countLines(text);
      return false;
    }
    const bytes = Buffer.from(text, 'utf8');
    this.#pending.push(bytes);
    this.#pendingBytes += bytes.length;
    if (!this.#inFlight) this.#flush();
    return true;
  }

  /** Bytes accepted but not yet written (queued or in a write that has not completed). */
  get unwrittenBytes(): number {
    return this.#pendingBytes + this.#inFlightBytes;
  }

  /** Resolves when everything queued so far has been written (or the fd broke). */
  drain(): Promise<void> {
    if (!this.#inFlight && this.#pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drainWaiters.push(resolve));
  }

  /**
   * Like `drain`, but gives up when the reader stops taking bytes: resolves false once nothing was
   * written for `stallMs` (or after `maxMs` in all) while bytes are still waiting. For exits, which
   * must not wait on a reader that does not read.
   */
  async drainUnlessStuck(stallMs: number, maxMs: number): Promise<boolean> {
    const deadline = Date.now() + maxMs;
    let drained = false;
    void this.drain().then(() => (drained = true));
    let seen = this.#writtenBytes;
    let lastProgress = Date.now();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, stallMs)));
      if (drained || this.unwrittenBytes === 0) return true;
      const now = Date.now();
      if (this.#writtenBytes !== seen) {
        seen = this.#writtenBytes;
        lastProgress = now;
      }
      if (now - lastProgress >= stallMs || now >= deadline) return false;
    }
  }

  #flush(): void {
    if (this.#pending.length === 0) {
      this.#inFlight = false;
      this.#inFlightBytes = 0;
      const waiters = this.#drainWaiters;
      this.#drainWaiters = [];
      for (const resolve of waiters) resolve();
      return;
    }
    if (this.#dropped > 0) {
      this.#pending.push(
        Buffer.from(
          `[brum] ${this.#dropped} lines not shown: output was slower than the processes (all are kept in the log)\n`,
        ),
      );
      this.#dropped = 0;
    }
    const batch = this.#pending.length <= MAX_IOV ? this.#pending : this.#pending.slice(0, MAX_IOV);
    this.#pending = this.#pending.length <= MAX_IOV ? [] : this.#pending.slice(MAX_IOV);
    let bytes = 0;
    for (const b of batch) bytes += b.length;
    this.#pendingBytes -= bytes;
    this.#inFlightBytes = bytes;
    this.#inFlight = true;
    this.#writeAll(batch);
  }

  #writeAll(buffers: Buffer[]): void {
    writev(this.fd, buffers, (error, written) => {
      if (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
          setTimeout(() => this.#writeAll(buffers), 5);
          return;
        }
        // EPIPE / EIO: the reader is gone (closed pipe, hung-up terminal). Stop writing, keep running.
        this.#broken = true;
        this.#pending = [];
        this.#pendingBytes = 0;
        this.#flush();
        return;
      }
      this.#inFlightBytes = Math.max(0, this.#inFlightBytes - written);
      this.#writtenBytes += written;
      const rest = remainder(buffers, written);
      if (rest.length > 0) return this.#writeAll(rest);
      this.#flush();
    });
  }
}

/** The part of `buffers` not covered by the first `written` bytes (after a partial write). */
function remainder(buffers: Buffer[], written: number): Buffer[] {
  let skip = written;
  for (let i = 0; i < buffers.length; i++) {
    const b = buffers[i]!;
    if (skip < b.length) return [b.subarray(skip), ...buffers.slice(i + 1)];
    skip -= b.length;
  }
  return [];
}

function countLines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count += 1;
  return count;
}
