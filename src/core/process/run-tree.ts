/**
 * All processes of one run: its process group, plus those that left the group but carry the run's
 * environment marker (run-marker.ts). How to count them, stop them, and watch a run whose leader
 * exited until they are gone.
 */
import { stopGroup, stopPids, type GroupStopResult } from './group-stop.js';
import { groupMembers } from './process-group.js';
import { RunMarker, signalPids } from './run-marker.js';

/** How often runs with processes left are checked (one /proc scan each). */
const LINGER_POLL_MS = 1000;

export class RunTrees {
  readonly #marker = new RunMarker();
  /** Run id → a check that returns true once the run is done with (its processes ended, or it was stopped). */
  readonly #lingering = new Map<string, () => boolean>();
  #timer: NodeJS.Timeout | undefined;

  /** Environment entries that mark the processes of run `id`. */
  env(id: string): Record<string, string> {
    return this.#marker.env(id);
  }

  /** Live (non-zombie) processes of run `id`: members of group `pgid` and marked ones. */
  members(pgid: number | undefined, id: string): number[] {
    const members = new Set(pgid === undefined ? [] : groupMembers(pgid));
    for (const pid of this.#marker.find(id)) members.add(pid);
    return [...members];
  }

  /**
   * Stops run `id`: its group and, at the same time, its processes outside the group (SIGTERM, grace,
   * SIGKILL); `say` tells the run's log about the latter. Resolves with how the group stop went.
   */
  async stop(
    pgid: number,
    id: string,
    graceMs: number,
    say: (text: string) => void,
  ): Promise<GroupStopResult> {
    const inGroup = new Set(groupMembers(pgid));
    const escaped = this.#marker.find(id).filter((pid) => !inGroup.has(pid));
    if (escaped.length > 0) {
      say(
        `brum: also stopping ${plural(escaped.length, 'process', 'processes')} of this run outside its process group (pid ${listPids(escaped)})`,
      );
    }
    const [result] = await Promise.all([stopGroup(pgid, graceMs), stopPids(escaped, graceMs)]);
    // Whatever forked off while we waited has had its chance: no grace for it.
    signalPids(this.#marker.find(id), 'SIGKILL');
    return result;
  }

  /** Stops every marked process of this brum instance (a sweep at shutdown). */
  stopAllMarked(graceMs: number): Promise<void> {
    return stopPids(this.#marker.find(), graceMs);
  }

  /** Synchronous last resort: SIGKILL every marked process of this instance. */
  killAllMarkedNow(): void {
    signalPids(this.#marker.find(), 'SIGKILL');
  }

  /**
   * Calls `check` about once a second until it returns true. The timer is not unref'd: processes of
   * ours still run, which is reason enough for brum to stay.
   */
  watch(id: string, check: () => boolean): void {
    this.#lingering.set(id, check);
    this.#timer ??= setInterval(() => this.checkNow(), LINGER_POLL_MS);
  }

  /** Runs every watch's check now; stops the timer once none is left. */
  checkNow(): void {
    for (const [id, check] of this.#lingering) if (check()) this.#lingering.delete(id);
    if (this.#lingering.size === 0 && this.#timer) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Up to five pids, then `…`. */
export function listPids(pids: readonly number[]): string {
  return `${pids.slice(0, 5).join(', ')}${pids.length > 5 ? ', …' : ''}`;
}
