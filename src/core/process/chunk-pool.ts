/**
 * Reusable buffers for pipe chunks waiting in the ingest queue.
 *
 * Node hands each pipe read to brum as a fresh Buffer whose bytes (up to 64 KiB) are allocated outside
 * the JS heap. A chunk that waits in the ingest queue while others are processed survives scavenges
 * and is promoted; its bytes are then freed only by a full GC, which V8 starts for external memory
 * only after it grew by ~64 MB. Under four floods those dead chunks were tens of MB of brum's peak
 * RSS. So a queued chunk is copied into a slot of this pool (one memcpy) and the pipe's Buffer is
 * dropped at once: it dies young, and its bytes go back at the next scavenge. A slot is handed back
 * when the chunk was processed and reused for the next chunk.
 *
 * Bounded: at most `maxSlots` slots of `slotBytes` each are ever allocated (2 MiB by default, more than
 * the queue holds before it pauses the pipes). A chunk larger than a slot, or one that arrives while
 * every slot is taken, is queued as it is: the same bytes, only without the saving.
 */

/** A chunk's bytes and, when they are in a slot, how to hand the slot back. */
export interface PooledChunk {
  /** The chunk's bytes: a view into a slot, or the original Buffer. */
  readonly bytes: Buffer;
  /** Hands the slot back for reuse (nothing for an original Buffer). Call once, after the last read. */
  readonly release: () => void;
}

export interface ChunkPoolOptions {
  /** Bytes per slot (default 64 KiB: a pipe read is at most that on Linux and macOS). */
  readonly slotBytes?: number;
  /** Slots allocated at most (default 32). */
  readonly maxSlots?: number;
}

const NOTHING = (): void => {};

export class ChunkPool {
  readonly #slotBytes: number;
  readonly #maxSlots: number;
  readonly #free: Buffer[] = [];
  #allocated = 0;

  constructor(options: ChunkPoolOptions = {}) {
    this.#slotBytes = options.slotBytes ?? 64 * 1024;
    this.#maxSlots = options.maxSlots ?? 32;
  }

  /** Slots allocated so far (each `slotBytes`); they are kept for reuse, never freed. */
  get allocatedSlots(): number {
    return this.#allocated;
  }

  /** Slots free for the next chunk. */
  get freeSlots(): number {
    return this.#free.length;
  }

  /**
   * `chunk`'s bytes in a slot when one is free (the caller drops `chunk`), else `chunk` itself. The
   * bytes must not be read after `release()`: the slot then holds another chunk.
   */
  copy(chunk: Buffer): PooledChunk {
    if (chunk.length > this.#slotBytes) return { bytes: chunk, release: NOTHING };
    let slot = this.#free.pop();
    if (slot === undefined) {
      if (this.#allocated >= this.#maxSlots) return { bytes: chunk, release: NOTHING };
      slot = Buffer.allocUnsafeSlow(this.#slotBytes);
      this.#allocated += 1;
    }
    chunk.copy(slot, 0, 0, chunk.length);
    const owned = slot;
    let released = false;
    return {
      bytes: owned.subarray(0, chunk.length),
      release: () => {
        if (released) return;
        released = true;
        this.#free.push(owned);
      },
    };
  }
}
