/**
 * Keeps V8's old generation close to what is live in it, from inside the process.
 *
 * Why: after each full GC V8 lets the old generation grow by a factor it picks from its own speed
 * figures (up to 4× for a small heap) before the next one. brum's live old generation is small
 * (~15–25 MB) but, under a flood, objects that lived a little too long (a record's strings, objects
 * caught by a scavenge) are promoted all the time; they wait for the next full GC, and with them the
 * off-heap bytes they hold and the allocator's high water they leave behind. Held at 50% (V8 still
 * grows by at least a few MB, so 20% measured the same), a full GC comes sooner and each is cheap
 * because the live set is small. Measured (`brum run`, docs/performance.md "Memory"): four floods of
 * 1M lines peaked at 123–131 MB of RSS instead of 153–159 MB, one errors flood of 2M lines at 95–97
 * instead of 120–122 MB; the price is ~3.5× as many full GCs (33 → 118 on that errors flood, each a
 * few ms).
 *
 * How: V8 reads `--heap-growing-percent` each time it sets the next limit after a full GC, so setting
 * it once at start-up, with `setFlagsFromString`, works for a running isolate (the command line is no
 * option for an installed bin, see young-generation.ts). A value the user gave on node's command line
 * is left alone (NODE_OPTIONS does not take this flag).
 */
import { setFlagsFromString } from 'node:v8';

/** Old-generation growth between full GCs, in percent of what survived the last one. */
export const OLD_GENERATION_GROWTH_PERCENT = 50;

function userSetGrowth(): boolean {
  return [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) =>
    arg.includes('heap-growing-percent'),
  );
}

/** Sets the growth for the life of the process (unless the user chose one); returns how to undo it. */
export function limitOldGenerationGrowth(percent: number = OLD_GENERATION_GROWTH_PERCENT): () => void {
  if (userSetGrowth()) return () => {};
  setFlagsFromString(`--heap-growing-percent=${Math.max(1, Math.round(percent))}`);
  return () => setFlagsFromString('--heap-growing-percent=0');
}
