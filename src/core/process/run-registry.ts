/**
 * The state half of the process manager: one entry per run holding its frozen snapshot, the
 * manager-wide revision, the cached `snapshot()`, `changesSince` with pruned runs, and the bounded run
 * history. No I/O: spawning, stopping and restarting (process-manager.ts) change runs only through
 * `apply` (a lifecycle event through the pure reducer) and `commit`.
 *
 * Contract: every change replaces one snapshot, bumps `revision` by one and emits one `process` event.
 */
import type { ChildProcess } from 'node:child_process';
import type { TypedEmitter } from '../events.js';
import type { EngineEvents, EngineSnapshot } from '../engine-api.js';
import type { ChildExit } from './child-output.js';
import { transition, type LifecycleEvent } from './lifecycle.js';
import { ProcessSnapshot, type ProcessFields, type ProcessKind } from './snapshot.js';
import type { SpawnSpec } from './spawner.js';

export interface ProcessSpec {
  readonly name: string;
  readonly kind: ProcessKind;
  /** Readable command line for display. */
  readonly display: string;
  readonly spawn: SpawnSpec;
}

/** One run: its snapshot plus what the manager needs to drive it. */
export interface RunEntry {
  snapshot: ProcessSnapshot;
  readonly spec: ProcessSpec;
  child: ChildProcess | undefined;
  /** Resolves when the current run's leader has exited and its output was drained. */
  exited: Promise<void>;
  /** How the current run's leader ended, once it has. */
  exit: (ChildExit & { spawnError?: Error }) | undefined;
  stopping: Promise<void> | undefined;
}

/** Default finished runs kept per name. */
export const DEFAULT_KEEP_RUNS = 10;
/** Default finished runs kept in all. */
export const DEFAULT_KEEP_RUNS_TOTAL = 200;
/** Prunes remembered for `changesSince` callers. */
const MAX_REMOVALS = 1000;

export interface RegistryOptions {
  readonly events: TypedEmitter<EngineEvents>;
  /** Finished runs kept per name (at least 1); older ones are pruned when a new run registers. */
  readonly keepRuns?: number;
  /** Finished runs kept in all (ad-hoc commands each have their own name). */
  readonly keepRunsTotal?: number;
  /** A finished run that must stay although it is old (e.g. an automatic restart is scheduled). */
  readonly isPinned?: (id: string) => boolean;
  /** Finished runs were pruned from the history. */
  readonly onPruned?: (ids: readonly string[]) => void;
}

/** What detection and readiness need of the runs: look one up, annotate it. */
export type RunAnnotations = Pick<RunRegistry, 'get' | 'annotate'>;

export class RunRegistry {
  readonly #entries = new Map<string, RunEntry>();
  readonly #latestByName = new Map<string, string>();
  #revision = 0;
  #counter = 0;
  #cached: EngineSnapshot | undefined;
  /** Pruned run ids with the revision that removed them, oldest first, at most MAX_REMOVALS. */
  readonly #removals: { readonly id: string; readonly revision: number }[] = [];
  /** The revision of the newest removal that no longer fits in `#removals` (0: none was dropped). */
  #removalsLostUpTo = 0;

  constructor(private readonly options: RegistryOptions) {}

  get revision(): number {
    return this.#revision;
  }

  /** By id, or by name (its latest run). */
  entry(ref: string): RunEntry | undefined {
    return this.#entries.get(ref) ?? this.#entries.get(this.#latestByName.get(ref) ?? '');
  }

  require(id: string): RunEntry {
    const entry = this.#entries.get(id);
    if (!entry) throw new Error(`no process with id ${id}`);
    return entry;
  }

  /** Every run, in registration order. */
  entries(): IterableIterator<RunEntry> {
    return this.#entries.values();
  }

  /** A run's snapshot by id, or by name (its latest run). */
  get(ref: string): ProcessSnapshot | undefined {
    return this.entry(ref)?.snapshot;
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
    if (differs) this.commit(entry, changes);
  }

  /** The latest run of `name` if it is pending, running or stopping. */
  activeRun(name: string): ProcessSnapshot | undefined {
    const latest = this.entry(name)?.snapshot;
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

  /** Registers a new run in state `pending` (synchronously), pruning old finished runs first. */
  add(spec: ProcessSpec): RunEntry {
    this.#counter += 1;
    const id = `${spec.name}-${this.#counter}`;
    const snapshot = new ProcessSnapshot({
      id,
      name: spec.name,
      kind: spec.kind,
      command: spec.display,
      cwd: spec.spawn.cwd,
    });
    const entry: RunEntry = {
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
    this.commit(entry, {});
    return entry;
  }

  /** Applies a lifecycle event through the reducer; false when it changes nothing. */
  apply(entry: RunEntry, event: LifecycleEvent): boolean {
    const changes = transition(entry.snapshot, event);
    if (!changes) return false;
    this.commit(entry, changes);
    return true;
  }

  /** Replaces the run's snapshot with `changes` applied, as one new revision and one event. */
  commit(entry: RunEntry, changes: Partial<ProcessFields>): void {
    const previous = entry.snapshot;
    this.#revision += 1;
    entry.snapshot = previous.with({ ...changes, revision: this.#revision });
    this.options.events.emit('process', {
      revision: this.#revision,
      process: entry.snapshot,
      previous: previous.revision === 0 ? undefined : previous,
    });
  }

  /**
   * Bounded history: keeps the newest `keepRuns - 1` finished runs of `name` (a new run of it is about
   * to register, which makes `keepRuns` once it ends) and at most `keepRunsTotal` finished runs in all.
   * Active runs and pinned ones are never pruned.
   */
  #prune(name: string): void {
    const perName = Math.max(1, this.options.keepRuns ?? DEFAULT_KEEP_RUNS) - 1;
    const total = Math.max(1, this.options.keepRunsTotal ?? DEFAULT_KEEP_RUNS_TOTAL) - 1;
    const pinned = this.options.isPinned ?? (() => false);
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
    this.options.onPruned?.(ids);
  }
}
