/**
 * The immutable view of one process at one moment.
 *
 * A snapshot is never mutated: every change produces a new frozen object (copy-on-write), so a reader
 * holding one can never see fields from two different moments.
 */

/** Lifecycle: pending -> running -> (stopping ->) stopped | succeeded | failed. */
export type ProcessStatus = 'pending' | 'running' | 'stopping' | 'stopped' | 'succeeded' | 'failed';

export const FINISHED_STATUSES: ReadonlySet<ProcessStatus> = new Set(['stopped', 'succeeded', 'failed']);
export const ACTIVE_STATUSES: ReadonlySet<ProcessStatus> = new Set(['pending', 'running', 'stopping']);

/** What a process was started from. */
export type ProcessKind = 'script' | 'command';

export interface ProcessFields {
  /** Unique per run, e.g. `dev-3`. */
  readonly id: string;
  /** The script (or named command) this runs; a process can be addressed by it (its latest run). */
  readonly name: string;
  readonly kind: ProcessKind;
  /** Human-readable command line, e.g. `npm run dev -- --port 3000`. */
  readonly command: string;
  readonly cwd: string;
  readonly status: ProcessStatus;
  readonly pid: number | undefined;
  /** Epoch milliseconds. */
  readonly startedAt: number | undefined;
  readonly endedAt: number | undefined;
  readonly exitCode: number | null | undefined;
  readonly signal: string | null | undefined;
  readonly restartCount: number;
  /**
   * Local URLs this process printed, normalised and deduplicated; bounded (detect/urls.ts): the first
   * few, then the most recently seen.
   */
  readonly urls: readonly string[];
  /** Whether the process is known to be up (printed a URL, matched its ready pattern, or its port accepts). */
  readonly ready: boolean;
  readonly readyAt: number | undefined;
  /** Number of current (unresolved) errors detected in its output. */
  readonly errorCount: number;
  /** Short text of the most recent current error, if any. */
  readonly lastError: string | undefined;
  /** Why the process could not start or why it ended, when brum knows better than an exit code. */
  readonly reason: string | undefined;
  /**
   * Processes of this run still alive although the command brum started (the leader) has exited
   * (background children, daemons): the run stays `running` until they end or it is stopped, which
   * stops them too. 0 while the leader runs and once the run is finished.
   */
  readonly membersLeft: number;
  /** Manager revision at which this snapshot was produced. */
  readonly revision: number;
}

export type ProcessInit = Pick<ProcessFields, 'id' | 'name' | 'kind' | 'command' | 'cwd'> &
  Partial<ProcessFields>;

export class ProcessSnapshot implements ProcessFields {
  readonly id: string;
  readonly name: string;
  readonly kind: ProcessKind;
  readonly command: string;
  readonly cwd: string;
  readonly status: ProcessStatus;
  readonly pid: number | undefined;
  readonly startedAt: number | undefined;
  readonly endedAt: number | undefined;
  readonly exitCode: number | null | undefined;
  readonly signal: string | null | undefined;
  readonly restartCount: number;
  readonly urls: readonly string[];
  readonly ready: boolean;
  readonly readyAt: number | undefined;
  readonly errorCount: number;
  readonly lastError: string | undefined;
  readonly reason: string | undefined;
  readonly membersLeft: number;
  readonly revision: number;

  constructor(init: ProcessInit) {
    this.id = init.id;
    this.name = init.name;
    this.kind = init.kind;
    this.command = init.command;
    this.cwd = init.cwd;
    this.status = init.status ?? 'pending';
    this.pid = init.pid;
    this.startedAt = init.startedAt;
    this.endedAt = init.endedAt;
    this.exitCode = init.exitCode;
    this.signal = init.signal;
    this.restartCount = init.restartCount ?? 0;
    this.urls = Object.freeze([...(init.urls ?? [])]);
    this.ready = init.ready ?? false;
    this.readyAt = init.readyAt;
    this.errorCount = init.errorCount ?? 0;
    this.lastError = init.lastError;
    this.reason = init.reason;
    this.membersLeft = init.membersLeft ?? 0;
    this.revision = init.revision ?? 0;
    Object.freeze(this);
  }

  /** A new snapshot with some fields changed; this one stays as it was. */
  with(changes: Partial<ProcessFields>): ProcessSnapshot {
    return new ProcessSnapshot({ ...this.toJSON(), ...changes });
  }

  get isRunning(): boolean {
    return this.status === 'running' || this.status === 'stopping';
  }

  get isFinished(): boolean {
    return FINISHED_STATUSES.has(this.status);
  }

  get isActive(): boolean {
    return ACTIVE_STATUSES.has(this.status);
  }

  /** Milliseconds from start to end, or to `now` while still running; 0 before the start. */
  duration(now: number = Date.now()): number {
    if (this.startedAt === undefined) return 0;
    return Math.max(0, (this.endedAt ?? now) - this.startedAt);
  }

  /** Plain data, safe to serialise (MCP, JSON output). */
  toJSON(): ProcessFields {
    return {
      id: this.id,
      name: this.name,
      kind: this.kind,
      command: this.command,
      cwd: this.cwd,
      status: this.status,
      pid: this.pid,
      startedAt: this.startedAt,
      endedAt: this.endedAt,
      exitCode: this.exitCode,
      signal: this.signal,
      restartCount: this.restartCount,
      urls: this.urls,
      ready: this.ready,
      readyAt: this.readyAt,
      errorCount: this.errorCount,
      lastError: this.lastError,
      reason: this.reason,
      membersLeft: this.membersLeft,
      revision: this.revision,
    };
  }

  toString(): string {
    const parts = [`${this.id} (${this.name})`, this.status];
    if (this.pid !== undefined) parts.push(`pid ${this.pid}`);
    if (this.exitCode !== undefined && this.exitCode !== null) parts.push(`exit ${this.exitCode}`);
    if (this.signal) parts.push(`signal ${this.signal}`);
    if (this.startedAt !== undefined) parts.push(formatDuration(this.duration()));
    if (this.restartCount > 0)
      parts.push(`${this.restartCount} restart${this.restartCount === 1 ? '' : 's'}`);
    if (this.membersLeft > 0) parts.push(describeMembersLeft(this.membersLeft));
    if (this.ready) parts.push('ready');
    if (this.urls.length > 0) parts.push(this.urls.join(' '));
    // Why it waits, restarts or was not restarted: the text of scripts_status must say it too.
    if (this.reason) parts.push(this.reason);
    return parts.join(' · ');
  }
}

/** `leader exited · 2 processes left`: for a run whose leader exited while others of it still run. */
export function describeMembersLeft(count: number): string {
  return `leader exited · ${count} process${count === 1 ? '' : 'es'} left`;
}

/** `1.2s`, `3m04s`, `2h05m`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
