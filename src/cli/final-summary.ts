/**
 * The short report printed when brum ends (one-shot mode, headless exit, after the TUI): each process's
 * final status, exit code and duration, its current errors with file:line, and its URLs.
 */
import { isAbsolute, relative } from 'node:path';
import pc from 'picocolors';
import { pathFromFileUrl } from '../core/file-url.js';
import type { Engine } from '../core/engine-api.js';
import { describeMembersLeft, formatDuration, type ProcessSnapshot } from '../core/process/snapshot.js';

const ICONS: Record<ProcessSnapshot['status'], string> = {
  pending: '…',
  running: '●',
  stopping: '◌',
  stopped: '■',
  succeeded: '✔',
  failed: '✖',
};

/**
 * The end-of-run table. `asOf` replaces the live snapshots of those processes (by id): how a run's own
 * scripts ended, when that differs from what they are after brum stopped what they left behind.
 */
export function formatSummary(
  engine: Pick<Engine, 'snapshot' | 'errors' | 'browser'>,
  color: boolean,
  asOf: readonly ProcessSnapshot[] = [],
): string {
  const c = pc.createColors(color);
  const ended = new Map(asOf.map((p) => [p.id, p]));
  const processes = engine.snapshot().processes.map((p) => ended.get(p.id) ?? p);
  if (processes.length === 0) return '';
  const width = Math.min(24, Math.max(...processes.map((p) => p.name.length)));
  const lines = [c.bold('Summary')];
  // Runs of one script in registration order: each but the last was superseded by a later run.
  const latest = new Map<string, string>();
  for (const p of processes) latest.set(p.name, p.id);
  for (const p of processes) {
    const newer = latest.get(p.name);
    const paint = p.status === 'failed' ? c.red : p.status === 'succeeded' ? c.green : c.dim;
    const exit = p.signal ? `signal ${p.signal}` : p.exitCode != null ? `exit ${p.exitCode}` : '';
    const restarts =
      p.restartCount > 0 ? ` · ${p.restartCount} restart${p.restartCount === 1 ? '' : 's'}` : '';
    lines.push(
      `${paint(ICONS[p.status])} ${p.name.padEnd(width)} ${paint(p.status.padEnd(9))} ${exit.padEnd(14)} ${formatDuration(p.duration())}${restarts}`,
    );
    if (newer !== undefined && newer !== p.id)
      lines.push(`    ${c.dim(`an earlier run, superseded by ${newer}`)}`);
    if (p.reason && p.status !== 'succeeded') lines.push(`    ${c.dim(p.reason)}`);
    if (p.membersLeft > 0) lines.push(`    ${c.dim(describeMembersLeft(p.membersLeft))}`);
    for (const url of p.urls) {
      const proxied = proxiedUrl(engine, url);
      lines.push(`    ${c.cyan(url)}${proxied ? `  ${c.dim('proxied at')} ${c.cyan(proxied)}` : ''}`);
    }
    for (const error of engine.errors({ processId: p.id, limit: 5 })) {
      const file = error.file && relativeTo(p.cwd, error.file);
      const where = file
        ? `${file}${error.line ? `:${error.line}` : ''}${error.column ? `:${error.column}` : ''}`
        : '';
      const count = error.count > 1 ? ` (×${error.count})` : '';
      lines.push(`    ${c.red('error')} ${error.message}${count}${where ? c.dim(` at ${where}`) : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The proxy URL that served `url` during the run (also once the proxies closed at exit). */
function proxiedUrl(engine: Pick<Engine, 'browser'>, url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const proxy = engine.browser.proxies().find((p) => p.target === parsed.origin && p.proxyUrl !== undefined);
  return proxy?.proxyUrl && new URL(parsed.pathname + parsed.search + parsed.hash, proxy.proxyUrl).href;
}

/** `file` relative to `dir` when it lies inside it (shorter, and what editors accept from there). */
function relativeTo(dir: string, file: string): string {
  const path = pathFromFileUrl(file);
  const rel = relative(dir, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
