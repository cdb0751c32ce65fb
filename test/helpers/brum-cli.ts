/**
 * Runs the built CLI (`dist/cli/main.js`, built by `npm test` before vitest), or another node script
 * that hosts brum's code, as a real child process. Every child started here is killed in `killClis`
 * (call it in `afterEach`).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { requireFreshBuild } from './built.js';

// Fail loudly on a missing or stale dist/ rather than test old code.
const main = requireFreshBuild();

export interface CliRun {
  readonly child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or 128+signal) once the CLI exits. */
  readonly exited: Promise<number>;
  waitForOutput(pattern: RegExp | string, timeoutMs?: number): Promise<string>;
}

const running = new Set<ChildProcessWithoutNullStreams>();

export function runCli(args: readonly string[], env: Record<string, string> = {}): CliRun {
  return runNode([main, ...args], env);
}

/** `node …args` (a script and its arguments), with its output collected as `runCli`'s. */
export function runNode(args: readonly string[], env: Record<string, string> = {}): CliRun {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number>((resolve) =>
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? 128 + (signal === 'SIGKILL' ? 9 : 15));
    }),
  );
  const waitForOutput = async (pattern: RegExp | string, timeoutMs = 15_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    const test = (s: string) => (typeof pattern === 'string' ? s.includes(pattern) : pattern.test(s));
    while (!test(out)) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${String(pattern)}; stdout:\n${out}\nstderr:\n${err}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return out;
  };
  return { child, stdout: () => out, stderr: () => err, exited, waitForOutput };
}

export function killClis(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}
