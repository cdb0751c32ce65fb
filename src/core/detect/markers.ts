/**
 * Lines that say "the tool finished a pass": they resolve errors of that tool that the pass no longer
 * reported. Two rules:
 * - `cycle-end`: records of these kinds not (re)reported since the previous `cycle-end` (or since the
 *   process started) are resolved. A pass is the output between two ends, so no start marker is needed. `tsc --watch` `Found 0 errors` therefore resolves everything; errors that
 *   reappear in the new pass stay current.
 * - `resolve`: a success message resolves every current record of these kinds (vite HMR, Next compiled).
 */
export interface MarkerRule {
  /** A literal the line must contain; checked before `test` because markers are tried on many lines. */
  readonly hint: string;
  readonly test: RegExp;
  readonly action: 'cycle-end' | 'resolve';
  readonly kinds: readonly string[];
}

export const MARKERS: readonly MarkerRule[] = [
  {
    hint: 'Watching',
    test: /Found \d+ errors?\. Watching for file changes/,
    action: 'cycle-end',
    kinds: ['typescript'],
  },
  { hint: 'Test Files', test: /^\s*Test Files\s/, action: 'cycle-end', kinds: ['vitest'] },
  { hint: 'Test Suites:', test: /^Test Suites:/, action: 'cycle-end', kinds: ['jest'] },
  {
    hint: 'compiled ',
    test: /compiled (?:successfully|with \d+ (?:errors?|warnings?))/,
    action: 'cycle-end',
    kinds: ['webpack'],
  },
  {
    hint: '[vite]',
    test: /\[vite\].*(?:hmr update|page reload)/,
    action: 'resolve',
    kinds: ['vite', 'esbuild'],
  },
  { hint: 'built in', test: /built in \d/, action: 'resolve', kinds: ['vite', 'esbuild'] },
  { hint: 'Compiled', test: /✓ Compiled|Compiled successfully/, action: 'resolve', kinds: ['next'] },
];

/** One scan for "does the line contain any rule's hint" before the rules are tried one by one. */
export const MARKER_HINTS = new RegExp(
  MARKERS.map((r) => r.hint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
);

/** Every kind some marker resolves. */
export const MARKER_KINDS: readonly string[] = [...new Set(MARKERS.flatMap((r) => r.kinds))];
