/**
 * `brum run a b c`: like concurrently — run scripts in parallel with prefixed output, wait for all of them,
 * print a summary, and exit non-zero if any failed.
 */
import type { Engine } from '../core/engine-api.js';
import type { ProcessSnapshot } from '../core/process/snapshot.js';

/** The longest delay a Node timer accepts (~24.8 days): effectively "until it ends". */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Starts every script and resolves with their final snapshots once all have finished. */
export async function runOnce(
  engine: Pick<Engine, 'start' | 'waitFor'>,
  scripts: readonly string[],
  args: readonly string[] = [],
): Promise<readonly ProcessSnapshot[]> {
  const started = scripts.map((name) => engine.start(name, { args }).process);
  const finished = await Promise.all(started.map((p) => engine.waitFor(p.id, 'exit', MAX_TIMER_MS)));
  return finished.map((r) => r.process);
}

/** Exit code of the run: 0 when every process succeeded, 1 otherwise. */
export function runExitCode(processes: readonly ProcessSnapshot[]): number {
  return processes.every((p) => p.status === 'succeeded') ? 0 : 1;
}
