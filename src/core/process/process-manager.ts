/**
 * Drives every run: spawning, stopping whole groups, restarting, and watching runs whose leader exited.
 * Their state (snapshots, revision, history) is the registry's (run-registry.ts).
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
import { drainChild, type ChunkSource, type LineSink, type OutputStream } from './child-output.js';
import { killGroupsNow, stopGroup } from './group-stop.js';
import { IngestQueue } from './ingest-queue.js';
import { isGroupAlive } from './process-group.js';
import { listPids, plural, RunTrees } from './run-tree.js';
import type { LifecycleEvent } from './lifecycle.js';
import { RunRegistry, type ProcessSpec, type RunEntry as Entry } from './run-registry.js';
import type { ProcessSnapshot } from './snapshot.js';
import { describeSpawnError, type SpawnFn } from './spawner.js';

export { DEFAULT_KEEP_RUNS, DEFAULT_KEEP_RUNS_TOTAL, type ProcessSpec } from './run-registry.js';

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
  /** The runs' state, when the caller shares it (the engine does, with its output pipeline); else own. */
  readonly runs?: RunRegistry;
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

export class ProcessManager {
  readonly #runs: RunRegistry;
  /** Process groups started and possibly still alive: the exit handler kills these. */
  readonly #groups = new Set<number>();
  /** Output of all children is processed through one queue, in slices (see ingest-queue.ts). */
  readonly #ingest = new IngestQueue();
  /** The processes of each run beyond its group, and the watch over runs whose leader exited. */
  readonly #trees = new RunTrees();
  readonly #now: () => number;

  constructor(private readonly options: ManagerOptions) {
    this.#now = options.now ?? Date.now;
    const { events, keepRuns, keepRunsTotal, hooks } = options;
    // Process groups of pruned runs stay in `#groups`: members they left behind are still swept at exit.
    this.#runs =
      options.runs ??
      new RunRegistry({
        events,
        keepRuns,
        keepRunsTotal,
        isPinned: hooks.isPinned,
        onPruned: hooks.onPruned,
      });
  }

  get revision(): number {
    return this.#runs.revision;
  }

  /** By id, or by name (its latest run). */
  get(ref: string): ProcessSnapshot | undefined {
    return this.#runs.entry(ref)?.snapshot;
  }

  /** The latest run of `name` if it is pending, running or stopping. */
  activeRun(name: string): ProcessSnapshot | undefined {
    return this.#runs.activeRun(name);
  }

  snapshot(): EngineSnapshot {
    return this.#runs.snapshot();
  }

  changesSince(revision: number): EngineSnapshot {
    return this.#runs.changesSince(revision);
  }

  /** Registers a new run in state `pending` (synchronously) and returns its snapshot. */
  register(spec: ProcessSpec): ProcessSnapshot {
    return this.#runs.add(spec).snapshot;
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
  annotate(id: string, changes: Parameters<RunRegistry['annotate']>[1]): void {
    this.#runs.annotate(id, changes);
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
    return [...this.#runs.entries()].map((e) => e.snapshot).filter((s) => !s.isFinished);
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
    return this.#runs.require(id);
  }

  #fail(entry: Entry, error: unknown): void {
    const reason = describeSpawnError(entry.spec.spawn, error);
    this.options.hooks.onSystemLine(entry.snapshot.id, `brum: ${reason}`);
    this.#apply(entry, { type: 'spawn-failed', reason, at: this.#now() });
  }

  #apply(entry: Entry, event: LifecycleEvent): boolean {
    return this.#runs.apply(entry, event);
  }
}
