/**
 * The composition of the core: one object with queries, commands and subscriptions (see engine-api.ts).
 * It receives a validated config and never reads configuration files itself.
 */
import { BrowserState } from '../browser/state.js';
import { systemClock, type Clock } from '../clock.js';
import { DEFAULT_CONFIG } from '../config/defaults.js';
import type { BrumConfig, ProcessConfig } from '../config/types.js';
import { ErrorDetector } from '../detect/detector.js';
import type { Diagnostic, ErrorRecord, UrlRecord } from '../detect/types.js';
import { UrlTracker } from '../detect/urls.js';
import { BrumError } from '../errors.js';
import { TypedEmitter, type Unsubscribe } from '../events.js';
import type {
  Engine,
  EngineEvents,
  EngineSnapshot,
  ErrorQuery,
  StartOptions,
  StartResult,
  StopResult,
  WaitCondition,
  WaitResult,
} from '../engine-api.js';
import { LogStore } from '../logs/log-store.js';
import { PatternWorker } from '../logs/pattern-worker.js';
import { searchLogs, searchLogsOffThread } from '../logs/search.js';
import type { LogLine, LogPage, LogReadQuery, LogSearchQuery, LogSearchResult } from '../logs/types.js';
import { DEFAULT_LOG_LIMITS } from '../logs/types.js';
import { ProcessManager } from '../process/process-manager.js';
import type { ProcessSnapshot } from '../process/snapshot.js';
import { spawnInGroup, type SpawnFn } from '../process/spawner.js';
import type { ScriptCatalog } from '../scripts/discover.js';
import { resolveScript } from '../scripts/resolve.js';
import type { PackageManagerInfo, ScriptInfo } from '../scripts/types.js';
import { OutputPipeline } from './output-pipeline.js';
import { Readiness } from './readiness.js';
import { buildProcessSpec } from './process-spec.js';
import { SecretMasker } from '../config/secret-values.js';
import { FaultReporter, faultLine, type Fault } from './faults.js';
import { uniqueCommandName } from './command-names.js';
import { Supervision } from './supervision.js';

export interface EngineOptions {
  /** Scripts of the project, from `discoverScripts` (the caller reads package.json, not the engine). */
  readonly catalog: ScriptCatalog;
  readonly config?: BrumConfig;
  /** Environment the children inherit (before `.env` files and `env` tables). Default: `process.env`. */
  readonly baseEnv?: Readonly<Record<string, string | undefined>>;
  readonly spawn?: SpawnFn;
  /**
   * Time (snapshots, records) and the restart-backoff timers. Default: `systemClock`; tests pass a
   * `FakeClock` to step through backoff without sleeping.
   */
  readonly clock?: Clock;
  /**
   * An extra stage run on every stored batch of output, after the built-in ones. A stage that throws
   * costs only that batch (see `OutputPipeline.ingest`); tests use it to inject such a fault.
   */
  readonly extraStage?: (processId: string, lines: readonly LogLine[]) => void;
}

const DETECTION_TICK_MS = 200;

export class BrumEngine implements Engine {
  readonly projectDir: string;
  readonly packageManager: PackageManagerInfo;
  readonly config: BrumConfig;
  readonly browser: BrowserState;
  readonly #events: TypedEmitter<EngineEvents>;
  readonly #store: LogStore;
  readonly #detector: ErrorDetector;
  readonly #secrets = new SecretMasker();
  /** User patterns never run on the main thread: one worker for searches, one for `ready_pattern`s. */
  readonly #searchWorker = new PatternWorker();
  readonly #readyWorker = new PatternWorker();
  readonly #urls = new UrlTracker();
  readonly #manager: ProcessManager;
  readonly #readiness: Readiness;
  readonly #pipeline: OutputPipeline;
  readonly #supervision: Supervision;
  readonly #scripts: readonly ScriptInfo[];
  readonly #catalog: ScriptCatalog;
  readonly #now: () => number;
  readonly #tick: NodeJS.Timeout;
  readonly #faults: FaultReporter;
  /** Ad-hoc command line (with its cwd) → the name it was given. */
  readonly #commandNames = new Map<string, string>();
  #shutdown: Promise<void> | undefined;

