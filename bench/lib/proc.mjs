// Process helpers for the benchmarks that drive the real brum: free ports, /proc CPU samples, child
// pids, waiting, and killing what a benchmark started (by pid or process group, never by name).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** CPU seconds (user + system) used so far by `pid`, or undefined when it is gone. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return undefined;
  }
}

/** Direct children of `pid` (via `pgrep -P`). */
export function childPids(pid) {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/** The command line of `pid` ('' when it is gone). */
export function cmdline(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/** Whether `pid` still exists and is not a zombie. */
export function alive(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Whether any live process is still in process group `pgid`. */
export function groupAlive(pgid) {
  try {
    const out = execFileSync('ps', ['-o', 'stat=', '-g', String(pgid)], { encoding: 'utf8' });
    return out.split('\n').some((s) => s.trim() !== '' && !s.trim().startsWith('Z'));
  } catch {
    return false; // ps exits 1 when the group is empty
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every `everyMs` until it returns something other than undefined/false, or throws. */
export async function waitUntil(check, timeoutMs, what, everyMs = 50) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Sends `signal` to a pid or (negative) process group, ignoring "no such process". */
export function signal(target, sig) {
  try {
    process.kill(target, sig);
  } catch {
    // already gone
  }
}

/** Peak resident set size of a process so far (VmHWM), in bytes, or undefined when it is gone. */
export function peakRss(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'latin1');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return undefined;
  }
}
