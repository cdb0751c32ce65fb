/**
 * Writes to a file descriptor without ever blocking the event loop and with bounded memory.
 *
 * On Linux, `process.stdout.write` to a pipe or terminal is synchronous: a slow reader (`brum | less`)
 * would freeze brum and, through it, every child's pipe. Here writes go through libuv's thread pool, one
 * `writev` at a time; while one is in flight, encoded batches queue up to `maxPendingBytes`, beyond which
 * whole batches are dropped and counted, and a notice says how many lines once the reader catches up.
 * The log store keeps every line regardless.
 *
 * Text is encoded into reusable 1 MiB slabs, not one fresh Buffer per batch: at a million lines a second
 * a fresh ~80 KB buffer per batch was an allocation, its page faults and external memory that only a
 * full GC gave back (tens of MB of RSS). A slab goes back to the free list once every byte of it was
 * written; batches too big for a slab get their own buffer.
 */
import { writev } from 'node:fs';

/** The most buffers handed to one writev (IOV_MAX is 1024 on Linux). */
const MAX_IOV = 1024;
/** Size of one encoding slab; a text is encoded into one when its worst case (3 bytes a unit) fits. */
const SLAB_BYTES = 1024 * 1024;
/** Free slabs kept for reuse. */
const MAX_FREE_SLABS = 2;

/** A slab and how many of its queued or in-flight pieces are not written yet. */
interface Slab {
  readonly buf: Buffer;
  used: number;
  outstanding: number;
}

export class BoundedWriter {
  #pending: Buffer[] = [];
  /** The slab each pending buffer was encoded into (undefined: its own buffer), parallel to #pending. */
  #pendingSlabs: (Slab | undefined)[] = [];
  #pendingBytes = 0;
  #slab: Slab | undefined;
  readonly #free: Slab[] = [];
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

  /**
   * Queues whole lines (the text must end with a newline). Returns false when they were dropped.
   * The text may come as pieces whose concatenation it is: they are encoded one after the other, so a
   * batch never has to be built as one string first (encoding a concatenation copies it once more to
   * flatten it). `ascii` says every character is ASCII: latin1 then encodes it exactly, and twice as
   * fast as UTF-8 (it is a plain copy).
   */
  write(text: string | readonly string[], ascii = false): boolean {
    const parts = typeof text === 'string' ? [text] : text;
    let length = 0;
    for (const part of parts) length += part.length;
    if (this.#broken || length === 0) return false;
    if (this.#pendingBytes + length > this.maxPendingBytes) {
      for (const part of parts) this.#dropped += countLines(part);
      return false;
    }
    let bytes: Buffer;
    let slab: Slab | undefined;
    // Room for the worst case: 3 bytes a UTF-16 unit in UTF-8, exactly 1 in latin1.
    const room = ascii ? length : length * 3;
    if (room <= SLAB_BYTES) {
      slab = this.#slabFor(room);
      const start = slab.used;
      const encoding = ascii ? 'latin1' : 'utf8';
      for (const part of parts) slab.used += slab.buf.write(part, slab.used, encoding);
      bytes = slab.buf.subarray(start, slab.used);
      slab.outstanding += 1;
    } else bytes = Buffer.from(parts.join(''), 'utf8');
    this.#pending.push(bytes);
    this.#pendingSlabs.push(slab);
    this.#pendingBytes += bytes.length;
    // One writev per turn of the event loop at most: the batches written in the meantime (a whole
    // ingest slice) go out together. Each writev costs ~20 µs of thread-pool round trip.
    if (!this.#inFlight) {
      this.#inFlight = true;
      setImmediate(this.#flushNow);
    }
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

  readonly #flushNow = (): void => this.#flush();

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
      this.#pendingSlabs.push(undefined);
      this.#dropped = 0;
    }
    const all = this.#pending.length <= MAX_IOV;
    const batch = all ? this.#pending : this.#pending.slice(0, MAX_IOV);
    const slabs = all ? this.#pendingSlabs : this.#pendingSlabs.slice(0, MAX_IOV);
    this.#pending = all ? [] : this.#pending.slice(MAX_IOV);
    this.#pendingSlabs = all ? [] : this.#pendingSlabs.slice(MAX_IOV);
    let bytes = 0;
    for (const b of batch) bytes += b.length;
    this.#pendingBytes -= bytes;
    this.#inFlightBytes = bytes;
    this.#inFlight = true;
    this.#writeAll(batch, () => this.#release(slabs));
  }

  /** A slab with `room` free bytes: the current one, a free one, or a new one. */
  #slabFor(room: number): Slab {
    const current = this.#slab;
    if (current !== undefined && current.buf.length - current.used >= room) return current;
    if (current !== undefined && current.outstanding === 0) current.used = 0;
    else {
      this.#slab = this.#free.pop() ?? { buf: Buffer.allocUnsafeSlow(SLAB_BYTES), used: 0, outstanding: 0 };
      this.#slab.used = 0;
    }
    return this.#slab!;
  }

  /** The pieces were written: a slab with nothing left to write is reused. */
  #release(slabs: readonly (Slab | undefined)[]): void {
    for (const slab of slabs) {
      if (slab === undefined) continue;
      slab.outstanding -= 1;
      if (slab.outstanding === 0 && slab !== this.#slab && this.#free.length < MAX_FREE_SLABS) {
        this.#free.push(slab);
      }
    }
  }

  #writeAll(buffers: Buffer[], done: () => void): void {
    writev(this.fd, buffers, (error, written) => {
      if (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
          setTimeout(() => this.#writeAll(buffers, done), 5);
          return;
        }
        // EPIPE / EIO: the reader is gone (closed pipe, hung-up terminal). Stop writing, keep running.
        this.#broken = true;
        this.#pending = [];
        this.#pendingSlabs = [];
        this.#pendingBytes = 0;
        this.#flush();
        return;
      }
      this.#inFlightBytes = Math.max(0, this.#inFlightBytes - written);
      this.#writtenBytes += written;
      const rest = remainder(buffers, written);
      if (rest.length > 0) return this.#writeAll(rest, done);
      done();
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
