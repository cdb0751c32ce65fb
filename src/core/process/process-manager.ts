/**
 * Owns every process: their frozen snapshots, the manager-wide revision, spawning and stopping whole groups.
 *
 * Contracts:
 * - Every change replaces one snapshot and bumps `revision` by one, then emits one `process` event.
 * - `register` is synchronous, so "is it running? if not, start it" can never race.
 * - `stop` resolves only when the whole process group is gone, and the run's processes that left it
 *   (found by their environment marker, see run-marker.ts) too.
 * - A run whose leader exited while others of its processes live stays `running` (`membersLeft`)
 *   until they end or it is stopped.
 */
import type { ChildProcess } from 'node:child_process';
import type { TypedEmitter } from '../events.js';
import type { EngineEvents, EngineSnapshot } from '../engine-api.js';
import {
  drainChild,
  type ChildExit,
  type ChunkSource,
  type LineSink,
  type OutputStream,
} from './child-output.js';
import { killGroupsNow, stopGroup } from './group-stop.js';
import { transition, type LifecycleEvent } from './lifecycle.js';
import { IngestQueue } from './ingest-queue.js';
import { isGroupAlive } from './process-group.js';
import { listPids, plural, RunTrees } from './run-tree.js';
import { ProcessSnapshot, type ProcessFields, type ProcessKind } from './snapshot.js';
import type { SpawnFn, SpawnSpec } from './spawner.js';
import { describeResourceError } from '../errors.js';

export interface ProcessSpec {
  readonly name: string;
  readonly kind: ProcessKind;
  /** Readable command line for display. */
  readonly display: string;
  readonly spawn: SpawnSpec;
}

export interface ManagerHooks {
  /** Output lines of a process, one call per chunk. */
  readonly onLines: (
    processId: string,
    stream: OutputStream,
    lines: string[],
    truncated: boolean[] | undefined,
    source: ChunkSource | undefined,
  ) => void;
  /** A line brum writes itself into a process's log (restart markers, spawn errors). */
  readonly onSystemLine: (processId: string, text: string) => void;
  /**
   * Handling a chunk of this process's output threw; the chunk was skipped. Must not throw (if it
   * does, the failure is dropped: nothing may stop the other processes' output).
   */
  readonly onIngestError?: (processId: string, error: unknown) => void;
  /** A run ended (after its output was drained). */
  readonly onExit?: (snapshot: ProcessSnapshot) => void;
  /** Finished runs were pruned from the history: drop what else is kept about them (logs, errors). */
  readonly onPruned?: (ids: readonly string[]) => void;
  /** A finished run that must stay although it is old (e.g. an automatic restart is scheduled). */
  readonly isPinned?: (id: string) => boolean;
}

export interface ManagerOptions {
  readonly spawn: SpawnFn;
  readonly events: TypedEmitter<EngineEvents>;
  readonly hooks: ManagerHooks;
  readonly stopGraceMs: number;
  readonly maxLineBytes: number;
  /** Finished runs kept per name (at least 1); older ones are pruned when a new run registers. */
  readonly keepRuns?: number;
  /** Finished runs kept in all (ad-hoc commands each have their own name). */
  readonly keepRunsTotal?: number;
  readonly now?: () => number;
}

/** Default finished runs kept per name. */
export const DEFAULT_KEEP_RUNS = 10;
/** Default finished runs kept in all. */
export const DEFAULT_KEEP_RUNS_TOTAL = 200;
/** Prunes remembered for `changesSince` callers. */
const MAX_REMOVALS = 1000;

interface Entry {
  snapshot: ProcessSnapshot;
  readonly spec: ProcessSpec;
  child: ChildProcess | undefined;
  /** Resolves when the current run's leader has exited and its output was drained. */
  exited: Promise<void>;
  /** How the current run's leader ended, once it has. */
  exit: (ChildExit & { spawnError?: Error }) | undefined;
  stopping: Promise<void> | undefined;
}

export class ProcessManager {
  readonly #entries = new Map<string, Entry>();
  readonly #latestByName = new Map<string, string>();
  /** Process groups started and possibly still alive: the exit handler kills these. */
  readonly #groups = new Set<number>();
  /** Output of all children is processed through one queue, in slices (see ingest-queue.ts). */
  readonly #ingest = new IngestQueue();
  /** The processes of each run beyond its group, and the watch over runs whose leader exited. */
  readonly #trees = new RunTrees();
  #revision = 0;
  #counter = 0;
  #cached: EngineSnapshot | undefined;
  /** Pruned run ids with the revision that removed them, oldest first, at most MAX_REMOVALS. */
  readonly #removals: { readonly id: string; readonly revision: number }[] = [];
  /** The revision of the newest removal that no longer fits in `#removals` (0: none was dropped). */
  #removalsLostUpTo = 0;
  readonly #now: () => number;

