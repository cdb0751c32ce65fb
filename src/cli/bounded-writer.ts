/**
 * Writes to a file descriptor without ever blocking the event loop and with bounded memory.
 *
 * On Linux, `process.stdout.write` to a pipe or terminal is synchronous: a slow reader (`brum | less`)
 * would freeze brum and, through it, every child's pipe. Here writes go through libuv's thread pool one
 * at a time; while one is in flight, text accumulates up to `maxPendingBytes`, beyond which whole lines are
 * dropped and counted, and a notice says how many once the reader catches up. The log store keeps them all.
 */
import { write } from 'node:fs';

export class BoundedWriter {
  #pending: string[] = [];
  #pendingBytes = 0;
  #inFlight = false;
  #dropped = 0;
  #broken = false;
  #drainWaiters: (() => void)[] = [];

  constructor(
    private readonly fd: number,
    private readonly maxPendingBytes = 8 * 1024 * 1024,
  ) {}

  /** Queues whole lines (the text must end with a newline). Returns false when they were dropped. */
  write(text: string): boolean {
    if (this.#broken) return false;
    if (this.#pendingBytes + text.length > this.maxPendingBytes) {
      this.#dropped += countLines(text);
      return false;
    }
    this.#pending.push(text);
    this.#pendingBytes += text.length;
    if (!this.#inFlight) this.#flush();
    return true;
  }

  /** Resolves when everything queued so far has been written (or the fd broke). */
  drain(): Promise<void> {
    if (!this.#inFlight && this.#pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drainWaiters.push(resolve));
  }

  #flush(): void {
    if (this.#pending.length === 0) {
      this.#inFlight = false;
      const waiters = this.#drainWaiters;
      this.#drainWaiters = [];
      for (const resolve of waiters) resolve();
      return;
    }
    if (this.#dropped > 0) {
      this.#pending.push(
        `[brum] ${this.#dropped} lines not shown: output was slower than the processes (all are kept in the log)\n`,
      );
      this.#dropped = 0;
    }
    const chunk = this.#pending.length === 1 ? (this.#pending[0] ?? '') : this.#pending.join('');
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#inFlight = true;
    this.#writeAll(Buffer.from(chunk, 'utf8'), 0);
  }

  #writeAll(buffer: Buffer, offset: number): void {
    write(this.fd, buffer, offset, buffer.length - offset, null, (error, written) => {
      if (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
          setTimeout(() => this.#writeAll(buffer, offset), 5);
          return;
        }
        // EPIPE / EIO: the reader is gone (closed pipe, hung-up terminal). Stop writing, keep running.
        this.#broken = true;
        this.#pending = [];
        this.#pendingBytes = 0;
        this.#flush();
        return;
      }
      if (offset + written < buffer.length) return this.#writeAll(buffer, offset + written);
      this.#flush();
    });
  }
}

function countLines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count += 1;
  return count;
}
