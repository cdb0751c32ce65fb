/**
 * The one in-memory engine for front-end tests (TUI components and MCP adapters): real snapshots,
 * real events, the real LogStore and search (so patterns are checked, cursors and limits behave as
 * in the engine), and the engine's rules for starting (an active run is returned as a duplicate; an
 * unknown name is the engine's error with suggestions) — but no processes. The real engine is
 * exercised end to end in test/mcp/*.e2e.test.ts, test/cli and the tmux test.
 */
import type {
  Engine,
  EngineEvents,
  EngineSnapshot,
  ErrorQuery,
  StartResult,
  StopResult,
  WaitResult,
} from '../../src/core/engine-api.js';
import type { BrowserFeed } from '../../src/core/browser/types.js';
import type { ErrorRecord, UrlRecord } from '../../src/core/detect/types.js';
import { BrumError } from '../../src/core/errors.js';
import { TypedEmitter } from '../../src/core/events.js';
import { LogStore } from '../../src/core/logs/log-store.js';
import { searchLogs } from '../../src/core/logs/search.js';
import type {
  LogLevel,
  LogLine,
  LogPage,
  LogReadQuery,
  LogSearchQuery,
  LogSearchResult,
  LogStream,
} from '../../src/core/logs/types.js';
import { ProcessSnapshot } from '../../src/core/process/snapshot.js';
import { resolveScript } from '../../src/core/scripts/resolve.js';
import type { PackageManagerInfo, ScriptInfo } from '../../src/core/scripts/types.js';
import { testBrowserState } from './browser-state.js';

/** The scripts a FakeEngine has when none are named. */
export const DEFAULT_FAKE_SCRIPTS: readonly string[] = ['dev', 'watch', 'fail', 'build'];

export class FakeEngine implements Engine {
  readonly projectDir: string;
  packageManager: PackageManagerInfo = { name: 'npm', source: 'default' };
  /** The real browser state (it has no I/O): tests feed it like the proxy would. */
  readonly browser = testBrowserState();
  readonly events = new TypedEmitter<EngineEvents>((error) => {
    throw error; // a test fake: a listener's bug fails the test
  });
  /** The real log store, with the engine's default limits unless a test gives its own. */
  readonly store: LogStore;
  /** Commands received, in order (`start:dev`, `stop:dev-1`, `search:needle`, …). */
  readonly calls: string[] = [];
  /** Failures reported through `reportFault`, in order. */
  readonly faults: { what: string; error: unknown; ref?: string }[] = [];
  scripts: ScriptInfo[];
  errorList: ErrorRecord[] = [];
  urlList: UrlRecord[] = [];
  #processes = new Map<string, ProcessSnapshot>();
  #revision = 0;
  #runs = 0;

  constructor(
    projectDir = '/project',
    scriptNames: readonly string[] = DEFAULT_FAKE_SCRIPTS,
    limits?: ConstructorParameters<typeof LogStore>[0],
  ) {
    this.projectDir = projectDir;
    this.store = new LogStore(limits);
    this.scripts = scriptNames.map((name) => ({
      name,
      script: name,
      command: `node ${name}.mjs`,
      cwd: projectDir,
      kind: 'script',
    }));
  }