  constructor(private readonly options: EngineOptions) {
    this.config = options.config ?? DEFAULT_CONFIG;
    this.#catalog = options.catalog;
    this.projectDir = options.catalog.projectDir;
    this.packageManager = options.catalog.packageManager;
    this.#detector = new ErrorDetector({
      earlierRuns: (id) => this.#earlierRuns(id),
      // Records name files relative to the project root, resolved against the printing process's cwd.
      paths: { root: this.projectDir, cwdOf: (id) => this.#manager.get(id)?.cwd },
    });
    const clock = options.clock ?? systemClock;
    this.#now = () => clock.now();
    this.#faults = new FaultReporter((id, fault) => this.#writeFault(id, fault), this.#now);
    // A front-end bug must never stop the core, nor vanish: it goes to brum's own log and error list.
    this.#events = new TypedEmitter<EngineEvents>((error, event) =>
      this.#faults.report(`a listener of "${String(event)}" events`, error),
    );
    this.browser = new BrowserState(
      this.#now,
      (error, event) => this.#faults.report(`a listener of browser "${event}" events`, error),
      {
        report: (id, diagnostic, at) => this.#reportBrowserError(id, diagnostic, at),
        resolve: (id, fingerprints) =>
          this.#pipeline.applyDetection(id, this.#detector.resolveRecords(id, fingerprints, this.#now())),
      },
    );
    this.#store = new LogStore({
      ...DEFAULT_LOG_LIMITS,
      perProcessBytes: this.config.logBufferBytes,
      totalBytes: this.config.logTotalBytes,
    });
    this.#scripts = [...options.catalog.scripts, ...commandScripts(this.config, this.projectDir)];
    this.#manager = new ProcessManager({
      spawn: options.spawn ?? spawnInGroup,
      events: this.#events,
      stopGraceMs: this.config.stopGraceMs,
      maxLineBytes: DEFAULT_LOG_LIMITS.maxLineBytes,
      keepRuns: this.config.keepRuns,
      now: this.#now,
      hooks: {
        onLines: (id, stream, lines, truncated, source) =>
          this.#pipeline.ingest(id, stream, lines, truncated, source),
        onSystemLine: (id, text) => this.#pipeline.system(id, text),
        onIngestError: (id, error) => this.#pipeline.failed(id, error),
        onExit: (snapshot) => this.#onExit(snapshot),
        onPruned: (ids) => this.#onPruned(ids),
        isPinned: (id) => this.#supervision.hasPendingRestart(id),
      },
    });
    this.#readiness = new Readiness(
      this.#manager,
      this.#events,
      (name) => this.#configFor(name),
      this.#now,
      this.#readyWorker,
      (id, text) => this.#pipeline.system(id, text),
    );
    this.#pipeline = new OutputPipeline(
      this.#store,
      this.#detector,
      this.#urls,
      this.#manager,
      this.#readiness,
      this.#events,
      options.extraStage,
    );
    this.#supervision = new Supervision({
      manager: this.#manager,
      configFor: (name) => this.#configFor(name),
      startDependency: (name) => this.start(name),
      waitFor: (ref, condition, ms) => this.waitFor(ref, condition, ms),
      launch: (id) => this.#launch(id),
      restart: (id) => this.#restartRun(id),
      reportFault: (what, error, id) => this.#faults.report(what, error, id),
      clock,
      note: (id, text) => void this.#pipeline.system(id, text),
    });
    this.#tick = setInterval(() => {
      this.#pipeline.applyDetection('', this.#detector.tick(this.#now()));
    }, DETECTION_TICK_MS);
    this.#tick.unref();
  }

  // ── queries ──────────────────────────────────────────────────────────────

  listScripts(): readonly ScriptInfo[] {
    return this.#scripts;
  }

  snapshot(): EngineSnapshot {
    return this.#manager.snapshot();
  }

  changesSince(revision: number): EngineSnapshot {
    return this.#manager.changesSince(revision);
  }

  get(ref: string): ProcessSnapshot | undefined {
    return this.#manager.get(ref);
  }

  readLogs(query: LogReadQuery): LogPage {
    return this.#store.read({ ...query, processId: this.#processId(query.processId) });
  }

  tailLogs(processId: string | undefined, count: number): readonly LogLine[] {
    return this.#store.tail(this.#processId(processId), count);
  }

  searchLogs(query: LogSearchQuery): Promise<LogSearchResult> {
    try {
      const scoped = { ...query, processId: this.#processId(query.processId) };
      return searchLogsOffThread(this.#store, scoped, this.#searchWorker);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  scanLogs(query: LogSearchQuery): LogSearchResult {
    if (query.regex)
      throw new BrumError('INVALID_ARGUMENT', 'scanLogs takes a literal query; use searchLogs for a regex.');
    return searchLogs(this.#store, { ...query, processId: this.#processId(query.processId) });
  }

  errors(query: ErrorQuery = {}): readonly ErrorRecord[] {
    return this.#detector.list({ ...query, processId: this.#processId(query.processId) });
  }

  urls(processId?: string): readonly UrlRecord[] {
    return this.#urls.list(this.#processId(processId));
  }

  // ── commands ─────────────────────────────────────────────────────────────

  start(name: string, options: StartOptions = {}): StartResult {
    this.#assertOpen();
    const running = this.#manager.activeRun(name);
    if (running) return { process: running, duplicate: true };
    const script = this.#resolve(name);
    // From here to `register` nothing awaits: concurrent starts of one script cannot both get past the check.
    const spec = buildProcessSpec(script, this.#specContext(), options.args ?? []);
    const snapshot = this.#manager.register(spec);
    return { process: this.#supervision.begin(snapshot), duplicate: false };
  }

  startCommand(command: string, options: { name?: string; cwd?: string } = {}): StartResult {
    this.#assertOpen();
    const line = command.trim();
    if (line === '') throw new BrumError('INVALID_ARGUMENT', 'Type a command to run.');
    const cwd = options.cwd ?? this.projectDir;
    // The same command line again is the same process (like a script): a duplicate while it runs, a
    // new run under its name once it ended. A different one gets a name of its own (command-names.ts).
    const key = `${cwd}\0${line}`;
    let name = this.#commandNames.get(key);
    if (name !== undefined) {
      const running = this.#manager.activeRun(name);
      if (running) return { process: running, duplicate: true };
    } else {
      name = options.name ?? uniqueCommandName(line, (n) => this.#nameTaken(n));
      if (options.name !== undefined && this.#nameTaken(name))
        throw new BrumError('INVALID_ARGUMENT', `The name "${name}" is taken (a script or another process).`);
      this.#commandNames.set(key, name);
    }
    const script: ScriptInfo = { name, script: name, command: line, cwd, kind: 'command' };
    const snapshot = this.#manager.register(buildProcessSpec(script, this.#specContext(), []));
    return { process: this.#launch(snapshot.id), duplicate: false };
  }

  async stop(ref: string): Promise<StopResult> {
    const target = this.#require(ref);
    this.#supervision.cancel(target.id);
    const { snapshot, alreadyFinished } = await this.#manager.stop(target.id);
    return { process: snapshot, alreadyFinished };
  }

  async restart(ref: string): Promise<ProcessSnapshot> {
    this.#assertOpen();
    const target = this.#require(ref);
    this.#supervision.cancel(target.id);
    return this.#restartRun(target.id);
  }

  async restartAll(): Promise<readonly ProcessSnapshot[]> {
    const latest = new Map<string, ProcessSnapshot>();
    for (const p of this.snapshot().processes) latest.set(p.name, p);
    return Promise.all([...latest.values()].map((p) => this.restart(p.id)));
  }

  async stopAll(): Promise<void> {
    this.#supervision.cancelAll();
    await this.#manager.stopAll();
  }

  waitFor(ref: string, condition: WaitCondition, timeoutMs: number): Promise<WaitResult> {
    this.#require(ref);
    return this.#readiness.waitFor(ref, condition, timeoutMs);
  }

  on<K extends keyof EngineEvents>(event: K, listener: (payload: EngineEvents[K]) => void): Unsubscribe {
    return this.#events.on(event, listener);
  }

  shutdown(): Promise<void> {
    this.#shutdown ??= (async () => {
      clearInterval(this.#tick);
      this.browser.dispose();
      await this.stopAll();
      this.#readiness.dispose();
      await Promise.all([this.#searchWorker.close(), this.#readyWorker.close()]);
    })();
    return this.#shutdown;
  }

  reportFault(what: string, error: unknown, processRef?: string): void {
    this.#faults.report(what, error, processRef === undefined ? undefined : this.#processId(processRef));
  }

  /** Synchronous last resort for exit paths that cannot await: SIGKILL every group still alive. */
  killAllNow(): void {
    this.#manager.killAllNow();
  }

  // ── internals ────────────────────────────────────────────────────────────

  /** Restart (user or policy): the new run starts with no URLs and the old run's errors resolved. */
  async #restartRun(id: string): Promise<ProcessSnapshot> {
    const snapshot = await this.#manager.restart(id);
    // Runs before any output of the new run can arrive (I/O callbacks come after this microtask).
    this.#urls.clear(id);
    this.#pipeline.applyDetection(id, this.#detector.processRestarted(id, this.#now()));
    if (snapshot.status === 'running') this.#readiness.onSpawned(snapshot);
    return snapshot;
  }

  /**
   * A browser error a tab of process `id` reported: a record of kind `browser`, and a system line in
   * the process's log the first time a load reports it (`at.line`).
   */
  #reportBrowserError(
    id: string,
    diagnostic: Diagnostic,
    at: { line: string } | { seq: number },
  ): ErrorRecord | undefined {
    if (this.#manager.get(id) === undefined) return undefined;
    const seq = 'line' in at ? this.#pipeline.system(id, at.line).seq : at.seq;
    const update = this.#detector.report(id, diagnostic, seq, this.#now());
    this.#pipeline.applyDetection(id, update);
    return update.changed[0];
  }

  /** A failure of brum itself: a system line in the log and a record in the error list, both of `id`. */
  #writeFault(id: string, fault: Fault): void {
    const line = this.#pipeline.system(id, faultLine(fault));
    const diagnostic = {
      severity: 'error',
      kind: 'brum',
      message: `${fault.what} failed: ${fault.message}`,
      stack: fault.stack,
    } as const;
    this.#pipeline.applyDetection(id, this.#detector.report(id, diagnostic, line.seq, line.ts));
  }

  #launch(id: string): ProcessSnapshot {
    const snapshot = this.#manager.launch(id);
    if (snapshot.status === 'running') this.#readiness.onSpawned(snapshot);
    return snapshot;
  }

  #onExit(snapshot: ProcessSnapshot): void {
    this.#readiness.onExit(snapshot.id);
    this.#pipeline.applyDetection(
      snapshot.id,
      this.#detector.processExited(
        snapshot.id,
        snapshot.exitCode ?? null,
        this.#now(),
        snapshot.status === 'stopped' || (snapshot.signal ?? null) !== null,
      ),
    );
    if (!this.#shutdown) this.#supervision.onExit(snapshot);
  }

  /** The runs of the same script (or command) registered before run `id`, oldest first. */
  #earlierRuns(id: string): string[] {
    const processes = this.#manager.snapshot().processes;
    const name = this.#manager.get(id)?.name;
    const out: string[] = [];
    for (const p of processes) {
      if (p.id === id) break;
      if (p.name === name) out.push(p.id);
    }
    return out;
  }

  /** Runs pruned from the bounded history take their logs, errors and URLs with them. */
  #onPruned(ids: readonly string[]): void {
    for (const id of ids) {
      this.#store.remove(id);
      this.#detector.forget(id);
      this.#urls.clear(id);
      this.#supervision.forget(id);
    }
  }

  /** A script, configured command or `[scripts.*]` table has that name, or a process has that name or id. */
  #nameTaken(name: string): boolean {
    return (
      this.#scripts.some((s) => s.name === name) ||
      Object.hasOwn(this.config.scripts, name) ||
      this.#manager.get(name) !== undefined
    );
  }

  #configFor(name: string): ProcessConfig | undefined {
    return this.config.scripts[name] ?? this.config.commands[name];
  }

  #specContext() {
    return {
      packageManager: this.packageManager.name,
      baseEnv: this.options.baseEnv ?? process.env,
      projectDir: this.projectDir,
      configFor: (name: string) => this.#configFor(name),
      onSecrets: (values: readonly string[]) => this.#secrets.add(values),
    };
  }

  maskSecrets(text: string): string {
    return this.#secrets.mask(text);
  }

  #resolve(name: string): ScriptInfo {
    const exact = this.#scripts.find((s) => s.name === name);
    if (exact) return exact;
    return resolveScript({ ...this.#catalog, scripts: this.#scripts }, name);
  }

  /** Accepts a process id or a script name; unknown names pass through (queries then find nothing). */
  #processId(ref: string | undefined): string | undefined {
    if (ref === undefined) return undefined;
    return this.#manager.get(ref)?.id ?? ref;
  }

  #require(ref: string): ProcessSnapshot {
    const snapshot = this.#manager.get(ref);
    if (snapshot) return snapshot;
    const known = [...new Set(this.snapshot().processes.flatMap((p) => [p.id, p.name]))];
    throw new BrumError(
      'UNKNOWN_PROCESS',
      `No process "${ref}". ` +
        (known.length > 0
          ? `Known processes: ${known.slice(0, 20).join(', ')}.`
          : 'Nothing has been started yet; start a script first.'),
      { details: { known } },
    );
  }

  #assertOpen(): void {
    if (this.#shutdown)
      throw new BrumError('SHUTTING_DOWN', 'brum is shutting down; no new processes are started.');
  }
}

function commandScripts(config: BrumConfig, projectDir: string): ScriptInfo[] {
  return Object.entries(config.commands).map(([name, command]) => ({
    name,
    script: name,
    command: command.run,
    cwd: command.cwd ?? projectDir,
    kind: 'command' as const,
  }));
}
