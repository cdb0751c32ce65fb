/**
 * The public face of the core: one object with queries, commands and subscriptions.
 * Front-ends (tui/, mcp/, cli/) depend on this interface (or a narrower `Pick` of it), never on internals.
 */
import type { BrowserFeed, BrowserView } from './browser/types.js';
import type { ErrorRecord, UrlRecord } from './detect/types.js';
import type { Unsubscribe } from './events.js';
import type { LogLine, LogPage, LogReadQuery, LogSearchQuery, LogSearchResult } from './logs/types.js';
import type { ProcessSnapshot } from './process/snapshot.js';
import type { PackageManagerInfo, ScriptInfo } from './scripts/types.js';

/** All processes at one revision. Frozen. */
export interface EngineSnapshot {
  readonly revision: number;
  readonly processes: readonly ProcessSnapshot[];
  /**
   * From `changesSince` only: ids of finished runs pruned from the bounded history after the given
   * revision. `removedIncomplete` says some prunes are too old to list: take a full snapshot.
   */
  readonly removed?: readonly string[];
  readonly removedIncomplete?: boolean;
}

export interface StartOptions {
  /** Extra arguments, passed to the script after `--` (never through a shell). */
  readonly args?: readonly string[];
}

export interface StartResult {
  readonly process: ProcessSnapshot;
  /** The script was already running (or starting); `process` is that run, nothing new was started. */
  readonly duplicate: boolean;
}

export interface StopResult {
  readonly process: ProcessSnapshot;
  /** It had already finished; nothing was done. */
  readonly alreadyFinished: boolean;
}

export type WaitCondition = 'ready' | 'exit';

export interface WaitResult {
  /** `ready`: became ready; `exited`: finished (and so will never become ready); `timeout`: neither in time. */
  readonly outcome: 'ready' | 'exited' | 'timeout';
  readonly process: ProcessSnapshot;
}

export interface ErrorQuery {
  readonly processId?: string;
  readonly includeResolved?: boolean;
  readonly includeWarnings?: boolean;
  readonly limit?: number;
}

/** Typed events, one emitter per engine. */
/**
 * A batch's lines' raw and stripped text, each joined by `\n` (`text === raw` when no line had ANSI);
 * `ascii`: every character is ASCII, so a writer may encode them as latin1 (a plain copy).
 */
export interface JoinedText {
  readonly raw: string;
  readonly text: string;
  readonly ascii?: boolean;
}

export interface EngineEvents {
  /** A process snapshot was replaced (status, pid, urls, readiness, errors...). */
  process: {
    readonly revision: number;
    readonly process: ProcessSnapshot;
    readonly previous?: ProcessSnapshot;
  };
  /** New lines were stored (one event per ingested batch, not per line). */
  logs: {
    readonly processId: string;
    readonly firstSeq: number;
    readonly lastSeq: number;
    /** The stored lines themselves (read-only; valid to keep). */
    readonly lines: readonly LogLine[];
    /**
     * The same lines' raw and stripped text, each joined by `\n` (`text === raw` when no line had
     * ANSI), when the engine has them at hand (the hot path): printing a batch then needs no join.
     * `ascii`: every character is ASCII, so a writer may encode them as latin1 (a plain copy).
     */
    readonly joined?: JoinedText;
  };
  /** Error records were added, updated or resolved. */
  errors: { readonly processId: string; readonly changed: readonly ErrorRecord[] };
}

export interface Engine {
  readonly projectDir: string;
  readonly packageManager: PackageManagerInfo;
  /** The browser side: proxies, tabs, page events, proxied requests (fed by `src/browser/`). */
  readonly browser: BrowserView & BrowserFeed;

  // queries
  listScripts(): readonly ScriptInfo[];
  snapshot(): EngineSnapshot;
  /** Processes whose snapshot changed after `revision` (all of them at the current revision). */
  changesSince(revision: number): EngineSnapshot;
  /** By process id, or by script name (its latest run). */
  get(ref: string): ProcessSnapshot | undefined;
  readLogs(query: LogReadQuery): LogPage;
  /** The last `count` lines of a process (or of all). */
  tailLogs(processId: string | undefined, count: number): readonly LogLine[];
  /**
   * Searches stored lines. A regex runs off the main thread within the query's time budget (the result
   * says `timedOut` when the budget cut it short). Rejects with BrumError('INVALID_PATTERN') for a bad
   * or unsupported regular expression.
   */
  searchLogs(query: LogSearchQuery): Promise<LogSearchResult>;
  /** `searchLogs` for a literal (or empty) query, synchronously; throws for `regex: true`. */
  scanLogs(query: LogSearchQuery): LogSearchResult;
  errors(query?: ErrorQuery): readonly ErrorRecord[];
  urls(processId?: string): readonly UrlRecord[];
  /**
   * `text` with every secret brum loaded for a process (`.env`, `env_file`, `env` values under secret
   * names, URL passwords in loaded values; config/secret-values.ts) replaced by a mask. Front-ends that
   * hand output to someone else (MCP) pass logs, search results, errors and status through it.
   */
  maskSecrets(text: string): string;

  // commands
  /** Synchronous check-and-register: concurrent calls for one script start exactly one process. */
  start(name: string, options?: StartOptions): StartResult;
  /** Runs an ad-hoc shell command typed by the local user (never from a remote caller). */
  startCommand(command: string, options?: { name?: string; cwd?: string }): StartResult;
  /** Resolves once the whole process group is gone. */
  stop(ref: string): Promise<StopResult>;
  restart(ref: string): Promise<ProcessSnapshot>;
  restartAll(): Promise<readonly ProcessSnapshot[]>;
  stopAll(): Promise<void>;
  waitFor(ref: string, condition: WaitCondition, timeoutMs: number): Promise<WaitResult>;

  // subscriptions
  on<K extends keyof EngineEvents>(event: K, listener: (payload: EngineEvents[K]) => void): Unsubscribe;

  /**
   * A failure of brum itself that a front-end caught (a notification it could not send, a server
   * error): written as a system line to the log and recorded in the error list, of the process `ref`
   * names or else of brum's own log (`brum`). Repeats are counted, not written each time.
   */
  reportFault(what: string, error: unknown, ref?: string): void;

  /** Synchronous last resort for exit paths that cannot await: SIGKILL every process group still alive. */
  killAllNow(): void;

  /** Stops every process (whole groups) and releases resources. Idempotent. */
  shutdown(): Promise<void>;
}
