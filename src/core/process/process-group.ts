/**
 * Process-group primitives. Every child runs as the leader of its own group (spawned `detached`), so one
 * signal reaches the whole tree that `npm → sh → node` builds.
 *
 * "Is the group gone?" must ignore zombies: in many containers PID 1 does not reap orphans, so a killed
 * grandchild can linger in state `Z` forever while holding nothing. On Linux we read `/proc`; elsewhere we
 * fall back to `kill(-pgid, 0)`, which counts zombies as members but is the best the platform offers.
 */
import { readdirSync, readFileSync } from 'node:fs';

const hasProc = process.platform === 'linux';

/** Sends `signal` to every process of group `pgid`. Returns false when the group no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/** Live (non-zombie) members of group `pgid`. */
export function groupMembers(pgid: number): number[] {
  if (!hasProc) return signalGroup(pgid, 0) ? [pgid] : [];
  const members: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return signalGroup(pgid, 0) ? [pgid] : [];
  }
  for (const entry of entries) {
    const first = entry.charCodeAt(0);
    if (first < 48 || first > 57) continue; // not a pid
    const stat = readStat(entry);
    if (stat && stat.pgrp === pgid && stat.state !== 'Z' && stat.state !== 'X') members.push(Number(entry));
  }
  return members;
}

/** True while any non-zombie process is in group `pgid`. */
export function isGroupAlive(pgid: number): boolean {
  if (!hasProc) return signalGroup(pgid, 0);
  // Cheap check first: if the kernel says the group is empty, we are done without scanning /proc.
  if (!signalGroup(pgid, 0)) return false;
  return groupMembers(pgid).length > 0;
}

/** True while `pid` exists and is not a zombie. */
export function isPidAlive(pid: number): boolean {
  if (hasProc) {
    const stat = readStat(String(pid));
    return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface Stat {
  readonly state: string;
  readonly pgrp: number;
}

/** Parses `/proc/<pid>/stat`: the command name may contain spaces and parentheses, so split after the last `)`. */
function readStat(pid: string): Stat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = text.slice(close + 2).split(' ');
  // fields[0] = state, [1] = ppid, [2] = pgrp
  const state = fields[0];
  const pgrp = Number(fields[2]);
  if (state === undefined || !Number.isFinite(pgrp)) return undefined;
  return { state, pgrp };
}
