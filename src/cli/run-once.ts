/**
 * `brum run a b c`: like concurrently — run scripts in parallel with prefixed output, wait for all of them,
 * print a summary, and exit non-zero if any failed.
 *
 * A script is done when its command exited. Processes it left behind (a background server, a daemon)
 * do not hold `brum run` open: the run shows them (`membersLeft`), and brum stops them when it ends,
 * as it stops everything it started.
 */
import type { Engine } from '../core/engine-api.js';
import type { ProcessSnapshot } from '../core/process/snapshot.js';

/** Starts every script and resolves with their snapshots once each one's command has exited. */
export async function runOnce(
  engine: Pick<Engine, 'start' | 'on' | 'get'>,
  scripts: readonly string[],
  args: readonly string[] = [],
): Promise<readonly ProcessSnapshot[]> {
  const started = scripts.map((name) => engine.start(name, { args }).process);
  return Promise.all(started.map((p) => commandExited(engine, p.id)));
}

const exited = (p: ProcessSnapshot): boolean => p.isFinished || p.membersLeft > 0;

function commandExited(engine: Pick<Engine, 'on' | 'get'>, id: string): Promise<ProcessSnapshot> {
  return new Promise((resolve) => {
    const off = engine.on('process', ({ process }) => {
      if (process.id !== id || !exited(process)) return;
      off();
      resolve(process);
    });
    const now = engine.get(id);
    if (now && exited(now)) {
      off();
      resolve(now);
    }
  });
}

/**
 * Exit code of the run: 0 when every script's command succeeded (exit code 0, also when it left
 * processes behind, which brum then stops), 1 otherwise.
 */
export function runExitCode(processes: readonly ProcessSnapshot[]): number {
  const ok = (p: ProcessSnapshot) =>
    p.status === 'succeeded' || (p.membersLeft > 0 && p.exitCode === 0 && !p.signal);
  return processes.every(ok) ? 0 : 1;
}
