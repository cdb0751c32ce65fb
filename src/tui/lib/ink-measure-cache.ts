/**
 * Bounds Ink's text-measure cache.
 *
 * Ink 6 keeps the size of every distinct text it ever laid out in a module-level `Map` with no limit
 * (`ink/build/measure-text.js`; upstream ink#986, bounded only in Ink 7, which needs Node 22). Log rows
 * avoid it (`LogRow` is measured as a blank of its width), but every other changing text adds an entry
 * of ~200 bytes that stays for the life of the process: a process row's uptime (one entry a second per
 * process shown, in its first hour), "3 s ago" in the Errors and Agent views, counters in the header.
 * Over a day of a TUI left open that is megabytes that only grow.
 *
 * The map is private to Ink's module. It is found by watching `Map.prototype.set` while Ink draws its
 * first frame, for the entry that module adds (a string key, a `{ width, height }` value); the original
 * `set` is back in place as soon as it is found, and in any case once the first frame is drawn. After
 * that, `trim()` empties the map whenever it holds more than `max` entries: it is only a cache, and the
 * texts on screen are measured again on the next frame (a few hundred strings: well under a millisecond).
 * Should a later Ink keep its cache elsewhere, nothing is found and nothing else changes.
 */

/** Entries beyond which the cache is emptied (~1 MB of keys and sizes). */
export const MEASURE_CACHE_MAX = 5000;

export interface MeasureCacheBound {
  /** Stop watching `Map.prototype.set` (found or not). Call once the first frame is drawn. */
  settle(): void;
  /** Empties Ink's cache when it holds more than `max` entries; returns the entries dropped. */
  trim(): number;
  /** Whether Ink's cache was found. */
  readonly found: boolean;
}

/** Starts watching for Ink's measure cache; call right before Ink's first `render`. */
export function boundInkMeasureCache(max = MEASURE_CACHE_MAX): MeasureCacheBound {
  const originalSet = Map.prototype.set;
  let cache: Map<unknown, unknown> | undefined;
  let watching = true;
  const settle = (): void => {
    if (!watching) return;
    watching = false;
    if (Map.prototype.set === watcher) Map.prototype.set = originalSet;
  };
  const watcher = function (this: Map<unknown, unknown>, key: unknown, value: unknown) {
    if (cache === undefined && typeof key === 'string' && isDimensions(value)) {
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- the map Ink calls `set` on is the one to keep
      cache = this;
      settle();
    }
    return originalSet.call(this, key, value);
  } as typeof Map.prototype.set;
  Map.prototype.set = watcher;
  return {
    settle,
    trim() {
      if (cache === undefined || cache.size <= max) return 0;
      const dropped = cache.size;
      cache.clear();
      return dropped;
    },
    get found() {
      return cache !== undefined;
    },
  };
}

/** Exactly the value Ink's measure cache holds: `{ width, height }`, two numbers. */
function isDimensions(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  return (
    keys.length === 2 &&
    typeof (value as { width?: unknown }).width === 'number' &&
    typeof (value as { height?: unknown }).height === 'number'
  );
}
