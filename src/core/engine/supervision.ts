/**
 * What happens around a run: its dependencies start (and become ready) first, and its restart policy
 * decides what follows an exit. Policy math is pure (config/restart-policy.ts); this file applies it with
 * the timers of its `Clock` (tests pass a `FakeClock` instead of sleeping through backoff), and every
 * timer can be cancelled (stop, shutdown).
 */
import type { Clock, TimerId } from '../clock.js';
import type { ProcessConfig } from '../config/types.js';
import { initialRestartState, nextRestart, type RestartState } from '../config/restart-policy.js';
import { startOrder } from '../config/dependencies.js';
import type { StartResult, WaitCondition, WaitResult } from '../engine-api.js';
import type { ProcessManager } from '../process/process-manager.js';
import type { ProcessSnapshot } from '../process/snapshot.js';

/** How long a dependency may take to become ready before its dependents give up. */
export const DEPENDENCY_READY_TIMEOUT_MS = 60_000;

export interface SupervisionOptions {
  readonly manager: ProcessManager;
  readonly configFor: (name: string) => ProcessConfig | undefined;
  readonly startDependency: (name: string) => StartResult;
  readonly waitFor: (ref: string, condition: WaitCondition, timeoutMs: number) => Promise<WaitResult>;
  readonly launch: (id: string) => ProcessSnapshot;
  readonly restart: (id: string) => Promise<ProcessSnapshot>;
  /** A failure that must reach the log and error list of process `id` (see faults.ts). */
  readonly reportFault: (what: string, error: unknown, id: string) => void;
  /** Time and the restart-backoff timers (`systemClock` in brum: unref'd timers). */
  readonly clock: Clock;
  /** Writes a line of brum's own into the log of process `id` (a system line). */
  readonly note: (id: string, text: string) => void;
}

export class Supervision {
  readonly #timers = new Map<string, TimerId>();
  readonly #restartState = new Map<string, RestartState>();
  /** Runs whose dependency wait was cancelled by a stop. */
  readonly #cancelled = new Set<string>();

  constructor(private readonly options: SupervisionOptions) {}

  /** Launches a freshly registered run, after its dependencies when it has any. */
  begin(snapshot: ProcessSnapshot): ProcessSnapshot {
    const config = this.options.configFor(snapshot.name);
    if (!config || config.dependsOn.length === 0) return this.options.launch(snapshot.id);
    this.options.manager.annotate(snapshot.id, { reason: `waiting for ${config.dependsOn.join(', ')}` });
    void this.#startAfterDependencies(snapshot);
    return this.options.manager.get(snapshot.id) ?? snapshot;
  }

  async #startAfterDependencies(snapshot: ProcessSnapshot): Promise<void> {
    const { manager } = this.options;
    const order = startOrder(snapshot.name, {
      scripts: Object.fromEntries(this.#namesWithConfig(snapshot.name)),
      commands: {},
    });
    for (const dependency of order.slice(0, -1)) {
      let started: StartResult;
      try {
        started = this.options.startDependency(dependency);
      } catch (error) {
        manager.abandon(
          snapshot.id,
          `dependency "${dependency}" could not start: ${(error as Error).message}`,
        );
        return;
      }
      const result = await this.options.waitFor(started.process.id, 'ready', DEPENDENCY_READY_TIMEOUT_MS);
      if (this.#cancelled.delete(snapshot.id)) return;
      const problem = dependencyProblem(dependency, result);
      if (problem) {
        manager.abandon(snapshot.id, problem);
        return;
      }
    }
    if (manager.get(snapshot.id)?.status !== 'pending') return;
    manager.annotate(snapshot.id, { reason: undefined });
    this.options.launch(snapshot.id);
  }

  /** Applies the restart policy after a run ended on its own. */
  onExit(snapshot: ProcessSnapshot): void {
    const config = this.options.configFor(snapshot.name);
    if (!config || config.restart === 'no') return;
    const state = this.#restartState.get(snapshot.id) ?? initialRestartState();
    const decision = nextRestart(
      state,
      {
        policy: config.restart,
        maxRestarts: config.maxRestarts,
        exitCode: snapshot.exitCode ?? null,
        signal: snapshot.signal ?? null,
        stoppedByUser: snapshot.status === 'stopped',
        uptimeMs: snapshot.duration(this.options.clock.now()),
      },
      this.options.clock.now(),
    );
    if (!decision.restart) {
      if (decision.reason) this.options.manager.annotate(snapshot.id, { reason: decision.reason });
      // Giving up is news: say it where people look (the log, hence headless output, TUI and MCP logs).
      if (decision.code === 'max-restarts') this.options.note(snapshot.id, `brum: ${decision.reason}`);
      return;
    }
    this.#restartState.set(snapshot.id, decision.state);
    this.options.manager.annotate(snapshot.id, {
      reason: `restarting in ${Math.round(decision.delayMs)} ms (policy: ${config.restart})`,
    });
    const timer = this.options.clock.setTimeout(() => {
      this.#timers.delete(snapshot.id);
      void this.options.restart(snapshot.id).catch((error: unknown) => {
        this.options.reportFault('automatic restart', error, snapshot.id);
        this.options.manager.annotate(snapshot.id, {
          reason: `automatic restart failed: ${error instanceof Error ? error.message : String(error)}`,
        });
      });
    }, decision.delayMs);
    this.#timers.set(snapshot.id, timer);
  }

  /** A user stop or restart: forget pending automatic restarts and dependency waits of this run. */
  cancel(id: string): void {
    const timer = this.#timers.get(id);
    if (timer !== undefined) this.options.clock.clearTimeout(timer);
    this.#timers.delete(id);
    const snapshot = this.options.manager.get(id);
    if (snapshot?.status === 'pending' && snapshot.pid === undefined) this.#cancelled.add(id);
  }

  /** True while an automatic restart of this run is scheduled (the run must not be pruned). */
  hasPendingRestart(id: string): boolean {
    return this.#timers.has(id);
  }

  /** A run was pruned from the history: drop its restart bookkeeping. */
  forget(id: string): void {
    this.cancel(id);
    this.#restartState.delete(id);
    this.#cancelled.delete(id);
  }

  cancelAll(): void {
    for (const id of [...this.#timers.keys()]) this.cancel(id);
  }

  /** Config tables reachable from `name` through depends_on (the graph `startOrder` walks). */
  #namesWithConfig(name: string): [string, ProcessConfig][] {
    const seen = new Map<string, ProcessConfig>();
    const visit = (n: string): void => {
      const config = this.options.configFor(n);
      if (!config || seen.has(n)) return;
      seen.set(n, config);
      config.dependsOn.forEach(visit);
    };
    visit(name);
    return [...seen];
  }
}

function dependencyProblem(name: string, result: WaitResult): string | undefined {
  switch (result.outcome) {
    case 'ready':
      return undefined;
    case 'exited':
      // A one-shot dependency (a build) that succeeded has done its job.
      return result.process.status === 'succeeded'
        ? undefined
        : `dependency "${name}" ${result.process.status}${result.process.exitCode != null ? ` (exit ${result.process.exitCode})` : ''} before it was ready`;
    case 'timeout':
      return `dependency "${name}" was not ready after ${DEPENDENCY_READY_TIMEOUT_MS / 1000} s`;
    default: {
      const exhaustive: never = result.outcome;
      return exhaustive;
    }
  }
}
