/**
 * Stopping a whole process tree: SIGTERM to the group, wait up to the grace period, SIGKILL to the group,
 * and resolve only when no live (non-zombie) member remains.
 */
import { isGroupAlive, signalGroup } from './process-group.js';

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
