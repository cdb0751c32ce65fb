/**
 * Off-heap memory for stored log text: bytes are copied into reusable slabs (Buffers), never kept as
 * JS strings. Measured reason: at a million lines a second an 8 MiB store turns over ~90 MB/s; as heap
 * strings every stored batch was copied by the scavenger, promoted, and became old-generation garbage
 * that only a full GC reclaimed — the old generation grew to ~100 MB, and the GC work cost ~0.3 CPU s
 * per million lines. Slab bytes are never copied or traced by the GC, and a slab whose segments were
 * all evicted is reused, so memory follows the store's budget.
 *
 * Each process log appends into its own current slab (segments are evicted oldest-first per process,
 * so a slab empties front to back). A slab counts its live segments; once it is no longer current and
 * its count drops to zero it goes back to a small shared pool. A batch larger than half a slab gets a
 * buffer of its own, freed with its segment.
 */

/** A slab and the number of stored segments whose bytes it holds. */
export interface Slab {
  readonly buf: Buffer;
  used: number;
  live: number;
  /** False while it is a log's current slab (appends may still go into it). */
  retired: boolean;
  readonly pooled: boolean;
}

/** Slab size once a log holds more than SMALL_LOG_BYTES; small logs use small slabs. */
export const SLAB_BYTES = 256 * 1024;
const SMALL_SLAB_BYTES = 16 * 1024;
const SMALL_LOG_BYTES = 64 * 1024;
/** Free slabs kept for reuse, per size (16 MiB of big ones at most). */
const MAX_POOLED = 64;

const pools = new Map<number, Slab[]>([
  [SLAB_BYTES, []],
  [SMALL_SLAB_BYTES, []],
]);

function newSlab(size: number, pooled: boolean): Slab {
  const free = pooled ? pools.get(size)!.pop() : undefined;
  if (free !== undefined) {
    free.used = 0;
    free.live = 0;
    free.retired = false;
    return free;
  }
  return { buf: Buffer.allocUnsafeSlow(size), used: 0, live: 0, retired: false, pooled };
}

function recycle(slab: Slab): void {
  if (!slab.pooled) return;
  const pool = pools.get(slab.buf.length)!;
  if (pool.length < MAX_POOLED) pool.push(slab);
}

/**
 * One process log's appends. Two slabs are open at a time: a batch goes into the older one if it fits
 * its tail, else into the newer one, else a fresh slab replaces the older. With one open slab every
 * batch that did not fit the tail left it empty: pipe chunks are ~64 KiB, so a 256 KiB slab lost
 * 34 KiB on average (13%, measured under four floods), which the store's byte budget does not see.
 */
export class SlabWriter {
  #older: Slab | undefined;
  #current: Slab | undefined;

  /**
   * A slab with `n` free bytes at `slab.used`, its live count already raised for the segment that will
   * use them; the caller writes the bytes and advances `used`. `logBytes` (the log's size) picks the
   * slab size, so a process that prints a line a minute does not pin 256 KiB.
   */
  reserve(n: number, logBytes: number): Slab {
    const size = logBytes < SMALL_LOG_BYTES && n <= SMALL_SLAB_BYTES / 2 ? SMALL_SLAB_BYTES : SLAB_BYTES;
    if (n > size / 2) {
      const own = newSlab(n, false);
      own.retired = true;
      own.live = 1;
      return own;
    }
    let slab = fits(this.#older, n, size)
      ? this.#older
      : fits(this.#current, n, size)
        ? this.#current
        : undefined;
    if (slab === undefined) {
      if (this.#older !== undefined) retire(this.#older);
      // A current slab of the wrong size (the log outgrew small slabs) is retired too.
      if (this.#current !== undefined && this.#current.buf.length !== size) {
        retire(this.#current);
        this.#current = undefined;
      }
      this.#older = this.#current;
      slab = this.#current = newSlab(size, true);
    }
    slab.live += 1;
    return slab;
  }
}

/** Whether an open slab of the wanted size has room for `n` bytes (one whose segments were all evicted starts over). */
function fits(slab: Slab | undefined, n: number, size: number): boolean {
  if (slab === undefined || slab.buf.length !== size) return false;
  if (slab.live === 0) slab.used = 0; // everything in it was evicted
  return slab.buf.length - slab.used >= n;
}

/** No more appends go into `slab`; it is recycled once its last segment is evicted. */
function retire(slab: Slab): void {
  slab.retired = true;
  if (slab.live === 0) recycle(slab);
}

/** A segment in `slab` was dropped. */
export function releaseSlab(slab: Slab): void {
  slab.live -= 1;
  if (slab.live === 0 && slab.retired) recycle(slab);
}
