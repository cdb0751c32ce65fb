/**
 * A small in-memory Engine for component tests: real snapshots and real events, no processes.
 * It implements the published `Engine` contract loosely (enough for the TUI), not the real engine's rules.
 */
import type {
  Engine,
  EngineEvents,
  EngineSnapshot,
  ErrorQuery,
  StartResult,
  StopResult,
  WaitResult,
} from '../../../src/core/engine-api.js';
import { BrowserState } from '../../../src/core/browser/state.js';
import type { ErrorRecord, UrlRecord } from '../../../src/core/detect/types.js';
import { TypedEmitter } from '../../../src/core/events.js';
import type {
  LogLevel,
  LogLine,
  LogPage,
  LogReadQuery,
  LogSearchQuery,
  LogSearchResult,
  LogStream,
} from '../../../src/core/logs/types.js';
import { ProcessSnapshot } from '../../../src/core/process/snapshot.js';
import type { PackageManagerInfo, ScriptInfo } from '../../../src/core/scripts/types.js';

export class FakeEngine implements Engine {
  readonly projectDir: string;
  packageManager: PackageManagerInfo = { name: 'npm', source: 'default' };
  /** The real browser state (it has no I/O): tests feed it like the proxy would. */
  readonly browser = new BrowserState(Date.now, (error) => {
    throw error;
  });
  readonly events = new TypedEmitter<EngineEvents>((error) => {
    throw error; // a test fake: a listener's bug fails the test
  });
  readonly calls: string[] = [];
  /** Failures reported through `reportFault`, in order. */
  readonly faults: { what: string; error: unknown; ref?: string }[] = [];
  scripts: ScriptInfo[] = [];
  errorList: ErrorRecord[] = [];
  urlList: UrlRecord[] = [];
  readonly lines: LogLine[] = [];
  #processes = new Map<string, ProcessSnapshot>();
  #revision = 0;
  #seq = 0;
  #runs = 0;

  constructor(projectDir = '/project', scriptNames: string[] = []) {
    this.projectDir = projectDir;
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

  /** Adds or replaces a process snapshot and emits `process`. */
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
    this.#revision++;
    this.events.emit('process', { revision: this.#revision, process, previous: process });
  }

  /** Appends lines and emits one `logs` event for the batch. */
  log(processId: string, raws: string[], stream: LogStream = 'stdout', level?: LogLevel): void {
    const first = this.#seq + 1;
    const batch: LogLine[] = [];
    for (const raw of raws) {
      const seq = ++this.#seq;
      // eslint-disable-next-line no-control-regex
      const text = raw.replace(/\u001B\[[0-9;]*m/g, '');
      const line: LogLine = {
        seq,
        processId,
        stream,
        ts: Date.now(),
        raw,
        text,
        truncated: false,
        level: level ?? 'info',
      };
      this.lines.push(line);
      batch.push(line);
    }
    this.events.emit('logs', { processId, firstSeq: first, lastSeq: this.#seq, lines: batch });
  }

  #scope(processId?: string, streams?: readonly LogStream[]): LogLine[] {
    return this.lines.filter(
      (l) =>
        (processId === undefined || l.processId === processId) && (!streams || streams.includes(l.stream)),
    );
  }
  readLogs(query: LogReadQuery): LogPage {
    const scope = this.#scope(query.processId, query.streams);
    const since = query.since ?? 0;
    const limit = Math.min(query.limit ?? 200, 5000);
    const after = scope.filter((l) => l.seq > since);
    const lines = after.slice(0, limit);
    return {
      lines,
      nextCursor: lines.at(-1)?.seq ?? since,
      gap: false,
      truncated: after.length > lines.length,
      oldestSeq: scope[0]?.seq ?? 0,
      latestSeq: this.#seq,
    };
  }
  tailLogs(processId: string | undefined, count: number): readonly LogLine[] {
    return this.#scope(processId).slice(-count);
  }
  searchLogs(query: LogSearchQuery): Promise<LogSearchResult> {
    try {
      return Promise.resolve(this.scanLogs(query));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
  scanLogs(query: LogSearchQuery): LogSearchResult {
    this.calls.push(`search:${query.query}`);
    let matches = this.#scope(query.processId, query.streams).filter(
      (l) =>
        l.seq > (query.since ?? 0) &&
        l.seq <= (query.until ?? Infinity) &&
        (query.level === undefined || l.level === query.level) &&
        (query.regex ? new RegExp(query.query).test(l.text) : l.text.includes(query.query)),
    );
    if (query.newestFirst) matches = matches.reverse();
    const limit = query.limit ?? 100;
    return {
      matches: matches.slice(0, limit).map((line) => ({ line, before: [], after: [] })),
      hasMore: matches.length > limit,
      timedOut: false,
      scannedLines: this.lines.length,
    };
  }
  maskSecrets(text: string): string {
    return text;
  }

  errors(query: ErrorQuery = {}): readonly ErrorRecord[] {
    return this.errorList.filter(
      (e) =>
        (query.includeResolved || !e.resolved) &&
        (query.includeWarnings || e.severity === 'error') &&
        (query.processId === undefined || e.processId === query.processId),
    );
  }
  urls(processId?: string): readonly UrlRecord[] {
    return this.urlList.filter((u) => processId === undefined || u.processId === processId);
  }

  start(name: string): StartResult {
    this.calls.push(`start:${name}`);
    const id = `${name}-${++this.#runs}`;
    const process = this.put(
      new ProcessSnapshot({
        id,
        name,
        kind: 'script',
        command: `npm run ${name}`,
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
    const id = `cmd-${++this.#runs}`;
    const process = this.put(
      new ProcessSnapshot({
        id,
        name: options?.name ?? command,
        kind: 'command',
        command,
        cwd: this.projectDir,
      }),
    );
    return { process, duplicate: false };
  }
  async stop(ref: string): Promise<StopResult> {
    this.calls.push(`stop:${ref}`);
    const current = this.get(ref);
    if (!current) throw new Error(`unknown ${ref}`);
    const process = this.put(current.with({ status: 'stopped', endedAt: Date.now() }));
    return { process, alreadyFinished: false };
  }
  async restart(ref: string): Promise<ProcessSnapshot> {
    this.calls.push(`restart:${ref}`);
    const current = this.get(ref);
    if (!current) throw new Error(`unknown ${ref}`);
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
  async waitFor(ref: string): Promise<WaitResult> {
    const process = this.get(ref);
    if (!process) throw new Error(`unknown ${ref}`);
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
