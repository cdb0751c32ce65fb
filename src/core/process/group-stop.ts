/**
 * Stopping a whole process tree: SIGTERM to the group, wait up to the grace period, SIGKILL to the group,
 * and resolve only when no live (non-zombie) member remains.
 */
import { isGroupAlive, isPidAlive, signalGroup } from './process-group.js';
import { signalPids } from './run-marker.js';

export interface GroupStopResult {
  /** The group had to be killed with SIGKILL after the grace period. */
  readonly killed: boolean;
  /** Members were still alive after SIGKILL and the final wait (e.g. stuck in uninterruptible sleep). */
  readonly survivors: boolean;
}

/** Poll interval grows from 5 ms to 50 ms: quick stops are seen quickly, slow ones cost little. */
async function waitForGroupExit(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let interval = 5;
  while (isGroupAlive(pgid)) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(interval, Math.max(1, deadline - Date.now()))),
    );
    interval = Math.min(50, interval * 2);
  }
  return true;
}

/** How long to wait for the kernel to clear a SIGKILLed group before reporting survivors. */
const KILL_WAIT_MS = 3000;

export async function stopGroup(pgid: number, graceMs: number): Promise<GroupStopResult> {
  if (!signalGroup(pgid, 'SIGTERM')) return { killed: false, survivors: false };
  if (await waitForGroupExit(pgid, graceMs)) return { killed: false, survivors: false };
  signalGroup(pgid, 'SIGKILL');
  const gone = await waitForGroupExit(pgid, KILL_WAIT_MS);
  return { killed: true, survivors: !gone };
}

/**
 * Stops single processes (a run's processes outside its group): SIGTERM, up to `graceMs` for them to go,
 * SIGKILL to the rest. Resolves when none is alive (or after the kill wait).
 */
export async function stopPids(pids: readonly number[], graceMs: number): Promise<void> {
  if (pids.length === 0) return;
  signalPids(pids, 'SIGTERM');
  const gone = async (ms: number): Promise<boolean> => {
    const deadline = Date.now() + ms;
    while (pids.some(isPidAlive)) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return true;
  };
  if (await gone(graceMs)) return;
  signalPids(pids.filter(isPidAlive), 'SIGKILL');
  await gone(KILL_WAIT_MS);
}

/** Last resort, synchronous (usable in an `exit` handler): SIGKILL every group still alive. */
export function killGroupsNow(pgids: Iterable<number>): void {
  for (const pgid of pgids) {
    try {
      signalGroup(pgid, 'SIGKILL');
    } catch {
      // Best effort: we are exiting and must not throw from here.
    }
  }
}
