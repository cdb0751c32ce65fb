/**
 * File-system primitives for the instance registry, written for a hostile neighbour: another local
 * user who can create folders in a shared temp directory, plant symbolic links or FIFOs, and start
 * processes whose pids we might mistake for ours. Nothing here follows a symbolic link, trusts a
 * folder or file it did not check the owner and mode of, or blocks on a special file.
 *
 * Linux (and macOS) only in spirit: on a platform without uids the ownership checks are skipped.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

/** A folder or file brum refuses to use, with the reason in words. */
export class UnsafePathError extends Error {
  override readonly name = 'UnsafePathError';
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path} ${problem}`);
  }
}

/** Our uid, or undefined where the platform has none (then ownership is not checked). */
export function currentUid(): number | undefined {
  return typeof process.getuid === 'function' ? process.getuid() : undefined;
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/** Why `st` is not a private folder of ours, or undefined when it is (directory, ours, mode 0700 or stricter). */
function dirProblem(st: { isDirectory(): boolean; isSymbolicLink(): boolean; uid: number; mode: number }) {
  const me = currentUid();
  if (st.isSymbolicLink()) return 'is a symbolic link';
  if (!st.isDirectory()) return 'is not a directory';
  if (me !== undefined && st.uid !== me) return `belongs to uid ${st.uid}, not to you (uid ${me})`;
  if ((st.mode & 0o077) !== 0) return `has mode ${octal(st.mode)}; expected 0700`;
  return undefined;
}

/**
 * Makes sure each folder of `chain` (outermost first) is a private folder of ours, creating missing
 * ones with mode 0700 when `create` is set. Never follows a symbolic link and never changes the mode
 * of a folder it did not just create. Returns false when a folder is missing (and `create` is off);
 * throws UnsafePathError when one exists but is not ours alone.
 */
export function ensurePrivateDirs(chain: readonly string[], create: boolean): boolean {
  for (const dir of chain) {
    let made = false;
    if (create) {
      try {
        mkdirSync(dir, { mode: 0o700 });
        made = true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    let st;
    try {
      st = lstatSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !create) return false;
      throw error;
    }
    // The umask can only have taken bits away; set exactly 0700 on a folder we just made (and lstat'd).
    if (made && st.isDirectory() && !st.isSymbolicLink() && (st.mode & 0o777) !== 0o700) {
      const chmod = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
      try {
        fchmodSync(chmod, 0o700);
      } finally {
        closeSync(chmod);
      }
      st = lstatSync(dir);
    }
    const problem = dirProblem(st);
    if (problem) throw new UnsafePathError(dir, problem);
  }
  return true;
}

/** Whether `dir` can serve as the private root of our folders: a directory of ours that others cannot write. */
export function isPrivateRoot(dir: string): boolean {
  try {
    const st = statSync(dir);
    const me = currentUid();
    return st.isDirectory() && (me === undefined || st.uid === me) && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/**
 * Writes `text` to `dir/name` atomically with mode 0600: a fresh temporary file opened with O_EXCL
 * and O_NOFOLLOW (so a planted link or file makes it fail rather than write elsewhere), then renamed
 * over the name (rename replaces a link at `name` itself, never what it points to).
 */
export function writePrivateFile(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  const temp = path.join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(
    temp,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o600,
  );
  try {
    fchmodSync(fd, 0o600);
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return file;
}

/** The text of a private file, or why it is not trusted. */
export type PrivateRead = { ok: true; text: string } | { ok: false; problem: string };

/**
 * Reads `file` only if it is a regular file of ours with mode 0600 (or stricter) and at most
 * `maxBytes` long. Opens with O_NOFOLLOW (a link is refused) and O_NONBLOCK (a planted FIFO cannot
 * block brum), and checks the opened file itself (fstat), so it cannot be swapped after the check.
 */
export function readPrivateFile(file: string, maxBytes: number): PrivateRead {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, problem: code === 'ELOOP' ? 'is a symbolic link' : `cannot be read (${code})` };
  }
  try {
    const st = fstatSync(fd);
    const me = currentUid();
    if (!st.isFile()) return { ok: false, problem: 'is not a regular file' };
    if (me !== undefined && st.uid !== me)
      return { ok: false, problem: `belongs to uid ${st.uid}, not to you` };
    if ((st.mode & 0o077) !== 0) return { ok: false, problem: `has mode ${octal(st.mode)}; expected 0600` };
    if (st.size > maxBytes) return { ok: false, problem: `is larger than ${maxBytes} bytes` };
    const buffer = Buffer.alloc(st.size);
    let read = 0;
    while (read < st.size) {
      const n = readSync(fd, buffer, read, st.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return { ok: true, text: buffer.subarray(0, read).toString('utf8') };
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether `pid` is a live (not zombie) process running as our uid. On Linux this reads
 * `/proc/<pid>/status` (real and effective uid), because signal 0 succeeds for root whatever the
 * owner; elsewhere a signal-0 probe that is not refused (EPERM) stands in. Rejects pids that are not
 * positive integers: `kill(0)` and `kill(-1)` address groups, not one process.
 */
export function pidIsOurs(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  const me = currentUid();
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'latin1');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && procAvailable()) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
  if (/^State:\s*Z/m.test(status)) return false;
  const uids = /^Uid:\s*(\d+)\s+(\d+)/m.exec(status);
  if (!uids) return false;
  return me === undefined || (Number(uids[1]) === me && Number(uids[2]) === me);
}

let procChecked: boolean | undefined;
function procAvailable(): boolean {
  if (procChecked === undefined) {
    try {
      procChecked = statSync(`/proc/${process.pid}/status`).isFile();
    } catch {
      procChecked = false;
    }
  }
  return procChecked;
}
