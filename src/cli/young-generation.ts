/**
 * Caps V8's young generation (the two semi-spaces of the new space) at {@link SEMI_SPACE_CAP_BYTES}
 * each instead of V8's 16 MiB, from inside the process.
 *
 * Why: under a log flood brum allocates ~300 MB/s of short-lived objects (decoded chunks, line
 * strings, LogLine objects) of which ~1% survive a scavenge. V8 doubles a semi-space each time as many
 * bytes survived as it holds, so any long flood grows the new space to 2 × 16 MiB, all of it touched
 * and resident: 32 MB of brum's ~120 MB peak. At 4 MiB per semi-space scavenges come 4× as often but
 * each copies the same few hundred KB of live objects, and nothing waits in brum long enough to be
 * promoted by the faster cadence (the ingest queue holds at most 1 MiB of chunks, ~10 ms). Measured
 * with `npm run bench ingest` (docs/performance.md): peak RSS −10 to −35 MB during a flood, for +10–30%
 * CPU while it lasts (hmr most; at a dev server's ordinary rate the extra scavenges are invisible), and
 * shorter GC pauses under four floods (what MCP latency waits behind); at 1–2 MiB the CPU cost grows
 * much more (chunks waiting in the queue are promoted, and the old generation fills faster).
 *
 * How: `--max-semi-space-size` only works on the command line (a running isolate never changes its
 * maximum), and an installed `brum` bin cannot pass V8 flags portably (npm's shims, `env -S` missing
 * on BusyBox). But V8 reads `--semi-space-growth-factor` each time it grows the new space, so after
 * every GC this sets the factor that takes the current capacity to the cap and no further (1 once
 * there). V8 still shrinks the new space when brum is idle; the next flood grows it back to the cap.
 * A `--max-semi-space-size` given by the user (node flags or NODE_OPTIONS) is left alone.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

export const SEMI_SPACE_CAP_BYTES = 4 * 1024 * 1024;

/** The growth factor that takes a semi-space of `current` bytes up to `cap` at most (1: no growth). */
export function growthFactorFor(current: number, cap: number): number {
  return current <= 0 ? 1 : Math.max(1, Math.floor(cap / current));
}

/** The new space's semi-space capacity (V8 reports both semi-spaces together). */
export function semiSpaceBytes(): number {
  const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  return space === undefined ? 0 : space.space_size / 2;
}

function userSetSemiSpace(): boolean {
  return [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) => arg.includes('semi-space'));
}

/** Installs the cap for the life of the process; returns a function that removes it. */
export function capYoungGeneration(cap: number = SEMI_SPACE_CAP_BYTES): () => void {
  if (userSetSemiSpace()) return () => {};
  let factor = 0;
  const apply = (): void => {
    const next = growthFactorFor(semiSpaceBytes(), cap);
    if (next === factor) return;
    factor = next;
    setFlagsFromString(`--semi-space-growth-factor=${next}`);
  };
  apply();
  const observer = new PerformanceObserver(apply);
  observer.observe({ entryTypes: ['gc'] });
  return () => {
    observer.disconnect();
    setFlagsFromString('--semi-space-growth-factor=2');
  };
}
