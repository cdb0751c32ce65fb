// Runs a command and measures wall time, CPU seconds and peak RSS of one process of interest
// (the tool under test, not its children), by sampling /proc while it runs.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

function sample(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpu = (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime + stime
    const status = readFileSync(`/proc/${pid}/status`, 'latin1');
    const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    return { cpu, hwm };
  } catch {
    return undefined;
  }
}

/**
 * @param {string} file
 * @param {string[]} args
 * @param {{ cwd?: string, env?: Record<string,string>, stdout?: 'ignore' | 'inherit' }} [options]
 * @returns {Promise<{ wallS: number, cpuS: number, peakRss: number, code: number | null }>}
 */
export function measure(file, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', options.stdout ?? 'ignore', 'inherit'],
    });
    let last = { cpu: 0, hwm: 0 };
    let peak = 0;
    const timer = setInterval(() => {
      const s = sample(child.pid);
      if (s) {
        last = s;
        peak = Math.max(peak, s.hwm);
      }
    }, 20);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      const wallS = Number(process.hrtime.bigint() - started) / 1e9;
      resolve({ wallS, cpuS: last.cpu, peakRss: peak, code });
    });
  });
}

export const fmt = {
  rate: (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : `${(n / 1e3).toFixed(0)}k`),
  mb: (b) => `${(b / 1024 / 1024).toFixed(0)} MB`,
  x: (r) => `${r.toFixed(2)}×`,
};
