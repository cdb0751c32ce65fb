/**
 * What the TUI hands back when it closes, for the CLI to print once the alternate screen is gone:
 * each process's final status, the errors still current (with file:line), and the URLs seen.
 */
import type { Engine } from '../core/engine-api.js';
import type { ProcessStatus } from '../core/process/snapshot.js';
import { formatDuration } from '../core/process/snapshot.js';
import { formatLocation } from './lib/format.js';

export interface TuiSummary {
  readonly processes: readonly {
    readonly id: string;
    readonly name: string;
    readonly status: ProcessStatus;
    readonly exitCode: number | null | undefined;
    readonly signal: string | null | undefined;
    readonly durationMs: number;
    readonly restartCount: number;
  }[];
  readonly errors: readonly {
    readonly processId: string;
    readonly kind: string;
    readonly code: string | undefined;
    readonly message: string;
    /** `file:line:column`, when known. */
    readonly location: string | undefined;
    readonly count: number;
  }[];
  readonly urls: readonly { readonly processId: string; readonly url: string }[];
}

/** Collects the summary from the engine (call after shutdown, so statuses are final). */
export function collectSummary(engine: Pick<Engine, 'snapshot' | 'errors' | 'urls'>): TuiSummary {
  return {
    processes: engine.snapshot().processes.map((p) => ({
      id: p.id,
      name: p.name,
      status: p.status,
      exitCode: p.exitCode,
      signal: p.signal,
      durationMs: p.duration(),
      restartCount: p.restartCount,
    })),
    errors: engine.errors({ limit: 50 }).map((e) => ({
      processId: e.processId,
      kind: e.kind,
      code: e.code,
      message: e.message,
      location: formatLocation(e),
      count: e.count,
    })),
    urls: engine.urls().map((u) => ({ processId: u.processId, url: u.url })),
  };
}

/** Plain-text rendering of the summary (no colours), one fact per line. */
export function formatTuiSummary(summary: TuiSummary): string {
  if (summary.processes.length === 0) return 'brum: no processes were started.\n';
  const lines = ['brum: session summary'];
  for (const p of summary.processes) {
    const how = p.signal
      ? `signal ${p.signal}`
      : p.exitCode !== undefined && p.exitCode !== null
        ? `exit ${p.exitCode}`
        : '';
    const restarts =
      p.restartCount > 0 ? `, ${p.restartCount} restart${p.restartCount === 1 ? '' : 's'}` : '';
    lines.push(
      `  ${p.id.padEnd(16)} ${p.status.padEnd(10)} ${how ? `${how}, ` : ''}ran ${formatDuration(p.durationMs)}${restarts}`,
    );
  }
  if (summary.errors.length > 0) {
    lines.push('errors:');
    for (const e of summary.errors) {
      const head = `${e.kind}${e.code ? ` ${e.code}` : ''}`;
      lines.push(
        `  ${e.location ?? '(no location)'}  ${head}: ${e.message}${e.count > 1 ? ` (×${e.count})` : ''} [${e.processId}]`,
      );
    }
  }
  if (summary.urls.length > 0) {
    lines.push('urls:');
    for (const u of summary.urls) lines.push(`  ${u.url} [${u.processId}]`);
  }
  return `${lines.join('\n')}\n`;
}
