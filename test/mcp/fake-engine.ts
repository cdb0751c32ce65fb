/**
 * A small in-memory stand-in for the engine slice the MCP server uses, for unit tests of the
 * adapters (the real engine is exercised end to end in test/mcp/*.e2e.test.ts).
 */
import type {
  EngineEvents,
  EngineSnapshot,
  StartResult,
  StopResult,
  WaitResult,
} from '../../src/core/engine-api.js';
import { BrumError } from '../../src/core/errors.js';
import { TypedEmitter } from '../../src/core/events.js';
import { BrowserState } from '../../src/core/browser/state.js';
import type { ErrorRecord } from '../../src/core/detect/types.js';
import type {
  LogLine,
  LogPage,
  LogReadQuery,
  LogSearchQuery,
  LogSearchResult,
} from '../../src/core/logs/types.js';
import { ProcessSnapshot } from '../../src/core/process/snapshot.js';
import type { ScriptInfo } from '../../src/core/scripts/types.js';
import type { McpEngine } from '../../src/mcp/server/create-server.js';

export class FakeEngine implements McpEngine {
  readonly projectDir = '/project';
  readonly packageManager = { name: 'npm', source: 'default' } as const;
  readonly events = new TypedEmitter<EngineEvents>((error) => {
    throw error; // a test fake: a listener's bug fails the test
  });
  readonly processes = new Map<string, ProcessSnapshot>();
  /** The real bounded browser state (tests feed it as the proxy and the page-client endpoint would). */
  readonly browser = new BrowserState(Date.now, (error) => {
    throw error;
  });
  /** Failures reported through `reportFault`, in order. */
  readonly faults: { what: string; error: unknown; ref?: string }[] = [];
  readonly lines: LogLine[] = [];
  readonly errorRecords: ErrorRecord[] = [];
  revision = 0;
  seq = 0;
  evictedBefore = 0;
  readonly scripts: ScriptInfo[] = ['dev', 'watch', 'fail', 'build'].map((name) => ({
    name,
    script: name,
    command: `node ${name}.mjs`,
    cwd: '/project',
    kind: 'script' as const,
  }));

  listScripts = (): readonly ScriptInfo[] => this.scripts;
  snapshot = (): EngineSnapshot => ({ revision: this.revision, processes: [...this.processes.values()] });
  changesSince = (revision: number): EngineSnapshot => ({
    revision: this.revision,
    processes: [...this.processes.values()].filter((p) => p.revision > revision),
  });
  get = (ref: string): ProcessSnapshot | undefined =>
    this.processes.get(ref) ?? [...this.processes.values()].reverse().find((p) => p.name === ref);

  reportFault(what: string, error: unknown, ref?: string): void {
    this.faults.push({ what, error, ...(ref === undefined ? {} : { ref }) });
  }

  set(next: ProcessSnapshot, previous?: ProcessSnapshot): ProcessSnapshot {
    const p = next.with({ revision: ++this.revision });
    this.processes.set(p.id, p);
    this.events.emit('process', { revision: p.revision, process: p, previous });
    return p;
  }

  log(processId: string, ...texts: string[]): void {
    const first = this.seq + 1;
    const added: LogLine[] = texts.map((text) => ({
      seq: ++this.seq,
      processId,
      stream: 'stdout',
      ts: Date.now(),
      raw: text,
      text,
      truncated: false,
      level: /error/i.test(text) ? 'error' : 'info',
    }));
    this.lines.push(...added);
    this.events.emit('logs', { processId, firstSeq: first, lastSeq: this.seq, lines: added });
  }

