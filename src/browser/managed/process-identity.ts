/**
 * Telling one process from another that later got the same pid: a process's start time. On Linux
 * the kernel's `starttime` (clock ticks since boot, field 22 of `/proc/<pid>/stat`); on macOS and
 * other Unix `ps -o lstart=`. Undefined when the process does not exist (or is a zombie), or the
 * platform gives no answer — callers then never signal it.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export function processStartTime(pid: number): string | undefined {
  if (!Number.isSafeInteger(pid) || pid <= 1) return undefined;
  if (process.platform === 'linux') {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/stat`, 'latin1');
    } catch {
      return undefined;
    }
    // The command name may hold spaces and parentheses: fields start after the last `)`.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const state = fields[0];
    if (state === 'Z' || state === 'X') return undefined;
    return fields[19]; // field 22 overall; fields[0] is field 3
  }
  if (process.platform === 'win32') return undefined;
  try {
    const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      timeout: 2000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return out === '' ? undefined : out;
  } catch {
    return undefined;
  }
}

/** The command line of `pid` (Linux only; undefined elsewhere or when unreadable). */
export function processCommandLine(pid: number): readonly string[] | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

/**
 * The child of this process whose command line holds `arg` exactly (the browser playwright spawned
 * with our unique `--user-data-dir=`): its pid, or undefined. Linux reads `/proc`; other Unix asks `ps`.
 */
export function findOwnChildWithArg(arg: string): number | undefined {
  if (process.platform === 'linux') {
    let entries: string[];
    try {
      entries = readdirSync('/proc');
    } catch {
      return undefined;
    }
    for (const entry of entries) {
      const first = entry.charCodeAt(0);
      if (first < 48 || first > 57) continue;
      const pid = Number(entry);
      if (parentPid(pid) !== process.pid) continue;
      if (processCommandLine(pid)?.includes(arg)) return pid;
    }
    return undefined;
  }
  if (process.platform === 'win32') return undefined;
  try {
    const out = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,command='], {
      encoding: 'utf8',
      timeout: 2000,
      maxBuffer: 8 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    for (const line of out.split('\n')) {
      const match = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
      if (match && Number(match[2]) === process.pid && match[3]!.split(' ').includes(arg))
        return Number(match[1]);
    }
  } catch {
    // no answer: the browser is still closed on every exit path; only the SIGKILL case loses its record
  }
  return undefined;
}

function parentPid(pid: number): number | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}
