import type { LogLine } from '../logs/types.js';
import { MARKER_HINTS, MARKER_KINDS, MARKERS } from './markers.js';
import type { MarkerRule } from './markers.js';
import { PARSERS } from './parsers/index.js';
import { detach } from './detach.js';
import { isBlock, LOOKBACK } from './parsers/types.js';
import type { Block, Diagnostic, Parser, StartContext } from './parsers/types.js';
import { projectRelative, projectRelativeFast, scopeOf } from './paths.js';
import type { PathContext } from './paths.js';
import { mayMatter, mayStartReport, mayStartReportCommon } from './prefilter.js';
import { RecordStore } from './record-store.js';
import type { ErrorSummary } from './record-store.js';
import type { DetectionUpdate, ErrorListQuery, ErrorRecord, Severity } from './types.js';

export interface ErrorDetectorOptions {
  /** An open block that received no line for this long is closed by `tick` (default 200 ms). */
  readonly idleMs?: number;
  /** A block is closed after this many lines, whatever the parser thinks (default 400). */
  readonly maxBlockLines?: number;
  readonly maxRecords?: number;
  /** Parsers to use, most specific first (default: all built-in parsers). */
  readonly parsers?: readonly Parser[];
  /**
   * The earlier runs of the same script as `processId` (process ids), which a newer run supersedes once
   * it reports its own results (default: none). Called at most once per run, when it first does.
   */
  readonly earlierRuns?: (processId: string) => Iterable<string>;
  /**
   * Where paths are resolved (see paths.ts): with it, a record's `file` is relative to `root` when
   * inside it (absolute otherwise), resolved against the process's cwd; without it, as printed.
   */
  readonly paths?: PathContext;
}

/**
 * Parsers and markers read at most this many characters of a line. Their regular expressions are
 * written for lines of ordinary length; some (gcc's `^(.+?):(\d+):…$`) cost time that grows faster than
 * the line on a crafted 64 KiB line (36 ms measured). Every report format brum knows puts what it
 * parses (location, code, message) at the start of the line; the full line stays in the log.
 */
export const MAX_PARSE_CHARS = 4096;

/** The part of a line the parsers see (a cheap slice, only for long lines). */
function head(text: string): string {
  return text.length > MAX_PARSE_CHARS ? text.slice(0, MAX_PARSE_CHARS) : text;
}

interface OpenBlock {
  readonly block: Block;
  readonly seqs: number[];
  readonly ts: number;
}

interface ProcessState {
  open: OpenBlock | undefined;
  prevText: string;
  /** The last `LOOKBACK` lines seen before the current batch (oldest first), for parsers' lookback. */
  recent: readonly LogLine[];
  lastTs: number;
  /**
   * kind → store clock when that kind's current pass started (see markers.ts): a record of that kind
   * last reported after it (store stamp greater) was reported in this pass.
   */
  readonly passStart: Map<string, number>;
  /** Store clock when the current run started: every pass starts no earlier. */
  runStart: number;
  /** True once this run resolved its earlier runs' records (see `supersedeEarlier`). */
  supersededEarlier: boolean;
  /** The process's folder and scope for paths (see `#where`), once known. */
  where?: { readonly cwd: string; readonly scope: string };
}

/** Collects one call's changes; the latest version of each record wins. */
class UpdateBuilder {
  readonly changed = new Map<string, ErrorRecord>();
  readonly levels: { seq: number; level: Severity }[] = [];
  add(records: readonly ErrorRecord[]): void {
    for (const r of records) this.changed.set(r.id, r);
  }
  addOne(record: ErrorRecord): void {
    this.changed.set(record.id, record);
  }
  build(): DetectionUpdate {
    return { changed: [...this.changed.values()], levels: this.levels };
  }
}

/**
 * What a parser may look at before the line it is offered: one object per detector, repointed before
 * each `start` (parsers use it only during the call). The line k back is in the batch while k ≤ `at`,
 * else in the process's `recent` lines from earlier batches.
 */
class Lookback implements StartContext {
  prevText = '';
  lines: readonly LogLine[] = [];
  at = 0;
  recent: readonly LogLine[] = [];
  readonly before = (k: number): string | undefined => {
    const text = k <= LOOKBACK ? this.line(k)?.text : undefined;
    return text === undefined ? undefined : head(text);
  };

  /** Drops the references to a batch once it is examined. */
  release(): void {
    this.lines = this.recent = NO_LINES;
  }

