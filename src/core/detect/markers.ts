/**
 * Lines that say "the tool finished a pass": they resolve errors of that tool that the pass no longer
 * reported. Two rules:
 * - `cycle-end`: records of these kinds not (re)reported since the previous `cycle-end` (or since the
 *   process started) are resolved. A pass is the output between two ends, so no start marker is needed. `tsc --watch` `Found 0 errors` therefore resolves everything; errors that
 *   reappear in the new pass stay current.
 * - `resolve`: a success message resolves every current record of these kinds (vite HMR, Next compiled).
 *
 * A rule with `files` is about some files only (Vite's `hmr update /src/App.tsx, /src/index.css`,
 * `page reload .mcp.json`): it resolves the records of those files, and the records that name no file;
 * a record of another file stays current (the rebuild of App.tsx says nothing about Greeting.tsx).
 */
export interface MarkerRule {
  /** A literal the line must contain; checked before `test` because markers are tried on many lines. */
  readonly hint: string;
  readonly test: RegExp;
  readonly action: 'cycle-end' | 'resolve';
  readonly kinds: readonly string[];
  /** The files the marker is about, as printed (undefined: the whole build, every file). */
  readonly files?: (text: string) => readonly string[] | undefined;
}

const HMR_UPDATE = /\bhmr update (.+)$/;
const PAGE_RELOAD = /\bpage reload (\S+)/;
/** Vite's repeat counter, `(x2)`, after the file list. */
const REPEATS = /\s+\(x\d+\)\s*$/;

/**
 * The files a Vite `hmr update` / `page reload` line names (`/src/App.tsx`, `.mcp.json`). Runs on every
 * such marker (a third of an HMR session's lines), so the list is cut by hand, not by a chain of
 * replace/split/map/filter.
 */
export function viteMarkerFiles(text: string): readonly string[] | undefined {
  const hmr = HMR_UPDATE.exec(text);
  if (hmr) {
    let list = hmr[1]!;
    if (list.trimEnd().endsWith(')')) list = list.replace(REPEATS, ''); // `(x2)` needs a `)`
    const files: string[] = [];
    for (let from = 0; ;) {
      const comma = list.indexOf(',', from);
      const file = (comma === -1 ? list.slice(from) : list.slice(from, comma)).trim();
      if (file !== '') files.push(file);
      if (comma === -1) break;
      from = comma + 1;
    }
    return files.length > 0 ? files : undefined;
  }
  const reload = PAGE_RELOAD.exec(text);
  return reload ? [reload[1]!] : undefined;
}

const DOT = 0x2e;
const SLASH = 0x2f;
const BACKSLASH = 0x5c;

/**
 * The last segment of a path (`/`- or `\\`-separated): the key records and marker files meet on. Runs
 * for every file of every marker and every record indexed, so it scans back by hand: two `lastIndexOf`
 * calls (each a call into V8's runtime) cost twice as much.
 */
export function baseName(file: string): string {
  let i = file.length - 1;
  for (; i >= 0; i--) {
    const c = file.charCodeAt(i);
    if (c === SLASH || c === BACKSLASH) break;
  }
  return i === -1 ? file : file.slice(i + 1);
}

/** A record's file that `sameFile`'s clean-up would leave as it is (the usual, project-relative key). */
function plainPath(file: string): boolean {
  return !file.includes('\\') && !file.startsWith('file://') && !file.startsWith('./');
}

/** A record's file as `sameFile` compares it: `/`-separated, without `file://` or a leading `./`. */
export function recordPath(file: string): string {
  return plainPath(file)
    ? file
    : file
        .replace(/\\/g, '/')
        .replace(/^file:\/\//, '')
        .replace(/^\.\//, '');
}

/**
 * A marker's file as `sameFile` compares it: `/`-separated, without a leading `/` or `./` (what
 * `.replace(/\\/g, '/').replace(/^\.?\/+/, '')` leaves). Runs for every file of every marker while
 * records are current, so the usual case (no `\\`) is cut by hand.
 */
export function markerPath(file: string): string {
  if (file.includes('\\')) return file.replace(/\\/g, '/').replace(/^\.?\/+/, '');
  const from = file.charCodeAt(0) === DOT && file.charCodeAt(1) === SLASH ? 1 : 0;
  let to = from;
  while (file.charCodeAt(to) === SLASH) to++;
  return to === from ? file : file.slice(to);
}

/**
 * The last two segments of a `/`-separated path (`components/index.ts`), or undefined when it has only
 * one (`index.ts`, `/index.ts`). When `sameFile(record, marker)` holds and the marker's path has two
 * segments or more, both paths have the same last two: records are indexed by them, so that a marker
 * naming `src/components/index.ts` looks only at the records of `…/components/index.ts`, not at every
 * `index.ts` of a monorepo.
 */
export function lastTwoSegments(path: string): string | undefined {
  const last = path.lastIndexOf('/');
  if (last <= 0) return undefined;
  const before = path.lastIndexOf('/', last - 1);
  return before === -1 ? path : path.slice(before + 1);
}

/**
 * True when a record's `file` is the file a marker names. Vite names files relative to its root
 * (`/src/App.tsx`, `src/main.ts`), so the marker's path, without its leading `/` or `./`, must be the
 * record's whole path or a `/`-bounded tail of it. With `scope` (the process's folder relative to the
 * project root, `apps/web/` or '' for the root; records are then root-relative, see paths.ts), the
 * tail must also lie in that folder: Vite's root is the process's folder or below it, and a file outside
 * it is named `/@fs/<absolute path>` (matched whole), so `src/App.tsx` of `apps/web` never resolves
 * `packages/ui/src/App.tsx`. Without `scope`, any tail matches (records as printed).
 */
export function sameFile(recordFile: string, markerFile: string, scope?: string): boolean {
  const record = recordPath(recordFile);
  const named = markerPath(markerFile);
  if (named === '') return false;
  if (record === named || (scope !== undefined && record === markerFile)) return true;
  if (!record.endsWith(`/${named}`)) return false;
  if (scope === undefined) return true;
  return scope === '' ? !record.startsWith('/') : record.startsWith(scope);
}

export const MARKERS: readonly MarkerRule[] = [
  {
    hint: 'Watching',
    test: /Found \d+ errors?\. Watching for file changes/,
    action: 'cycle-end',
    kinds: ['typescript'],
  },
  {
    hint: 'Found ',
    test: /^Found \d+ warnings? and \d+ errors?\.$/,
    action: 'cycle-end',
    kinds: ['oxlint'],
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
    // Lazy: the first `hmr update` after `[vite]` is found going forward, not by backtracking from the
    // end of the line (3× cheaper on every marker line).
    test: /\[vite\].*?(?:hmr update|page reload)/,
    action: 'resolve',
    kinds: ['vite', 'esbuild'],
    files: viteMarkerFiles,
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

/**
 * A watcher finished its first pass and now waits for changes: `tsc --watch`'s `Found 0 errors.
 * Watching for file changes.`, vitest's `Waiting for file changes...` / `Tests failed. Watching for
 * file changes...`, webpack's `compiled successfully in …`. A run that prints no URL counts as ready
 * then (errors or not: the pass is complete), so `depends_on` works without configuration.
 */
export const WATCH_PASS =
  /Found \d+ errors?\. Watching for file changes|(?:Waiting|Watching) for file changes\.\.\.|compiled (?:successfully|with \d+ (?:errors?|warnings?)) in \d/;
