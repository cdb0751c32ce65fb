/**
 * The instance registry: every running brum that serves MCP over HTTP leaves a small file saying
 * where it listens, so `brum --mcp` for the same project can attach to it instead of starting a
 * second set of processes. Files hold a secret (the token): mode 0600 in a 0700 directory.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, chmodSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What one running instance publishes about itself. */
export interface InstanceInfo {
  readonly pid: number;
  readonly projectDir: string;
  readonly port: number;
  readonly token: string;
  /** Epoch milliseconds. */
  readonly startedAt: number;
  readonly version: string;
  /** The MCP endpoint, e.g. `http://127.0.0.1:7777/mcp`. */
  readonly url: string;
}

/** `$XDG_RUNTIME_DIR/brummer/instances`, else `<tmpdir>/brummer-<uid>/instances`. */
export function instancesDir(env: NodeJS.ProcessEnv = process.env): string {
  const runtime = env.XDG_RUNTIME_DIR;
  if (runtime && path.isAbsolute(runtime)) return path.join(runtime, 'brummer', 'instances');
  const uid = typeof process.getuid === 'function' ? process.getuid() : os.userInfo().username;
  return path.join(os.tmpdir(), `brummer-${uid}`, 'instances');
}

function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode is filtered by the umask and ignored for existing folders: set it explicitly.
  // The parent (`brummer-<uid>` or `brummer`) is ours too; never touch a shared parent like /tmp.
  const parent = path.dirname(dir);
  const ours = path.basename(parent).startsWith('brummer') ? [parent, dir] : [dir];
  for (const d of ours) {
    if (statSync(d).uid === process.getuid?.()) chmodSync(d, 0o700);
  }
}

/**
 * Writes `<dir>/<pid>.json` (mode 0600) and returns the function that removes it again.
 * The unregister function is idempotent and never throws.
 */
export function registerInstance(info: InstanceInfo, dir: string = instancesDir()): () => void {
  ensureDir(dir);
  const file = path.join(dir, `${info.pid}.json`);
  writeFileSync(file, JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    rmSync(file, { force: true });
  };
}

/** Whether a process with this pid exists (EPERM means it exists but belongs to someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseInfo(text: string): InstanceInfo | undefined {
  try {
    const v = JSON.parse(text) as Partial<InstanceInfo>;
    if (
      typeof v.pid === 'number' &&
      typeof v.projectDir === 'string' &&
      typeof v.port === 'number' &&
      typeof v.token === 'string' &&
      typeof v.url === 'string'
    ) {
      return v as InstanceInfo;
    }
  } catch {
    // A half-written or foreign file: treated as absent.
  }
  return undefined;
}

/** Every live registered instance; files of dead pids (and unreadable files) are removed on the way. */
export function listInstances(dir: string = instancesDir()): InstanceInfo[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const live: InstanceInfo[] = [];
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const file = path.join(dir, name);
    let info: InstanceInfo | undefined;
    try {
      info = parseInfo(readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    if (!info || !isAlive(info.pid)) {
      rmSync(file, { force: true });
      continue;
    }
    live.push(info);
  }
  return live;
}

/** The newest live instance serving `projectDir` (compared as resolved paths), if any. */
export function findInstance(projectDir: string, dir: string = instancesDir()): InstanceInfo | undefined {
  const wanted = path.resolve(projectDir);
  return listInstances(dir)
    .filter((i) => path.resolve(i.projectDir) === wanted)
    .sort((a, b) => b.startedAt - a.startedAt)[0];
}
