/**
 * Browser errors as error records: what a tab reports (uncaught errors, unhandled rejections,
 * console.error / console.warn) becomes a record of kind `browser` of the process whose dev server
 * the tab is on, deduplicated and counted by the record store like any other.
 *
 * Resolution follows the tab: a new load of a tab (reload, navigation) or a hot update of a file
 * starts a *pass*; once the pass has settled (no report for `SETTLE_MS` after the page's load event
 * or the update, at most `MAX_PASS_MS`), the records the tab reported before the pass and not again
 * during it are resolved — for a hot update only those of the updated files. An error that needs a
 * click to happen is resolved by a reload that does not click: that is the rule ("a reload no longer
 * reproduces it"), and the next click reopens it.
 */
import type { Diagnostic, ErrorRecord } from '../detect/types.js';
import type { TelemetryEvent } from './types.js';

export const SETTLE_MS = 1_500;
export const MAX_PASS_MS = 10_000;
/** Records remembered per tab for resolution; the oldest are forgotten past it (they stay current). */
const MAX_TRACKED_PER_TAB = 500;
const MAX_TABS = 200;
const MAX_MESSAGE = 500;
const MAX_FRAMES = 20;

/** Where browser records go: the engine's error detector, and a line in the process's log. */
export interface BrowserErrorSink {
  /**
   * Records one occurrence. `at.line`: a line to write to the process's log for it; `at.seq`: no new
   * line, the occurrence belongs to that earlier one. Undefined when the process is unknown.
   */
  report(
    processId: string,
    diagnostic: Diagnostic,
    at: { line: string } | { seq: number },
  ): ErrorRecord | undefined;
  resolve(processId: string, fingerprints: readonly string[]): void;
}

interface Tracked {
  readonly processId: string;
  readonly fingerprint: string;
  readonly file: string | undefined;
  /** Counter value at its latest report by this tab. */
  stamp: number;
  /** Its log line, and the load that wrote it: one line per record per load. */
  seq: number;
  load: string;
}

interface Pass {
  readonly start: number;
  /** Project-relative files of a hot update; undefined for a whole new load. */
  readonly files: readonly string[] | undefined;
  readonly startedAt: number;
  timer: NodeJS.Timeout | undefined;
  /** A new load waits for the page's load event before it can settle. */
  loaded: boolean;
}

interface TabErrors {
  readonly tracked: Map<string, Tracked>;
  load: string;
  pass: Pass | undefined;
}

export class PageErrors {
  readonly #tabs = new Map<string, TabErrors>();
  #counter = 0;

  constructor(
    private readonly sink: BrowserErrorSink,
    private readonly now: () => number,
  ) {}

  /** A tab connected with load `load`: a different load than before starts a pass. */
  loadStarted(tab: string, load: string): void {
    const state = this.#tab(tab);
    if (state.load === load) return;
    state.load = load;
    if (state.tracked.size > 0) this.#startPass(tab, state, undefined, false);
  }

  /** Stored events of one tab: errors become records; load events and hot updates drive passes. */
  onEvents(tab: string, events: readonly TelemetryEvent[]): void {
    const state = this.#tab(tab);
    for (const event of events) {
      if (event.kind === 'navigation' && event.data?.['phase'] === 'load') this.#loaded(tab, state);
      const updated = event.kind === 'console' ? hotUpdatedFiles(event.message) : undefined;
      if (updated !== undefined && state.tracked.size > 0) this.#startPass(tab, state, updated, true);
      const diagnostic = diagnosticOf(event);
      if (diagnostic !== undefined && event.processId !== undefined)
        this.#report(tab, state, event.processId, diagnostic);
    }
  }

  /** Stops pending timers (engine shutdown). */
  dispose(): void {
    for (const state of this.#tabs.values()) if (state.pass?.timer) clearTimeout(state.pass.timer);
    this.#tabs.clear();
  }

  #report(tab: string, state: TabErrors, processId: string, d: Diagnostic): void {
    const key = `${processId}\0${d.severity}\0${d.code ?? ''}\0${d.message}\0${d.file ?? ''}:${d.line ?? ''}`;
    const known = state.tracked.get(key);
    const where =
      d.file === undefined
        ? ''
        : ` (${d.file}${d.line === undefined ? '' : `:${d.line}`}${d.column === undefined ? '' : `:${d.column}`})`;
    const at =
      known !== undefined && known.load === state.load
        ? { seq: known.seq }
        : {
            line: `browser tab ${tab}: ${d.severity === 'error' ? 'error' : 'warning'}: ${d.message}${where}`,
          };
    const record = this.sink.report(processId, d, at);
    if (record === undefined) return;
    const stamp = ++this.#counter;
    state.tracked.delete(key); // re-insert: the Map's order is report order, the oldest go first
    state.tracked.set(key, {
      processId,
      fingerprint: record.fingerprint,
      file: d.file,
      stamp,
      seq: record.seqStart,
      load: state.load,
    });
    if (state.tracked.size > MAX_TRACKED_PER_TAB) {
      const oldest = state.tracked.keys().next().value;
      if (oldest !== undefined) state.tracked.delete(oldest);
    }
    if (state.pass !== undefined) this.#schedule(tab, state);
  }