  constructor(private readonly options: ManagerOptions) {
    this.#now = options.now ?? Date.now;
  }

  get revision(): number {
    return this.#revision;
  }

  /** By id, or by name (its latest run). */
  get(ref: string): ProcessSnapshot | undefined {
    const entry = this.#entries.get(ref) ?? this.#entries.get(this.#latestByName.get(ref) ?? '');
    return entry?.snapshot;
  }

  /** The latest run of `name` if it is pending, running or stopping. */
  activeRun(name: string): ProcessSnapshot | undefined {
    const latest = this.get(name);
    return latest && latest.isActive && latest.name === name ? latest : undefined;
  }

  snapshot(): EngineSnapshot {
    if (this.#cached?.revision !== this.#revision) {
      const processes = Object.freeze([...this.#entries.values()].map((e) => e.snapshot));
      this.#cached = Object.freeze({ revision: this.#revision, processes });
    }
    return this.#cached;
  }

  changesSince(revision: number): EngineSnapshot {
    const current = this.snapshot();
    if (revision >= current.revision) return Object.freeze({ revision: current.revision, processes: [] });
    const processes = Object.freeze(current.processes.filter((p) => p.revision > revision));
    const removed = this.#removals.filter((r) => r.revision > revision).map((r) => r.id);
    const complete = this.#removalsLostUpTo <= revision;
    return Object.freeze({
      revision: current.revision,
      processes,
      ...(removed.length > 0 || !complete ? { removed: Object.freeze(removed) } : {}),
      ...(complete ? {} : { removedIncomplete: true }),
    });
  }

  /** Registers a new run in state `pending` (synchronously) and returns its snapshot. */
  register(spec: ProcessSpec): ProcessSnapshot {
    this.#counter += 1;
    const id = `${spec.name}-${this.#counter}`;
    const snapshot = new ProcessSnapshot({
      id,
      name: spec.name,
      kind: spec.kind,
      command: spec.display,
      cwd: spec.spawn.cwd,
    });
    const entry: Entry = {
      snapshot,
      spec,
      child: undefined,
      exited: Promise.resolve(),
      exit: undefined,
      stopping: undefined,
    };
    this.#prune(spec.name);
    this.#entries.set(id, entry);
    this.#latestByName.set(spec.name, id);
    this.#commit(entry, {});
    return entry.snapshot;
  }

  /**
   * Bounded history: keeps the newest `keepRuns - 1` finished runs of `name` (a new run of it is about
   * to register, which makes `keepRuns` once it ends) and at most `keepRunsTotal` finished runs in all.
   * Active runs and pinned ones are never pruned. Process groups stay in `#groups`: members a pruned
   * run left behind are still swept at exit.
   */
  #prune(name: string): void {
    const perName = Math.max(1, this.options.keepRuns ?? DEFAULT_KEEP_RUNS) - 1;
    const total = Math.max(1, this.options.keepRunsTotal ?? DEFAULT_KEEP_RUNS_TOTAL) - 1;
    const pinned = this.options.hooks.isPinned ?? (() => false);
    // Map order is registration order: oldest first.
    const finished = [...this.#entries.values()].filter(
      (e) => e.snapshot.isFinished && !e.stopping && !pinned(e.snapshot.id),
    );
    const ofName = finished.filter((e) => e.snapshot.name === name);
    const victims = new Set(ofName.slice(0, Math.max(0, ofName.length - perName)));
    const rest = finished.filter((e) => !victims.has(e));
    for (const e of rest.slice(0, Math.max(0, rest.length - total))) victims.add(e);
    if (victims.size === 0) return;
    this.#revision += 1;
    const ids: string[] = [];
    for (const e of victims) {
      this.#entries.delete(e.snapshot.id);
      if (this.#latestByName.get(e.snapshot.name) === e.snapshot.id)
        this.#latestByName.delete(e.snapshot.name);
      ids.push(e.snapshot.id);
      this.#removals.push({ id: e.snapshot.id, revision: this.#revision });
    }
    if (this.#removals.length > MAX_REMOVALS) {
      const lost = this.#removals.splice(0, this.#removals.length - MAX_REMOVALS);
      this.#removalsLostUpTo = lost[lost.length - 1]!.revision;
    }
    this.options.hooks.onPruned?.(ids);
  }

  /** Spawns a registered, pending run. Synchronous: the pid is known on return (unless spawning failed). */
  launch(id: string): ProcessSnapshot {
    const entry = this.#require(id);
    if (entry.snapshot.status !== 'pending') return entry.snapshot;
    const { hooks, maxLineBytes } = this.options;
    let child: ChildProcess;
    const spawn = { ...entry.spec.spawn, env: { ...entry.spec.spawn.env, ...this.#trees.env(id) } };
    try {
      child = this.options.spawn(spawn);
    } catch (error) {
      this.#fail(entry, error);
      return entry.snapshot;
    }
    entry.child = child;
    // One chunk of one process must never take brum down: a throw costs that chunk, and is reported.
    const failed = (error: unknown): void => {
      try {
        hooks.onIngestError?.(id, error);
      } catch {
        // see ManagerHooks.onIngestError
      }
    };
    const sink: LineSink = (stream, lines, truncated, source) => {
      try {
        hooks.onLines(id, stream, lines, truncated, source);
      } catch (error) {
        failed(error);
      }
    };
    const drained = drainChild(child, sink, maxLineBytes, this.#ingest, failed);
    if (child.pid !== undefined) {
      this.#groups.add(child.pid);
      this.#apply(entry, { type: 'spawned', pid: child.pid, at: this.#now() });
    }
    entry.exited = drained.then((result) => {
      entry.child = undefined;
      entry.exit = result;
      // During a user stop the run stays `stopping` until its whole group is gone (#stopEntry records
      // the exit then): the leader (`npm`) often exits at once while its children are still dying.
      if (entry.snapshot.status === 'stopping') return;
      if (!this.#noteMembersLeft(entry)) this.#recordExit(entry);
    });
    return entry.snapshot;
  }

  /** Marks a pending run as failed without spawning it (e.g. a dependency could not start). */
  abandon(id: string, reason: string): ProcessSnapshot {
    const entry = this.#require(id);
    this.#apply(entry, { type: 'spawn-failed', reason, at: this.#now() });
    this.options.hooks.onSystemLine(id, `brum: not started: ${reason}`);
    this.options.hooks.onExit?.(entry.snapshot);
    return entry.snapshot;
  }

  /** Replaces fields that detection owns (urls, readiness, errors). Ignored when nothing changes. */
  annotate(
    id: string,
    changes: Partial<
      Pick<ProcessFields, 'urls' | 'ready' | 'readyAt' | 'errorCount' | 'lastError' | 'reason'>
    >,
  ): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    const current = entry.snapshot as unknown as Record<string, unknown>;
    const differs = Object.entries(changes).some(([key, value]) => {
      const before = current[key];
      if (Array.isArray(value) && Array.isArray(before)) {
        return value.length !== before.length || value.some((v, i) => v !== before[i]);
      }
      return before !== value;
    });
    if (differs) this.#commit(entry, changes);
  }

  /**
   * Stops a run and its whole group. Resolves when the group is gone and the exit is recorded.
   * A finished run is left as it is (`alreadyFinished`).
   */
  async stop(id: string): Promise<{ snapshot: ProcessSnapshot; alreadyFinished: boolean }> {
    const entry = this.#require(id);
    if (entry.snapshot.isFinished) return { snapshot: entry.snapshot, alreadyFinished: true };
    if (!entry.stopping) entry.stopping = this.#stopEntry(entry);
    await entry.stopping;
    return { snapshot: entry.snapshot, alreadyFinished: false };
  }

  async #stopEntry(entry: Entry): Promise<void> {
    this.#apply(entry, { type: 'stop-requested', at: this.#now() });
    const pid = entry.snapshot.pid;
    if (pid === undefined) {
      // Never spawned (waiting for dependencies): nothing to kill.
      this.#apply(entry, { type: 'spawn-failed', reason: 'stopped before it started', at: this.#now() });
      this.options.hooks.onExit?.(entry.snapshot);
    } else {
      const result = await this.#trees.stop(pid, entry.snapshot.id, this.options.stopGraceMs, (text) =>
        this.options.hooks.onSystemLine(entry.snapshot.id, text),
      );
      if (result.killed) {
        this.options.hooks.onSystemLine(
          entry.snapshot.id,
          `brum: did not stop within ${this.options.stopGraceMs} ms of SIGTERM; sent SIGKILL to the process group`,
        );
      }
      if (!isGroupAlive(pid)) this.#groups.delete(pid);
      await entry.exited;
      this.#recordExit(entry);
    }
    entry.stopping = undefined;
  }

  /** Stop (if needed), then run again under the same id, keeping the log with a restart marker. */
  async restart(id: string): Promise<ProcessSnapshot> {
    const entry = this.#require(id);
    if (!entry.snapshot.isFinished) await this.stop(id);
    else await entry.exited;
    if (!this.#apply(entry, { type: 'restarting', at: this.#now() })) return entry.snapshot;
    this.options.hooks.onSystemLine(id, `──── restarted (#${entry.snapshot.restartCount}) ────`);
    return this.launch(id);
  }

  /** Runs that are not finished. */
  active(): ProcessSnapshot[] {
    return [...this.#entries.values()].map((e) => e.snapshot).filter((s) => !s.isFinished);
  }

  /** Stops everything in parallel; also sweeps groups of finished runs that left members behind. */
  async stopAll(): Promise<void> {
    await Promise.all(this.active().map((s) => this.stop(s.id)));
    const leftovers = [...this.#groups].filter((pgid) => isGroupAlive(pgid));
    await Promise.all([
      ...leftovers.map((pgid) => stopGroup(pgid, this.options.stopGraceMs)),
      this.#trees.stopAllMarked(this.options.stopGraceMs),
    ]);
    this.#groups.clear();
    this.#trees.checkNow();
  }

  /** Synchronous last resort for process exit paths: SIGKILL every group we started, and every marked process. */
  killAllNow(): void {
    killGroupsNow(this.#groups);
    this.#trees.killAllMarkedNow();
  }

  /**
   * After the leader exited on its own: if other processes of the run live, the run stays `running`
   * with `membersLeft`, says so in its log, and is watched until they end. Returns false when none live.
   */
  #noteMembersLeft(entry: Entry): boolean {
    const exit = entry.exit;
    if (!exit || exit.spawnError || entry.snapshot.status !== 'running') return false;
    const id = entry.snapshot.id;
    const members = this.#trees.members(entry.snapshot.pid, id);
    if (members.length === 0) return false;
    const code = exit.signal ? `signal ${exit.signal}` : `code ${exit.exitCode}`;
    const program = entry.spec.spawn.shell ? 'sh' : entry.spec.spawn.file;
    const still = members.length === 1 ? 'still runs' : 'still run';
    this.options.hooks.onSystemLine(
      id,
      `brum: \`${program}\` exited with ${code}, but ${plural(members.length, 'process', 'processes')} it started ${still} (pid ${listPids(members)}); the run ends when they do, or stop it`,
    );
    const left = (count: number) =>
      this.#apply(entry, { type: 'members-left', count, exitCode: exit.exitCode, signal: exit.signal });
    left(members.length);
    const run = entry.snapshot.restartCount;
    this.#trees.watch(id, () => {
      // A stop or a restart took over (a restart under the same id is a new run: not this watch's).
      if (entry.snapshot.status !== 'running' || entry.snapshot.restartCount !== run) return true;
      const count = this.#trees.members(entry.snapshot.pid, id).length;
      if (count > 0) {
        left(count);
        return false;
      }
      this.#recordExit(entry);
      return true;
    });
    return true;
  }

  /** Applies the run's exit (once) and tells the hooks. */
  #recordExit(entry: Entry): void {
    const result = entry.exit;
    if (!result || entry.snapshot.isFinished) return;
    if (result.spawnError) {
      this.#fail(entry, result.spawnError);
    } else {
      this.#apply(entry, {
        type: 'exited',
        exitCode: result.exitCode,
        signal: result.signal,
        at: this.#now(),
      });
    }
    this.options.hooks.onExit?.(entry.snapshot);
  }

  #require(id: string): Entry {
    const entry = this.#entries.get(id);
    if (!entry) throw new Error(`no process with id ${id}`);
    return entry;
  }