  readLogs = (q: LogReadQuery): LogPage => {
    const since = q.since ?? 0;
    const all = this.lines.filter((l) => l.seq > since && (!q.processId || l.processId === q.processId));
    const limit = q.limit ?? 200;
    const out: LogLine[] = [];
    let bytes = 0;
    for (const l of all) {
      if (out.length >= limit || (out.length > 0 && bytes + l.raw.length > (q.maxBytes ?? 256 * 1024))) break;
      out.push(l);
      bytes += l.raw.length;
    }
    return {
      lines: out,
      nextCursor: out.at(-1)?.seq ?? since,
      gap: since + 1 < this.evictedBefore,
      truncated: out.length < all.length,
      oldestSeq: this.lines[0]?.seq ?? 0,
      latestSeq: this.seq,
    };
  };
  tailLogs = (processId: string | undefined, count: number): readonly LogLine[] =>
    this.lines.filter((l) => !processId || l.processId === processId).slice(-count);
  searchLogs = async (q: LogSearchQuery): Promise<LogSearchResult> => {
    await Promise.resolve();
    let test: (s: string) => boolean;
    if (q.regex) {
      let re: RegExp;
      try {
        re = new RegExp(q.query, q.caseSensitive ? '' : 'i');
      } catch (cause) {
        throw new BrumError('INVALID_PATTERN', `Invalid regular expression: ${q.query}`, { cause });
      }
      test = (s) => re.test(s);
    } else {
      test = (s) => (q.caseSensitive ? s.includes(q.query) : s.toLowerCase().includes(q.query.toLowerCase()));
    }
    const hits = this.lines.filter((l) => (!q.processId || l.processId === q.processId) && test(l.text));
    const limit = q.limit ?? 100;
    return {
      matches: hits.slice(0, limit).map((line) => ({ line, before: [], after: [] })),
      hasMore: hits.length > limit,
      timedOut: false,
      scannedLines: this.lines.length,
    };
  };
  /** No secrets were loaded by this fake: nothing to mask. */
  maskSecrets = (text: string): string => text;

  errors = (q?: { processId?: string; includeResolved?: boolean }): readonly ErrorRecord[] =>
    this.errorRecords.filter(
      (e) => (!q?.processId || e.processId === q.processId) && (q?.includeResolved || !e.resolved),
    );
  urls = (processId?: string) =>
    [...this.processes.values()]
      .filter((p) => !processId || p.id === processId)
      .flatMap((p) => p.urls.map((url) => ({ processId: p.id, url, firstSeen: 0, seq: 0 })));

  #runs = 0;
  start = (name: string): StartResult => {
    const existing = this.get(name);
    if (existing?.isActive) return { process: existing, duplicate: true };
    if (!this.scripts.some((s) => s.name === name))
      throw new BrumError('UNKNOWN_SCRIPT', `No script "${name}".`);
    const id = `${name}-${++this.#runs}`;
    const p = this.set(
      new ProcessSnapshot({
        id,
        name,
        kind: 'script',
        command: `node ${name}.mjs`,
        cwd: '/project',
        status: 'running',
        pid: 100 + this.#runs,
        startedAt: Date.now(),
      }),
    );
    return { process: p, duplicate: false };
  };
  waitFor = async (ref: string, condition: 'ready' | 'exit', _timeoutMs: number): Promise<WaitResult> => {
    const p = this.get(ref);
    if (!p) throw new BrumError('UNKNOWN_PROCESS', `No process "${ref}".`);
    if (condition === 'ready') {
      const ready = this.set(p.with({ ready: true, urls: ['http://localhost:5173/'] }), p);
      return { outcome: 'ready', process: ready };
    }
    return { outcome: 'timeout', process: p };
  };
  stop = async (ref: string): Promise<StopResult> => {
    const p = this.get(ref);
    if (!p) throw new BrumError('UNKNOWN_PROCESS', `No process "${ref}".`);
    if (p.isFinished) return { process: p, alreadyFinished: true };
    return {
      process: this.set(p.with({ status: 'stopped', endedAt: Date.now(), signal: 'SIGTERM' }), p),
      alreadyFinished: false,
    };
  };
  restart = async (ref: string): Promise<ProcessSnapshot> => {
    const p = this.get(ref);
    if (!p) throw new BrumError('UNKNOWN_PROCESS', `No process "${ref}".`);
    return this.set(p.with({ status: 'running', restartCount: p.restartCount + 1 }), p);
  };
  on = <K extends keyof EngineEvents>(event: K, listener: (payload: EngineEvents[K]) => void) =>
    this.events.on(event, listener);
}