  line(k: number): LogLine | undefined {
    return k <= this.at ? this.lines[this.at - k] : this.recent[this.recent.length - (k - this.at)];
  }
}

/**
 * Turns process output into structured, deduplicated error and warning records.
 *
 * Lines arrive in batches per process; a report may span batches, so each process keeps at most one
 * open block. A block closes when a line does not belong to it, when it went idle (`tick`), or when
 * the process exits or restarts (`flush`, lifecycle hooks). Records are emitted when their block closes.
 *
 * Resolution rules: a tool's "pass finished" markers resolve what the pass no longer reports
 * (markers.ts); a restart resolves all of the previous run's records, since the new run re-reports
 * whatever is still broken (which reopens the record and bumps its count). A newer run of the same
 * script (a new process id) supersedes the earlier runs once it reports its own results — it exits
 * cleanly, exits after reporting records, or finishes a pass (a marker) — and their records are
 * resolved: what is still broken, the newer run reported again. Otherwise an exit resolves nothing.
 */
export class ErrorDetector {
  readonly #store: RecordStore;
  readonly #procs = new Map<string, ProcessState>();
  readonly #idleMs: number;
  readonly #maxBlockLines: number;
  readonly #parsers: readonly Parser[];
  readonly #lookback = new Lookback();
  readonly #earlierRuns: (processId: string) => Iterable<string>;
  readonly #paths: PathContext | undefined;
  readonly #fileKeys = new Map<string, string>();
  /** `mayStartReport`, or its common form for a batch known to hold no rare marker (see `ingest`). */
  #mayStartReport: (text: string) => boolean = mayStartReport;

  constructor(options: ErrorDetectorOptions = {}) {
    this.#paths = options.paths;
    this.#earlierRuns = options.earlierRuns ?? (() => NO_IDS);
    this.#store = new RecordStore(options.maxRecords);
    this.#idleMs = options.idleMs ?? 200;
    this.#maxBlockLines = options.maxBlockLines ?? 400;
    this.#parsers = options.parsers ?? PARSERS;
  }

