/**
 * The instance registry: every running brum that serves MCP over HTTP leaves a small file saying
 * where it listens, so `brum --mcp` for the same project can attach to it instead of starting a
 * second set of processes. Files hold a secret (the token).
 *
 * Another local user must not be able to read that secret nor make `brum --mcp` attach to a server of
 * theirs, so (see docs/security.md):
 * - the folder is `$XDG_RUNTIME_DIR/brummer/instances` when that runtime folder is ours and not
 *   writable by others, else `<tmp>/brummer-<uid>/instances`; each brummer folder must be ours with
 *   mode 0700 — created so, and refused (with the reason) when it exists otherwise;
 * - entries are written to a fresh O_EXCL|O_NOFOLLOW temporary file and renamed into place, and read
 *   with O_NOFOLLOW|O_NONBLOCK, only when the opened file is ours with mode 0600;
 * - an entry is trusted only when its pid is a live process of our uid and its URL is loopback.
 */
import { rmSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  currentUid,
  ensurePrivateDirs,
  isPrivateRoot,
  pidIsOurs,
  readPrivateFile,
  UnsafePathError,
  writePrivateFile,
} from './private-fs.js';

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

/** Reports what the registry refused or ignored (a line for stderr). */
export type RegistryLog = (message: string) => void;

/** An entry is a few hundred bytes; anything much larger is not one of ours. */
const MAX_ENTRY_BYTES = 64 * 1024;
const ENTRY_NAME = /^[1-9]\d{0,9}\.json$/;

/**
 * `$XDG_RUNTIME_DIR/brummer/instances` when XDG_RUNTIME_DIR is an absolute folder of ours that others
 * cannot write (as the spec promises; `sudo` may pass on another user's), else
 * `<tmpdir>/brummer-<uid>/instances`.
 */
export function instancesDir(env: NodeJS.ProcessEnv = process.env): string {
  const runtime = env.XDG_RUNTIME_DIR;
  if (runtime && path.isAbsolute(runtime) && isPrivateRoot(runtime)) {
    return path.join(runtime, 'brummer', 'instances');
  }
  const uid = currentUid() ?? os.userInfo().username;
  return path.join(os.tmpdir(), `brummer-${uid}`, 'instances');
}

/**
 * The folders of `dir` brum owns and checks, outermost first: `dir` and, when it is brum's own
 * (`brummer`, `brummer-<uid>`), its parent — whoever controls the parent can swap `dir` itself.
 */
function ownedChain(dir: string): string[] {
  const parent = path.dirname(dir);
  return path.basename(parent).startsWith('brummer') ? [parent, dir] : [dir];
}

/** The message for a registry folder brum refuses to use. */
function refusal(error: UnsafePathError, consequence: string): string {
  return (
    `the instance registry folder ${error.path} ${error.problem}; another user may have made it to ` +
    `intercept brum. Not using it: ${consequence}. Remove or fix it (it must be yours, mode 0700), or ` +
    `set XDG_RUNTIME_DIR to a private folder.`
  );
}

/** Registration refused because the registry folder is not safe; brum keeps serving without it. */
export class RegistryRefusedError extends Error {
  override readonly name = 'RegistryRefusedError';
}

/**
 * Writes `<dir>/<pid>.json` (mode 0600, atomically, never through a link) and returns the function
 * that removes it again (idempotent, never throws). Throws RegistryRefusedError when the folder exists
 * but is not ours alone.
 */
export function registerInstance(info: InstanceInfo, dir: string = instancesDir()): () => void {
  try {
    ensurePrivateDirs(ownedChain(dir), true);
  } catch (error) {
    if (error instanceof UnsafePathError) {
      throw new RegistryRefusedError(refusal(error, '`brum --mcp` will not find this brum'));
    }
    throw error;
  }
  const file = writePrivateFile(dir, `${info.pid}.json`, JSON.stringify(info, null, 2) + '\n');
  let done = false;
  return () => {
    if (done) return;
    done = true;
    rmSync(file, { force: true });
  };
}

function isLoopbackUrl(url: string, port: number): boolean {
  try {
    const u = new URL(url);
    return (
      u.protocol === 'http:' &&
      ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) &&
      Number(u.port) === port &&
      u.username === '' &&
      u.password === ''
    );
  } catch {
    return false;
  }
}

function parseInfo(text: string, pidFromName: number): InstanceInfo | undefined {
  try {
    const v = JSON.parse(text) as Partial<InstanceInfo>;
    if (
      v.pid === pidFromName &&
      typeof v.projectDir === 'string' &&
      typeof v.port === 'number' &&
      typeof v.token === 'string' &&
      typeof v.url === 'string' &&
      typeof v.startedAt === 'number' &&
      isLoopbackUrl(v.url, v.port)
    ) {
      return v as InstanceInfo;
    }
  } catch {
    // A half-written or foreign file: treated as absent.
  }
  return undefined;
}

/**
 * Every trusted live instance. An entry is skipped (and reported to `log`) unless it is a regular
 * file of ours with mode 0600 naming a live process of our uid and a loopback URL; entries of ours
 * that are stale or malformed are removed on the way. A registry folder that is not ours alone is
 * not read at all.
 */
export function listInstances(dir: string = instancesDir(), log: RegistryLog = () => {}): InstanceInfo[] {
  try {
    if (!ensurePrivateDirs(ownedChain(dir), false)) return [];
  } catch (error) {
    if (error instanceof UnsafePathError) {
      log(refusal(error, 'no running brum is looked up there'));
      return [];
    }
    return [];
  }
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const live: InstanceInfo[] = [];
  for (const name of names) {
    if (!name.endsWith('.json')) continue; // temporary files of a registration in progress
    const file = path.join(dir, name);
    const remove = () => rmSync(file, { force: true });
    if (!ENTRY_NAME.test(name)) {
      log(`ignoring ${file}: not an instance file name`);
      continue;
    }
    const read = readPrivateFile(file, MAX_ENTRY_BYTES);
    if (!read.ok) {
      log(`ignoring instance file ${file}: it ${read.problem}`);
      continue;
    }
    const info = parseInfo(read.text, Number(name.slice(0, -5)));
    if (!info) {
      remove();
      continue;
    }
    if (!pidIsOurs(info.pid)) {
      remove(); // dead, or the pid now belongs to someone else: stale either way
      continue;
    }
    live.push(info);
  }
  return live;
}

/** The newest trusted live instance serving `projectDir` (compared as resolved paths), if any. */
export function findInstance(
  projectDir: string,
  dir: string = instancesDir(),
  log?: RegistryLog,
): InstanceInfo | undefined {
  const wanted = path.resolve(projectDir);
  return listInstances(dir, log)
    .filter((i) => path.resolve(i.projectDir) === wanted)
    .sort((a, b) => b.startedAt - a.startedAt)[0];
}
