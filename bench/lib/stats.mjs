// Small statistics helpers shared by the benchmarks.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Median of a list of numbers (the list is not modified). */
export function median(values) {
  return percentile(values, 50);
}

/** The p-th percentile (nearest rank) of a list of numbers (the list is not modified). */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** `met` / `NOT met` for a target line. */
export const verdict = (ok) => (ok ? 'met' : 'NOT met');

/** True when the benchmarks should run at reduced sizes (`BENCH_QUICK=1`). */
export const quick = process.env.BENCH_QUICK === '1' || process.env.BENCH_QUICK === 'true';

/**
 * Runs a full garbage collection when possible, so one measured run does not pay for the garbage of the
 * previous one (the benchmarks are imported by run.mjs, which is not started with --expose-gc).
 */
export function collectGarbage() {
  gcFn ??= globalThis.gc ?? exposeGc();
  gcFn();
}

let gcFn;
function exposeGc() {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc');
}
