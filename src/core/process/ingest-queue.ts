/**
 * Schedules the processing of child output so that reading pipes never starves everything else.
 *
 * libuv reads up to 32 chunks per ready pipe per loop turn; processed on the spot, four flooding
 * children kept the event loop busy for tens of milliseconds at a time, and an MCP `scripts_status`
 * waited behind them (p99 ~90 ms). Here a `data` callback only queues its chunk; the queue is worked
 * off in slices of at most `sliceMs`, each followed by a turn of the event loop (`setImmediate`), so
 * a request waits for one slice at most.
 *
 * Memory stays bounded: past `highWaterBytes` of queued chunks the sources are paused — brum then
 * reads exactly as fast as it can store, as a synchronous reader would — and resumed below
 * `lowWaterBytes`. Only brum's own ingest capacity can cause that; no front-end can (they read
 * snapshots and the store, and printing drops rather than blocks).
 */
import type { Readable } from 'node:stream';

interface Item {
  readonly work: () => void;
  readonly bytes: number;
}

export interface IngestQueueOptions {
  readonly sliceMs?: number;
  readonly highWaterBytes?: number;
  readonly lowWaterBytes?: number;
}

export class IngestQueue {
  #items: Item[] = [];
  #head = 0;
  #bytes = 0;
  #scheduled = false;
  readonly #paused = new Set<Readable>();
  readonly #sliceMs: number;
  readonly #high: number;
  readonly #low: number;

  constructor(options: IngestQueueOptions = {}) {
    this.#sliceMs = options.sliceMs ?? 1;
    this.#high = options.highWaterBytes ?? 8 * 1024 * 1024;
    this.#low = options.lowWaterBytes ?? 2 * 1024 * 1024;
  }

  /** Bytes of queued chunks not processed yet. */
  get pendingBytes(): number {
    return this.#bytes;
  }

  /** Queues work (in order); `bytes` counts towards the high-water mark, pausing `source` past it. */
  enqueue(work: () => void, bytes = 0, source?: Readable): void {
    this.#items.push({ work, bytes });
    this.#bytes += bytes;
    if (source && this.#bytes > this.#high && !this.#paused.has(source)) {
      source.pause();
      this.#paused.add(source);
    }
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#run);
    }
  }

  readonly #run = (): void => {
    this.#scheduled = false;
    const deadline = performance.now() + this.#sliceMs;
    while (this.#head < this.#items.length) {
      const item = this.#items[this.#head]!;
      this.#head += 1;
      this.#bytes -= item.bytes;
      item.work();
      if (performance.now() >= deadline) break;
    }
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head > 1024) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    if (this.#bytes <= this.#low && this.#paused.size > 0) {
      for (const source of this.#paused) source.resume();
      this.#paused.clear();
    }
    if (this.#head < this.#items.length && !this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#run);
    }
  };
}
