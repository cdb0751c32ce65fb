/** Small, pure text helpers shared by the views. */
import { isAbsolute, relative } from 'node:path';
import type { ProcessSnapshot } from '../../core/process/snapshot.js';

/** Icon + word for a process status. `ready` distinguishes a running server that is up. */
export function statusLabel(process: Pick<ProcessSnapshot, 'status' | 'ready'>): {
  icon: string;
  word: string;
} {
  switch (process.status) {
    case 'pending':
      return { icon: '…', word: 'pending' };
    case 'running':
      return process.ready ? { icon: '●', word: 'ready' } : { icon: '◐', word: 'running' };
    case 'stopping':
      return { icon: '◌', word: 'stopping' };
    case 'stopped':
      return { icon: '■', word: 'stopped' };
    case 'succeeded':
      return { icon: '✔', word: 'succeeded' };
    case 'failed':
      return { icon: '✖', word: 'failed' };
    default: {
      const never: never = process.status;
      return never;
    }
  }
}

/** `12s`, `4m05s`, `2h03m`: short enough for a table column. */
export function formatUptime(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  return `${h}h${String(m % 60).padStart(2, '0')}m`;
}

/** `3s ago`, `5m ago`. */
export function formatAgo(ts: number, now: number = Date.now()): string {
  return `${formatUptime(Math.max(0, now - ts))} ago`;
}

/** `src/app.ts:12:5`, or undefined when the error has no location. */
export function formatLocation(error: { file?: string; line?: number; column?: number }): string | undefined {
  if (!error.file) return undefined;
  let out = error.file;
  if (error.line !== undefined) out += `:${error.line}`;
  if (error.line !== undefined && error.column !== undefined) out += `:${error.column}`;
  return out;
}

/** Pads or cuts plain text to exactly `width` columns (ASCII-width approximation, for table cells). */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length > width) return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
  return text.padEnd(width);
}

/**
 * A table cell: `text` cut (with `…`) or padded so that it takes exactly `width` columns and always ends
 * in at least one space, so neighbouring columns can never run into each other.
 */
export function cell(text: string, width: number): string {
  if (width <= 0) return '';
  return `${fit(text, width - 1)} `;
}

/** `file` relative to `baseDir` when it lies inside it (shorter, and what the user sees in the editor). */
export function relativeTo(file: string, baseDir: string | undefined): string {
  if (!baseDir || !isAbsolute(file)) return file;
  const rel = relative(baseDir, file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

/** Masks a secret, keeping the last 4 characters so the user can tell tokens apart. */
export function maskSecret(secret: string): string {
  if (secret.length <= 4) return '•'.repeat(secret.length);
  return `${'•'.repeat(Math.min(12, secret.length - 4))}${secret.slice(-4)}`;
}