  listScripts(): readonly ScriptInfo[] {
    return this.scripts;
  }
  snapshot(): EngineSnapshot {
    return { revision: this.#revision, processes: [...this.#processes.values()] };
  }
  changesSince(revision: number): EngineSnapshot {
    return {
      revision: this.#revision,
      processes: [...this.#processes.values()].filter((p) => p.revision > revision),
    };
  }
  get(ref: string): ProcessSnapshot | undefined {
    return this.#processes.get(ref) ?? [...this.#processes.values()].reverse().find((p) => p.name === ref);
  }

  /** Adds or replaces a process snapshot and emits `process` (one revision per change, as the engine). */
  put(process: ProcessSnapshot): ProcessSnapshot {
    const previous = this.#processes.get(process.id);
    const next = process.with({ revision: ++this.#revision });
    this.#processes.set(next.id, next);
    this.events.emit('process', { revision: next.revision, process: next, previous });
    return next;
  }

  /** Forgets a finished run, as the engine's bounded run history (`keep_runs`) does. */
  prune(id: string): void {
    const process = this.#processes.get(id);
    if (!process) return;
    this.#processes.delete(id);
    this.store.remove(id);
    this.#revision++;
    this.events.emit('process', { revision: this.#revision, process, previous: process });
  }

  /**
   * Appends lines to the real store (ANSI stripped, level classified like the engine's, unless
   * `level` is given) and emits one `logs` event for the batch.
   */
  log(processId: string, raws: readonly string[], stream: LogStream = 'stdout', level?: LogLevel): LogLine[] {
    const lines = this.store.append(
      processId,
      stream,
      raws,
      undefined,
      Date.now(),
      level ? { classify: () => level } : {},
    );
    if (lines.length > 0)
      this.events.emit('logs', {
        processId,
        firstSeq: lines[0]!.seq,
        lastSeq: lines.at(-1)!.seq,
        lines,
      });
    return lines;
  }

  /** What the network layer reports when it proxies `processId`'s dev server `target`: listening at `proxyUrl`. */
  proxyListening(
    processId: string,
    proxyUrl = 'http://127.0.0.1:7601',
    target = 'http://localhost:5173',
  ): void {
    const port = Number(new URL(proxyUrl).port);
    this.browser.proxyChanged({ processId, target, proxyUrl, port, status: 'listening' });
  }

  /** A GET of `url` through `processId`'s proxy, finished with `outcome`; returns its seq. */
  proxiedRequest(
    processId: string,
    url: string,
    outcome: Parameters<BrowserFeed['requestFinished']>[1],
    time = 1,
  ): number {
    const seq = this.browser.requestStarted({ time, processId, method: 'GET', url });
    this.browser.requestFinished(seq, outcome);
    return seq;
  }

  /** Every stored line, oldest first. */
  get lines(): readonly LogLine[] {
    return this.store.tail(undefined, Number.MAX_SAFE_INTEGER);
  }

  readLogs(query: LogReadQuery): LogPage {
    return this.store.read({ ...query, processId: this.#processId(query.processId) });
  }
  tailLogs(processId: string | undefined, count: number): readonly LogLine[] {
    return this.store.tail(this.#processId(processId), count);
  }
  /** The engine runs this search in a worker; here it runs the same search on this thread. */
  searchLogs(query: LogSearchQuery): Promise<LogSearchResult> {
    try {
      this.calls.push(`search:${query.query}`);
      return Promise.resolve(
        searchLogs(this.store, { ...query, processId: this.#processId(query.processId) }),
      );
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
  scanLogs(query: LogSearchQuery): LogSearchResult {
    this.calls.push(`search:${query.query}`);
    if (query.regex)
      throw new BrumError('INVALID_ARGUMENT', 'scanLogs takes a literal query; use searchLogs for a regex.');
    return searchLogs(this.store, { ...query, processId: this.#processId(query.processId) });
  }
  maskSecrets(text: string): string {
    return text;
  }

  errors(query: ErrorQuery = {}): readonly ErrorRecord[] {
    const processId = this.#processId(query.processId);
    return this.errorList.filter(
      (e) =>
        (query.includeResolved || !e.resolved) &&
        (query.includeWarnings || e.severity === 'error') &&
        (processId === undefined || e.processId === processId),
    );
  }
  urls(processId?: string): readonly UrlRecord[] {
    const id = this.#processId(processId);
    return this.urlList.filter((u) => id === undefined || u.processId === id);
  }

  start(name: string): StartResult {
    this.calls.push(`start:${name}`);
    const running = this.#activeRun(name);
    if (running) return { process: running, duplicate: true };
    const script =
      this.scripts.find((s) => s.name === name) ?? resolveScript({ scripts: this.scripts }, name);
    const id = `${script.name}-${++this.#runs}`;
    const process = this.put(
      new ProcessSnapshot({
        id,
        name: script.name,
        kind: 'script',
        command: script.command,
        cwd: this.projectDir,
        status: 'running',
        pid: 1000 + this.#runs,
        startedAt: Date.now(),
      }),
    );
    return { process, duplicate: false };
  }
  startCommand(command: string, options?: { name?: string }): StartResult {
    this.calls.push(`command:${command}`);
    const name = options?.name ?? command;
    const running = this.#activeRun(name);
    if (running) return { process: running, duplicate: true };
    const process = this.put(
      new ProcessSnapshot({
        id: `cmd-${++this.#runs}`,
        name,
        kind: 'command',
        command,
        cwd: this.projectDir,
      }),
    );
    return { process, duplicate: false };
  }
  async stop(ref: string): Promise<StopResult> {
    this.calls.push(`stop:${ref}`);
    const current = this.#require(ref);
    if (current.isFinished) return { process: current, alreadyFinished: true };
    const process = this.put(current.with({ status: 'stopped', endedAt: Date.now(), signal: 'SIGTERM' }));
    return { process, alreadyFinished: false };
  }
  async restart(ref: string): Promise<ProcessSnapshot> {
    this.calls.push(`restart:${ref}`);
    const current = this.#require(ref);
    return this.put(current.with({ status: 'running', restartCount: current.restartCount + 1 }));
  }
  async restartAll(): Promise<readonly ProcessSnapshot[]> {
    this.calls.push('restart-all');
    return [];
  }
  async stopAll(): Promise<void> {
    this.calls.push('stop-all');
    for (const p of this.#processes.values()) {
      if (p.isActive) this.put(p.with({ status: 'stopped', endedAt: Date.now() }));
    }
  }
  /**
   * `ready`: the run becomes ready at once and prints its URL (`http://localhost:5173/`), recorded on
   * the snapshot and in `urls()` as the engine's URL tracker would; `exit`: it never exits (timeout).
   */
  async waitFor(
    ref: string,
    condition: 'ready' | 'exit' = 'ready',
    _timeoutMs?: number,
  ): Promise<WaitResult> {
    const current = this.#require(ref);
    if (condition === 'exit') return { outcome: 'timeout', process: current };
    if (current.ready) return { outcome: 'ready', process: current };
    const url = 'http://localhost:5173/';
    const seq = this.log(current.id, [`  ➜  Local:   ${url}`])[0]?.seq ?? 0;
    this.urlList.push({ processId: current.id, url, firstSeen: Date.now(), seq });
    const process = this.put(current.with({ ready: true, readyAt: Date.now(), urls: [url] }));
    return { outcome: 'ready', process };
  }
  on<K extends keyof EngineEvents>(event: K, listener: (payload: EngineEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }
  reportFault(what: string, error: unknown, ref?: string): void {
    this.faults.push({ what, error, ...(ref === undefined ? {} : { ref }) });
  }
  killAllNow(): void {
    this.calls.push('kill-all-now');
  }
  async shutdown(): Promise<void> {
    this.calls.push('shutdown');
    await this.stopAll();
  }

  #activeRun(name: string): ProcessSnapshot | undefined {
    return [...this.#processes.values()].find((p) => p.name === name && p.isActive);
  }
  #processId(ref: string | undefined): string | undefined {
    return ref === undefined ? undefined : (this.get(ref)?.id ?? ref);
  }
  #require(ref: string): ProcessSnapshot {
    const process = this.get(ref);
    if (process) return process;
    throw new BrumError('UNKNOWN_PROCESS', `No process "${ref}".`);
  }
}

/** Polls `check` until it returns true (or throws the last assertion after `timeoutMs`). */
export async function waitFor(check: () => boolean | void, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (check() !== false) return;
      lastError = new Error('condition not met');
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw lastError;
    await new Promise((r) => setTimeout(r, 10));
  }
}
