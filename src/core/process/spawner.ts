/**
 * How a process is started. Injected into the manager so tests (and future platforms) can substitute it.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface SpawnSpec {
  /** Executable (resolved through PATH) — or, with `shell`, the whole command line. */
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Run `file` through `/bin/sh -c`. Only for commands the local user typed or configured. */
  readonly shell?: boolean;
}

export type SpawnFn = (spec: SpawnSpec) => ChildProcess;

/**
 * Spawns `spec` as the leader of a new process group (`detached`), stdin closed, stdout/stderr piped.
 * Errors such as ENOENT arrive later as the child's `error` event, never as a throw.
 */
export const spawnInGroup: SpawnFn = (spec) => {
  const file = spec.shell ? '/bin/sh' : spec.file;
  const args = spec.shell ? ['-c', spec.file] : [...spec.args];
  return spawn(file, args, {
    cwd: spec.cwd,
    env: spec.env as NodeJS.ProcessEnv,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
};