  #fail(entry: Entry, error: unknown): void {
    const reason = describeSpawnError(entry.spec.spawn, error);
    this.options.hooks.onSystemLine(entry.snapshot.id, `brum: ${reason}`);
    this.#apply(entry, { type: 'spawn-failed', reason, at: this.#now() });
  }

  #apply(entry: Entry, event: LifecycleEvent): boolean {
    const changes = transition(entry.snapshot, event);
    if (!changes) return false;
    this.#commit(entry, changes);
    return true;
  }

  #commit(entry: Entry, changes: Partial<ProcessFields>): void {
    const previous = entry.snapshot;
    this.#revision += 1;
    entry.snapshot = previous.with({ ...changes, revision: this.#revision });
    this.options.events.emit('process', {
      revision: this.#revision,
      process: entry.snapshot,
      previous: previous.revision === 0 ? undefined : previous,
    });
  }
}

function describeSpawnError(spec: SpawnSpec, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return `could not start \`${spec.file}\`: not found on PATH (is it installed?)`;
  if (code === 'EACCES') return `could not start \`${spec.file}\`: permission denied`;
  const resource = describeResourceError(code);
  if (resource) return `could not start \`${spec.file}\`: ${resource}`;
  if (code === 'EAGAIN')
    return `could not start \`${spec.file}\`: the system refused a new process (EAGAIN: process limit?)`;
  return `could not start \`${spec.file}\`: ${error instanceof Error ? error.message : String(error)}`;
}
