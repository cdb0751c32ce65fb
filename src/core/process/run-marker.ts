/**
 * Finding the processes of a run that left its process group.
 *
 * A daemon that forks twice and calls `setsid` leaves the group brum signals, and on exit it is
 * reparented to init: neither the group nor a walk down the parent links finds it. What it keeps is
 * its environment. So every child brum spawns gets one marker variable, `BRUM_RUN_<instance>=<run id>`
 * (one variable name per brum instance, so a brum started inside a script adds its own and keeps its
 * parent's); at stop time brum reads `/proc/<pid>/environ` of the processes of its own user and
 * stops those that carry the marker.
 *
 * Limits (see docs/security.md, "Exit paths"): Linux only (elsewhere the group is all brum can reach);
 * a process that replaces its environment (`env -i`, `execve` with a fresh one) cannot be found; and
 * `/proc/<pid>/environ` is the environment the process was started with, which is what we want.
 * A subreaper (`prctl(PR_SET_CHILD_SUBREAPER)`) would need a native addon, and orphans reparented to
 * brum would then need reaping that Node does not do for processes it did not spawn.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { isPidAlive } from './process-group.js';

const hasProc = process.platform === 'linux';

/** One marker family per brum instance (per ProcessManager). */
export class RunMarker {
  /** The environment variable's name, e.g. `BRUM_RUN_3f9a…`. */
  readonly variable = `BRUM_RUN_${randomBytes(6).toString('hex')}`;

  /** The entry to add to the environment of run `id`. */
  env(id: string): Record<string, string> {
    return { [this.variable]: id };
  }

  /**
   * Live (non-zombie) processes carrying the marker of run `id` (or of any run of this instance when
   * `id` is omitted), excluding `exclude` (the pids of groups already accounted for). Synchronous, so
   * the exit handler can use it. Empty where there is no `/proc`.
   */
  find(id?: string): number[] {
    if (!hasProc) return [];
    const needle = Buffer.from(id === undefined ? `${this.variable}=` : `${this.variable}=${id}\0`);
    let entries: string[];
    try {
      entries = readdirSync('/proc');
    } catch {
      return [];
    }
    const found: number[] = [];
    for (const entry of entries) {
      const first = entry.charCodeAt(0);
      if (first < 48 || first > 57) continue; // not a pid
      const pid = Number(entry);
      if (pid === process.pid) continue;
      let environ: Buffer;
      try {
        environ = readFileSync(`/proc/${entry}/environ`);
      } catch {
        continue; // another user's process, or gone
      }
      if (hasEntry(environ, needle) && isPidAlive(pid)) found.push(pid);
    }
    return found;
  }
}

/** True when `environ` (NUL-separated) has an entry starting with `needle`. */
function hasEntry(environ: Buffer, needle: Buffer): boolean {
  for (let at = environ.indexOf(needle); at !== -1; at = environ.indexOf(needle, at + 1)) {
    if (at === 0 || environ[at - 1] === 0) return true;
  }
  return false;
}

/** Sends `signal` to each pid; ignores those already gone. */
export function signalPids(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // Gone already, or not ours to signal.
    }
  }
}
