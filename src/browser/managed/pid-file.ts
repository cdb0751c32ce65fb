/**
 * brum's record of the browser it launched, so a browser left behind by a brum that was killed with
 * SIGKILL (nothing runs on that way out) is found and removed by the next brum of the project.
 *
 * One file per brum process: `.brum/browser/<brum pid>.json` holding brum's pid and start time, the
 * browser's pid (its process-group leader) and start time, and the temporary folder (profile and
 * artifacts) to delete. A record is only acted on when its brum is gone, and the browser is only
 * signalled when the pid still belongs to the same process (same start time, and on Linux a command
 * line naming the recorded profile) — a reused pid is never killed, and nothing is ever found by
 * process name. The folder is only removed when it has the shape brum gives its folders.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync, renameSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { readFileBounded } from '../../core/read-bounded.js';
import { groupMembers, signalGroup } from '../../core/process/process-group.js';
import { processCommandLine, processStartTime } from './process-identity.js';

export interface BrowserRecord {
  readonly brumPid: number;
  readonly brumStart: string;
  readonly browserPid: number;
  readonly browserStart: string;
  /** The temporary folder holding the profile (`profile/`) and playwright's artifacts. */
  readonly root: string;
}

const RECORD_MAX_BYTES = 16 * 1024;
/** The shape of a folder brum made for a browser (`mkdtemp` under the system's temporary folder). */
export const ROOT_PREFIX = 'brum-browser-';

/** The folder holding the records of every brum of this project. */
export function recordsDir(projectDir: string): string {
  return join(projectDir, '.brum', 'browser');
}

/** `.brum/` with a `.gitignore` that keeps it out of the project's commits. */
export function ensureBrumDir(projectDir: string): string {
  const dir = join(projectDir, '.brum');
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(join(dir, '.gitignore'), '*\n', { flag: 'wx' });
  } catch {
    // already there (or not writable: the records still work)
  }
  return dir;
}

export function writeRecord(projectDir: string, record: BrowserRecord): string {
  ensureBrumDir(projectDir);
  const dir = recordsDir(projectDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${record.brumPid}.json`);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(record), { mode: 0o600 });
  renameSync(temporary, file);
  return file;
}

export function removeRecord(file: string): void {
  rmSync(file, { force: true });
}

function parseRecord(text: string): BrowserRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Record<string, unknown>;
  const int = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 1;
  if (!int(r.brumPid) || !int(r.browserPid)) return undefined;
  if (typeof r.brumStart !== 'string' || typeof r.browserStart !== 'string' || typeof r.root !== 'string')
    return undefined;
  return {
    brumPid: r.brumPid,
    brumStart: r.brumStart,
    browserPid: r.browserPid,
    browserStart: r.browserStart,
    root: r.root,
  };
}

/** A folder brum made: directly in the system's temporary folder, named `brum-browser-…`, not a link. */
export function isOurRoot(root: string, temporaryDir: string = tmpdir()): boolean {
  const absolute = resolve(root);
  if (dirname(absolute) !== resolve(temporaryDir)) return false;
  if (!/^brum-browser-[A-Za-z0-9]{6}$/.test(basename(absolute))) return false;
  try {
    const stat = lstatSync(absolute);
    return stat.isDirectory() && (process.getuid === undefined || stat.uid === process.getuid());
  } catch {
    return false;
  }
}

/** The recorded browser is still the process brum launched (not a reused pid). */
export function isRecordedBrowser(record: BrowserRecord): boolean {
  if (processStartTime(record.browserPid) !== record.browserStart) return false;
  const argv = processCommandLine(record.browserPid);
  // Where the command line is readable, it must name the recorded profile.
  return argv === undefined || argv.some((arg) => arg === `--user-data-dir=${join(record.root, 'profile')}`);
}

/**
 * SIGKILLs the recorded browser's process group when it is still ours: its leader is the recorded
 * process, or its leader is gone (a zombie or reaped) while members are left — the kernel never
 * hands out a pid as a new process while a group of that id exists, so that group is the browser's.
 * Returns true when a signal was sent.
 */
export function killRecordedGroup(record: BrowserRecord): boolean {
  if (record.browserPid <= 1) return false;
  const leaderStart = processStartTime(record.browserPid);
  if (leaderStart !== undefined && !isRecordedBrowser(record)) return false;
  try {
    return signalGroup(record.browserPid, 'SIGKILL');
  } catch {
    return false; // EPERM: not ours
  }
}

/** SIGKILLs the browser's process group now and removes its folder. Synchronous (exit paths). */
export function destroyRecorded(record: BrowserRecord): void {
  killRecordedGroup(record);
  if (isOurRoot(record.root)) rmSync(record.root, { recursive: true, force: true, maxRetries: 3 });
}

export interface ReapResult {
  /** Browsers (pids) of dead brums that were killed. */
  readonly killed: number[];
  /** Folders removed. */
  readonly removed: string[];
}

/**
 * Cleans up after brums of this project that died without cleaning up (SIGKILL, a crash): kills the
 * browser each left (when it is still that very process) and removes its folder and record. Records
 * of a brum still running are left alone.
 */
export function reapStaleBrowsers(projectDir: string): ReapResult {
  const killed: number[] = [];
  const removed: string[] = [];
  const dir = recordsDir(projectDir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return { killed, removed };
  }
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const file = join(dir, name);
    let record: BrowserRecord | undefined;
    try {
      record = parseRecord(readFileBounded(file, RECORD_MAX_BYTES).toString('utf8'));
    } catch {
      continue;
    }
    if (record === undefined) {
      removeRecord(file);
      continue;
    }
    if (record.brumPid !== process.pid && processStartTime(record.brumPid) === record.brumStart) continue;
    if (killRecordedGroup(record)) killed.push(record.browserPid);
    if (isOurRoot(record.root)) {
      rmSync(record.root, { recursive: true, force: true, maxRetries: 3 });
      removed.push(record.root);
    }
    removeRecord(file);
  }
  return { killed, removed };
}

/** Live members of the browser's group (for tests and the exit check). */
export function browserGroupMembers(browserPid: number): number[] {
  return groupMembers(browserPid);
}