  #startPass(tab: string, state: TabErrors, files: readonly string[] | undefined, loaded: boolean): void {
    if (state.pass?.timer) clearTimeout(state.pass.timer);
    state.pass = { start: this.#counter, files, startedAt: this.now(), timer: undefined, loaded };
    this.#schedule(tab, state);
  }

  #loaded(tab: string, state: TabErrors): void {
    if (state.pass === undefined || state.pass.loaded) return;
    state.pass.loaded = true;
    this.#schedule(tab, state);
  }

  /** (Re)arms the settle timer: `SETTLE_MS` after the latest activity, never past `MAX_PASS_MS`. */
  #schedule(tab: string, state: TabErrors): void {
    const pass = state.pass!;
    if (pass.timer) clearTimeout(pass.timer);
    const left = pass.startedAt + MAX_PASS_MS - this.now();
    const delay = pass.loaded ? Math.min(SETTLE_MS, left) : left;
    pass.timer = setTimeout(() => this.#settle(tab, state, pass), Math.max(0, delay));
    pass.timer.unref();
  }

  #settle(_tab: string, state: TabErrors, pass: Pass): void {
    if (state.pass !== pass) return;
    state.pass = undefined;
    const byProcess = new Map<string, string[]>();
    for (const [key, t] of state.tracked) {
      if (t.stamp > pass.start) continue; // reported again during the pass: still there
      if (pass.files !== undefined && (t.file === undefined || !pass.files.includes(t.file))) continue;
      state.tracked.delete(key);
      const list = byProcess.get(t.processId) ?? [];
      list.push(t.fingerprint);
      byProcess.set(t.processId, list);
    }
    for (const [processId, fps] of byProcess) this.sink.resolve(processId, fps);
  }

  #tab(tab: string): TabErrors {
    let state = this.#tabs.get(tab);
    if (state === undefined) {
      state = { tracked: new Map(), load: '', pass: undefined };
      this.#tabs.set(tab, state);
      if (this.#tabs.size > MAX_TABS) {
        const oldest = this.#tabs.keys().next().value;
        if (oldest !== undefined && oldest !== tab) this.#tabs.delete(oldest);
      }
    }
    return state;
  }
}

/**
 * The project files a hot update names, from the dev server's own console line (Vite:
 * `[vite] hot updated: /src/App.tsx`); undefined for any other message.
 */
export function hotUpdatedFiles(message: string): readonly string[] | undefined {
  const vite = /^\[vite\] (?:css )?hot updated: (\S+)/.exec(message);
  if (vite === null) return undefined;
  return [vite[1]!.replace(/^\/+/, '').replace(/[?#].*$/, '')];
}

/** The record an event stands for: uncaught errors, rejections, console.error/warn; else undefined. */
export function diagnosticOf(event: TelemetryEvent): Diagnostic | undefined {
  const isError = event.kind === 'error';
  const isConsole = event.kind === 'console' && (event.level === 'error' || event.level === 'warn');
  if ((!isError && !isConsole) || event.data?.['brum'] === true) return undefined;
  const name = typeof event.data?.['name'] === 'string' ? event.data['name'] : undefined;
  const code = isConsole ? `console.${event.level === 'warn' ? 'warn' : 'error'}` : (name ?? 'Error');
  const firstLine = event.message.split('\n', 1)[0] ?? '';
  const message = firstLine.length > MAX_MESSAGE ? `${firstLine.slice(0, MAX_MESSAGE)}…` : firstLine;
  return {
    severity: event.level === 'warn' ? 'warning' : 'error',
    kind: 'browser',
    code,
    message: message === '' ? '(empty message)' : message,
    file: event.location?.file,
    line: event.location?.line,
    column: event.location?.column,
    stack: (event.stack ?? []).slice(0, MAX_FRAMES),
  };
}
