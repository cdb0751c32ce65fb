/**
 * What `instances_list` says about each brum: one row per running brum (asked for its processes with
 * a bounded `scripts_status` call) and one for this `brum --mcp`'s embedded engine, plus the text.
 */
import { listText, projectNameOf, type LiveInstance } from '../instances/discovery.js';
import type { McpEngine } from '../server/create-server.js';
import { exchange } from './remote.js';

type Json = Record<string, unknown>;

/** How long `instances_list` waits for one brum's process counts. */
const STATUS_TIMEOUT_MS = 2000;
const ACTIVE = new Set(['pending', 'running', 'stopping']);

/** A running brum as a row; counts are absent when it did not answer `scripts_status` in time. */
export async function instanceRow(i: LiveInstance, log: (message: string) => void): Promise<Json> {
  let running: number | undefined;
  let errors: number | undefined;
  await exchange(
    i,
    {
      jsonrpc: '2.0',
      id: 'hub-status',
      method: 'tools/call',
      params: { name: 'scripts_status', arguments: {} },
    },
    {
      legacyVersion: undefined,
      signal: AbortSignal.timeout(STATUS_TIMEOUT_MS),
      log,
      onMessage: (answer) => {
        const structured = ((answer as Json).result as Json | undefined)?.structuredContent as
          { processes?: { status: string; error_count: number }[] } | undefined;
        if (!structured?.processes) return;
        running = structured.processes.filter((p) => ACTIVE.has(p.status)).length;
        errors = structured.processes.reduce((n, p) => n + p.error_count, 0);
      },
    },
  );
  return {
    id: i.id,
    project_name: i.projectName,
    project_dir: i.projectDir,
    port: i.port,
    pid: i.pid,
    started: new Date(i.startedAt).toISOString(),
    processes_running: running,
    errors_open: errors,
    // It answered a ping just now (only live instances are listed).
    last_seen: new Date().toISOString(),
    version: i.version,
  };
}

/** This `brum --mcp`'s own engine as a row. */
export function embeddedRow(engine: McpEngine, projectDir: string): Json {
  const processes = engine.snapshot().processes;
  return {
    id: 'embedded',
    project_name: projectNameOf(projectDir),
    project_dir: projectDir,
    embedded: true,
    pid: process.pid,
    processes_running: processes.filter((p) => p.isActive).length,
    errors_open: processes.reduce((n, p) => n + p.errorCount, 0),
    last_seen: new Date().toISOString(),
  };
}

/** The readable list (`*` marks the default). */
export function instancesText(rows: readonly Json[], hasDefault: boolean): string {
  if (rows.length === 0) return listText([]);
  const lines = rows.map(
    (r) =>
      `${r.default ? '* ' : '  '}${String(r.id)} ${String(r.project_name)} (${String(r.project_dir)})${r.embedded ? ' embedded in this brum --mcp' : ` port ${String(r.port)}`}: ${String(r.processes_running ?? '?')} running, ${String(r.errors_open ?? '?')} error(s) open`,
  );
  const head = hasDefault ? ' (* = default)' : '; none is the default yet (instances_connect)';
  return `${rows.length} brum(s)${head}:\n${lines.join('\n')}`;
}
