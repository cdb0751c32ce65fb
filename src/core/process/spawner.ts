/**
 * How a process is started. Injected into the manager so tests (and future platforms) can substitute it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { describeResourceError } from '../errors.js';

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

/** Why `spec` could not be started, in words that say what to check. */
export function describeSpawnError(spec: SpawnSpec, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return `could not start \`${spec.file}\`: not found on PATH (is it installed?)`;
  if (code === 'EACCES') return `could not start \`${spec.file}\`: permission denied`;
  const resource = describeResourceError(code);
  if (resource) return `could not start \`${spec.file}\`: ${resource}`;
  if (code === 'EAGAIN')
    return `could not start \`${spec.file}\`: the system refused a new process (EAGAIN: process limit?)`;
  return `could not start \`${spec.file}\`: ${error instanceof Error ? error.message : String(error)}`;
}
