/**
 * Schedules the processing of child output so that reading pipes never starves everything else.
 *
 * libuv reads up to 32 chunks per ready pipe per loop turn; processed on the spot, four flooding
 * children kept the event loop busy for tens of milliseconds at a time, and an MCP `scripts_status`
 * waited behind them (p99 ~90 ms). Here a `data` callback only queues its chunk; the queue is worked
 * off in slices of at most `sliceMs`, each followed by a turn of the event loop (`setImmediate`), so
 * a request waits for one slice at most.
 *
 * Memory stays bounded: past `highWaterBytes` (1 MiB) of queued chunks the sources are paused — brum
 * then reads exactly as fast as it can store, as a synchronous reader would — and resumed below
 * `lowWaterBytes` (256 KiB). It was 8 MiB: a chunk that waits that long survives scavenges, is
 * promoted, and its buffer is only freed by a full GC; 1 MiB (16 pipe chunks) still keeps every
 * slice busy. Only brum's own ingest capacity can cause that; no front-end can (they read
 * snapshots and the store, and printing drops rather than blocks).
 *
 * An item that throws is skipped and its failure handed to the item's `onError` (else the queue's);
 * the queue carries on with the next item. A failure in one chunk of one process's output must never
 * stop brum.
 */
import type { Readable } from 'node:stream';
import { ChunkPool } from './chunk-pool.js';

interface Item {
  readonly work: () => void;
  readonly bytes: number;
  readonly onError: ((error: unknown) => void) | undefined;
}

/** Replaces a taken item, so the queue's array never keeps a processed chunk alive. */
const TAKEN: Item = Object.freeze({ work: () => {}, bytes: 0, onError: undefined });

export interface IngestQueueOptions {
  /** Told about an item that threw and has no `onError` of its own (default: nothing). */
  readonly onError?: (error: unknown) => void;
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
  readonly #onError: ((error: unknown) => void) | undefined;
  /** Items that threw (and were skipped). */
  failures = 0;
  /** Slots for the queued pipe chunks' bytes, so the pipes' own Buffers die young (chunk-pool.ts). */
  readonly chunks = new ChunkPool();

  constructor(options: IngestQueueOptions = {}) {
    this.#onError = options.onError;
    this.#sliceMs = options.sliceMs ?? 1;
    this.#high = options.highWaterBytes ?? 1024 * 1024;
    this.#low = options.lowWaterBytes ?? 256 * 1024;
  }

  /** Bytes of queued chunks not processed yet. */
  get pendingBytes(): number {
    return this.#bytes;
  }

  /**
   * Queues work (in order); `bytes` counts towards the high-water mark, pausing `source` past it.
   * `onError` is told if `work` throws (the item is then skipped).
   */
  enqueue(work: () => void, bytes = 0, source?: Readable, onError?: (error: unknown) => void): void {
    this.#items.push({ work, bytes, onError });
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

  #failed(item: Item, error: unknown): void {
    this.failures += 1;
    try {
      (item.onError ?? this.#onError)?.(error);
    } catch {
      // A failing error handler must not stop the queue either.
    }
  }

  readonly #run = (): void => {
    this.#scheduled = false;
    const deadline = performance.now() + this.#sliceMs;
    while (this.#head < this.#items.length) {
      const item = this.#items[this.#head]!;
      // Processed items stayed referenced until the array was next reset (up to 1024 chunks, 64 MB
      // of pipe buffers kept alive and promoted): drop the reference as soon as the item is taken.
      this.#items[this.#head] = TAKEN;
      this.#head += 1;
      this.#bytes -= item.bytes;
      try {
        item.work();
      } catch (error) {
        this.#failed(item, error);
      }
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