  /**
   * Records a problem brum itself had with a process (not parsed from its output), e.g. a chunk of
   * output that could not be processed. `seq` is the system line that describes it.
   */
  report(processId: string, diagnostic: Diagnostic, seq: number, now: number): DetectionUpdate {
    return { changed: [this.#store.record(processId, diagnostic, seq, seq, now)], levels: [] };
  }

  /**
   * Examines a batch of lines (normally one pipe chunk of one process). Hot path: keep it lean.
   * `candidates[i]` = 1 when the caller already ran `mayMatter` on line i and it passed (0: it failed);
   * without it, the prefilter runs here. `reportsOnly`: the caller ran `mayStartReport` instead, which
   * it may do when `watchesMarkers` was false for the process (candidates must then be given).
   * `common`: no line holds a rare marker (`hasRareMarker` was false for the batch's bytes), so the
   * common prefilters, which leave those out, decide exactly as the full ones.
   */
  ingest(
    lines: readonly LogLine[],
    candidates?: Uint8Array,
    reportsOnly = false,
    common = false,
  ): DetectionUpdate {
    const out = new UpdateBuilder();
    this.#mayStartReport = common ? mayStartReportCommon : mayStartReport;
    if (candidates !== undefined && isOneProcessBatch(lines))
      this.#ingestRun(lines, candidates, reportsOnly, out);
    else {
      // Not a pipeline batch (tests, replays): each run of one process's program lines is one batch,
      // with the full prefilter run here where the caller did not run it.
      let from = 0;
      while (from < lines.length) {
        const first = lines[from]!;
        let to = from + 1;
        if (first.stream === 'system') {
          from = to;
          continue;
        }
        while (
          to < lines.length &&
          lines[to]!.processId === first.processId &&
          lines[to]!.stream !== 'system'
        )
          to++;
        const run = from === 0 && to === lines.length ? lines : lines.slice(from, to);
        const marks = new Uint8Array(run.length);
        for (let i = 0; i < run.length; i++) {
          const given = candidates?.[from + i];
          marks[i] = given === 1 || ((given === undefined || reportsOnly) && mayMatter(run[i]!.text)) ? 1 : 0;
        }
        this.#ingestRun(run, marks, false, out);
        from = to;
      }
    }
    this.#lookback.release();
    this.#mayStartReport = mayStartReport;
    return out.build();
  }

  /**
   * One process's batch (prefilter already run: `candidates[i]` = 1 when line i passed). Outside an
   * open block, jump from candidate to candidate (`Uint8Array.indexOf`) instead of visiting every
   * line; the previous line's text, which some parsers look at, is read from the batch when needed.
   * With `reportsOnly`, marker lines are not candidates: once the batch reports a record a marker
   * could resolve, the lines after it are visited one by one and checked for markers.
   */
  #ingestRun(
    lines: readonly LogLine[],
    candidates: Uint8Array,
    reportsOnly: boolean,
    out: UpdateBuilder,
  ): void {
    const n = lines.length;
    const id = lines[0]!.processId;
    const st = this.#state(id);
    let watch = reportsOnly && this.watchesMarkers(id);
    let i = 0;
    while (i < n) {
      const open = st.open;
      if (open !== undefined) {
        const line = lines[i]!;
        const step = open.block.next(head(line.text));
        if (step !== 'end') {
          open.seqs.push(line.seq);
          st.lastTs = line.ts;
          if (step === 'last' || open.seqs.length >= (open.block.maxLines ?? this.#maxBlockLines)) {
            this.#close(id, st, out);
            if (reportsOnly) watch = this.watchesMarkers(id);
          }
          i++;
          continue;
        }
        this.#close(id, st, out);
        if (reportsOnly) watch = this.watchesMarkers(id);
      }
      if (candidates[i] !== 1) {
        if (watch) {
          const line = lines[i]!;
          st.lastTs = line.ts;
          if (this.#applyMarkers(id, st, head(line.text), line.ts, out)) watch = this.watchesMarkers(id);
          i++;
          continue;
        }
        i = candidates.indexOf(1, i + 1);
        if (i === -1) break;
      }
      const line = lines[i]!;
      if (i > 0) st.prevText = lines[i - 1]!.text;
      st.lastTs = line.ts;
      this.#examine(id, st, line, out, lines, i);
      if (reportsOnly) watch = this.watchesMarkers(id);
      i++;
    }
    const last = lines[n - 1]!;
    st.prevText = last.text;
    st.recent = rollRecent(st.recent, lines);
    st.lastTs = last.ts;
  }

  /** Closes the open block of a process (e.g. its output ended). */
  flush(processId: string): DetectionUpdate {
    const out = new UpdateBuilder();
    const st = this.#procs.get(processId);
    if (st) this.#close(processId, st, out);
    return out.build();
  }

  /** Closes blocks that stopped growing: no line for `idleMs` before `now`. Call every ~100 ms. */
  tick(now: number): DetectionUpdate {
    const out = new UpdateBuilder();
    for (const [id, st] of this.#procs) {
      if (st.open !== undefined && now - st.lastTs >= this.#idleMs) this.#close(id, st, out);
    }
    return out.build();
  }

  /** A new run of the process starts: close its open block and resolve the previous run's records. */
  processRestarted(processId: string, now: number): DetectionUpdate {
    const out = new UpdateBuilder();
    const st = this.#procs.get(processId);
    if (st) {
      this.#close(processId, st, out);
      st.prevText = '';
      st.recent = [];
      st.passStart.clear();
      st.runStart = this.#store.clock;
      st.supersededEarlier = false;
    }
    out.add(this.#store.resolveAll(processId, now));
    return out.build();
  }

  /**
   * The process exited: close its open block. Its records stay current (they describe the run that
   * ended). A clean exit (0), or an exit after reporting records, supersedes the earlier runs — unless
   * the run was `interrupted` (stopped, or ended by a signal): a run cut short says nothing about what
   * it did not reach, so the earlier runs' records stay current next to what it did report. (A pass
   * marker it printed before that already superseded them: that pass was complete.)
   */
  processExited(
    processId: string,
    exitCode: number | null,
    now: number,
    interrupted = false,
  ): DetectionUpdate {
    const out = new UpdateBuilder();
    const st = this.#procs.get(processId);
    if (st) this.#close(processId, st, out);
    if (!interrupted && (exitCode === 0 || (exitCode !== null && this.#store.hasCurrent(processId))))
      this.#supersedeEarlier(processId, this.#state(processId), now, out);
    return out.build();
  }

  /**
   * Resolves records by fingerprint (those of `processId` still current) for a source outside the
   * process's output that knows they are gone: a browser tab that reloaded without reproducing them.
   */
  resolveRecords(processId: string, fingerprints: Iterable<string>, now: number): DetectionUpdate {
    return { changed: this.#store.resolveFingerprints(processId, fingerprints, now), levels: [] };
  }

  /** Forgets a process and its records (its run was pruned from the history). */
  forget(processId: string): void {
    this.#procs.delete(processId);
    this.#store.forget(processId);
  }

  /** Current records first (newest lastSeen first), then resolved ones if asked. Warnings only if asked. */
  list(query: ErrorListQuery = {}): ErrorRecord[] {
    return this.#store.list(query);
  }

  get(id: string): ErrorRecord | undefined {
    return this.#store.get(id);
  }

  /**
   * False when no pass marker can change anything for the process (it has no current record of a kind
   * a marker resolves): its next batch may then be prefiltered with `mayStartReport`.
   */
  watchesMarkers(processId: string): boolean {
    return this.#store.hasCurrentOf(processId, MARKER_KINDS);
  }

  /** What a process snapshot shows: `list({ processId })`'s length and first message, in O(1). */
  summary(processId: string): ErrorSummary {
    return this.#store.summary(processId);
  }

  #state(processId: string): ProcessState {
    let st = this.#procs.get(processId);
    if (!st) {
      st = {
        open: undefined,
        prevText: '',
        recent: [],
        lastTs: 0,
        passStart: new Map(),
        runStart: 0,
        supersededEarlier: false,
      };
      this.#procs.set(processId, st);
    }
    return st;
  }

  /** `line` is `lines[at]`; earlier lines of the process are `lines[at - k]`, then `st.recent`. */
  #examine(
    processId: string,
    st: ProcessState,
    line: LogLine,
    out: UpdateBuilder,
    lines: readonly LogLine[],
    at: number,
  ): void {
    const text = head(line.text);
    // A marker line that holds no report fragment cannot start a report (prefilter.ts): a third of an
    // HMR session's lines skip the parsers for one more regex scan.
    if (this.#applyMarkers(processId, st, text, line.ts, out) && !this.#mayStartReport(text)) return;
    const ctx = this.#lookback;
    ctx.prevText = head(st.prevText);
    ctx.lines = lines;
    ctx.at = at;
    ctx.recent = st.recent;
    for (const parser of this.#parsers) {
      const result = parser.start(text, ctx);
      if (result === undefined) continue;
      if (isBlock(result)) {
        const seqs = [line.seq];
        for (let k = 1; k <= Math.min(result.leading ?? 0, LOOKBACK); k++) {
          const earlier = ctx.line(k);
          if (earlier) seqs.unshift(earlier.seq);
        }
        st.open = { block: result, seqs, ts: line.ts };
      } else this.#emit(processId, st, [result], [line.seq], line.ts, out);
      return;
    }
  }

  /**
   * Applies the marker rules a line matches; true when it matched one. A marker only matters while its
   * process has a current record of its kinds: otherwise it resolves nothing, and the pass it starts
   * holds only records reported later, as if it had not been seen.
   */
  #applyMarkers(processId: string, st: ProcessState, text: string, ts: number, out: UpdateBuilder): boolean {
    if (!this.#store.hasCurrent(processId) || !MARKER_HINTS.test(text)) return false;
    let matched = false;
    for (const rule of MARKERS) {
      if (!text.includes(rule.hint) || !this.#store.hasCurrentOf(processId, rule.kinds)) continue;
      if (!rule.test.test(text)) continue;
      this.#applyMarker(processId, st, rule, text, ts, out);
      matched = true;
    }
    return matched;
  }

  #close(processId: string, st: ProcessState, out: UpdateBuilder): void {
    const open = st.open;
    if (open === undefined) return;
    st.open = undefined;
    this.#emit(processId, st, open.block.finish(), open.seqs, open.ts, out);
  }

  #emit(
    processId: string,
    st: ProcessState,
    diags: readonly Diagnostic[],
    seqs: readonly number[],
    ts: number,
    out: UpdateBuilder,
  ): void {
    if (diags.length === 0) return;
    const first = seqs[0]!;
    const last = seqs[seqs.length - 1]!;
    let level: Severity = 'warning';
    const paths = this.#paths;
    for (const d of diags) {
      if (d.severity === 'error') level = 'error';
      const file =
        paths === undefined || d.file === undefined
          ? d.file
          : this.#projectFile(d.file, this.#where(processId, st, paths), paths.root);
      out.addOne(this.#store.record(processId, d, first, last, ts, file));
    }
    for (const seq of seqs) out.levels.push({ seq, level });
  }

  #applyMarker(
    processId: string,
    st: ProcessState,
    rule: MarkerRule,
    text: string,
    now: number,
    out: UpdateBuilder,
  ): void {
    // What this pass reported survives a cycle end; everything else of these kinds is resolved. The
    // records of a kind are kept in report order, so those reported before the pass are a prefix.
    const { passStart, runStart } = st;
    const reportedBy =
      rule.action === 'cycle-end'
        ? (kind: string) => Math.max(passStart.get(kind) ?? 0, runStart)
        : () => Infinity;
    const files = rule.files?.(text);
    if (files === undefined) out.add(this.#store.resolveKinds(processId, rule.kinds, now, reportedBy));
    else {
      const paths = this.#paths;
      if (paths === undefined) out.add(this.#store.resolveFiles(processId, rule.kinds, files, now));
      else {
        // Vite names a file outside its root `/@fs/<absolute path>`: that one file, exactly. Any other
        // name is relative to Vite's root, which is the process's folder or below it: a record of a
        // file under that folder whose path ends with the name (see `sameFile`).
        const where = this.#where(processId, st, paths);
        const named = files.some((f) => f.startsWith('/@fs/'))
          ? files.map((f) => (f.startsWith('/@fs/') ? projectRelative(f.slice(4), where.cwd, paths.root) : f))
          : files;
        out.add(this.#store.resolveFiles(processId, rule.kinds, named, now, where.scope));
      }
    }
    const clock = this.#store.clock;
    for (const kind of rule.kinds) passStart.set(kind, clock);
    this.#supersedeEarlier(processId, st, now, out);
  }

  /** The process's folder and its scope (see `sameFile`), worked out once per process. */
  #where(processId: string, st: ProcessState, paths: PathContext): { cwd: string; scope: string } {
    if (st.where === undefined) {
      const cwd = paths.cwdOf(processId) ?? paths.root;
      st.where = { cwd, scope: scopeOf(cwd, paths.root) ?? `${cwd}/` };
    }
    return st.where;
  }

  /**
   * `file` keyed from the project root (paths.ts): plain names by string operations, the others through
   * a small cache, as reports repeat the same files.
   */
  #projectFile(file: string, where: { cwd: string; scope: string }, root: string): string {
    const fast = projectRelativeFast(file, where.scope, root);
    if (fast !== undefined) return fast;
    const key = `${where.cwd}\0${file}`;
    let known = this.#fileKeys.get(key);
    if (known === undefined) {
      if (this.#fileKeys.size >= 1024) this.#fileKeys.clear();
      // Copies, never slices: `file` is cut out of a whole decoded pipe chunk (~64 KB), and a cached
      // slice would keep that chunk alive and push it into the old generation (hmr: old space 100–135 MB).
      known = detach(projectRelative(file, where.cwd, root));
      this.#fileKeys.set(detach(key), known);
    }
    return known;
  }

  /** Resolves the records of the earlier runs of the process's script (once per run). */
  #supersedeEarlier(processId: string, st: ProcessState, now: number, out: UpdateBuilder): void {
    if (st.supersededEarlier) return;
    st.supersededEarlier = true;
    for (const id of this.#earlierRuns(processId))
      if (id !== processId) out.add(this.#store.resolveAll(id, now));
  }
}

const NO_LINES: readonly LogLine[] = [];
const NO_IDS: readonly string[] = [];

/** True when every line is program output (not `system`) of one process — a pipeline batch. */
function isOneProcessBatch(lines: readonly LogLine[]): boolean {
  const first = lines[0];
  if (first === undefined) return false;
  const last = lines[lines.length - 1]!;
  if (first.stream === 'system' || last.processId !== first.processId) return false;
  for (const line of lines) if (line.processId !== first.processId || line.stream === 'system') return false;
  return true;
}

/** The last `LOOKBACK` lines of `recent` followed by `lines`. */
function rollRecent(recent: readonly LogLine[], lines: readonly LogLine[]): readonly LogLine[] {
  if (lines.length >= LOOKBACK) return lines.slice(lines.length - LOOKBACK);
  return [...recent, ...lines].slice(-LOOKBACK);
}
