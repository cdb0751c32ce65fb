import { describe, expect, it } from 'vitest';
import { releaseSlab, SLAB_BYTES, SlabWriter, type Slab } from './slab.js';

const KiB = 1024;
const BIG_LOG = 1024 * KiB; // past the small-slab stage

/** Reserves and fills `n` bytes, as the log store does. */
function append(writer: SlabWriter, n: number): Slab {
  const slab = writer.reserve(n, BIG_LOG);
  slab.used += n;
  return slab;
}

describe('SlabWriter', () => {
  it("fills the tail an earlier batch could not use (pipe chunks are ~64 KiB; it was 13% of the slabs' bytes)", () => {
    expect(SLAB_BYTES).toBe(256 * KiB);
    const writer = new SlabWriter();
    const first = append(writer, 64 * KiB);
    append(writer, 64 * KiB);
    append(writer, 64 * KiB);
    expect(append(writer, 36 * KiB)).toBe(first); // 228 KiB used, 28 left
    const second = append(writer, 64 * KiB); // does not fit: a new slab
    expect(second).not.toBe(first);
    expect(append(writer, 20 * KiB)).toBe(first); // the older slab's tail, not the new slab
    expect(first.used).toBe(248 * KiB);
    expect(append(writer, 64 * KiB)).toBe(second);
  });

  it('retires the older slab when neither open slab fits, and recycles it once its segments are gone', () => {
    const writer = new SlabWriter();
    const first = append(writer, 120 * KiB);
    expect(append(writer, 120 * KiB)).toBe(first);
    const second = append(writer, 100 * KiB); // 16 KiB left in `first`: a new slab
    expect(append(writer, 100 * KiB)).toBe(second);
    const third = append(writer, 100 * KiB); // fits neither: `first` is retired
    expect(new Set([first, second, third]).size).toBe(3);
    expect(first.retired).toBe(true);
    expect(second.retired).toBe(false);
    expect(third.retired).toBe(false);
    releaseSlab(first);
    releaseSlab(first);
    expect(first.live).toBe(0);
    // A fresh writer may get `first` back from the pool, started over.
    const other = new SlabWriter().reserve(10 * KiB, BIG_LOG);
    expect(other.used).toBe(0);
  });

  it('starts an open slab over once every segment in it was evicted', () => {
    const writer = new SlabWriter();
    const first = append(writer, 100 * KiB);
    releaseSlab(first); // evicted, but still open: not recycled
    expect(first.retired).toBe(false);
    expect(append(writer, 100 * KiB)).toBe(first);
    expect(first.used).toBe(100 * KiB);
  });

  it('gives a batch larger than half a slab a buffer of its own', () => {
    const writer = new SlabWriter();
    const own = writer.reserve(SLAB_BYTES, BIG_LOG);
    expect(own.buf.length).toBe(SLAB_BYTES);
    expect(own.retired).toBe(true);
    expect(own.live).toBe(1);
  });
});
