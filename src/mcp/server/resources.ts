/**
 * Resources: the process list, and per process its recent logs and current errors.
 *
 *   brum://processes                 JSON: every process at one revision
 *   brum://processes/{id}/logs       text: the newest lines that fit in 64 KiB
 *   brum://processes/{id}/errors     JSON: current error records
 *
 * Every read is bounded and says when it was cut.
 */
import type { McpServer, ReadResourceResult } from '@modelcontextprotocol/server';
import { ResourceNotFoundError, ResourceTemplate } from '@modelcontextprotocol/server';
import type { Engine } from '../../core/engine-api.js';
import { jsonBytes, MAX_LOG_BYTES, MAX_STATUS_BYTES, tailWithinBytes, takeWithinBytes } from './limits.js';
import { errorView, processView } from './result-shapes.js';

export type ResourcesEngine = Pick<Engine, 'snapshot' | 'get' | 'tailLogs' | 'errors'>;

export const PROCESSES_URI = 'brum://processes';
export const logsUri = (id: string): string => `brum://processes/${encodeURIComponent(id)}/logs`;
export const errorsUri = (id: string): string => `brum://processes/${encodeURIComponent(id)}/errors`;

/** Lines fetched before cutting to the byte bound (the byte bound is what really limits). */
const LOG_RESOURCE_LINES = 5000;

function json(uri: string, value: unknown): ReadResourceResult {
  return { contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(value, null, 2) }] };
}

function processIdOf(engine: ResourcesEngine, uri: URL, raw: string | string[] | undefined): string {
  const ref = decodeURIComponent(Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? ''));
  const process = engine.get(ref);
  if (!process)
    throw new ResourceNotFoundError(uri.href, `No process "${ref}". Read ${PROCESSES_URI} for the list.`);
  return process.id;
}

/** Registers the three resources on `server`. */
export function registerResources(server: McpServer, engine: ResourcesEngine): void {
  const listPer = (kind: 'logs' | 'errors') => () => ({
    resources: engine.snapshot().processes.map((p) => ({
      uri: kind === 'logs' ? logsUri(p.id) : errorsUri(p.id),
      name: `${p.id} ${kind}`,
      mimeType: kind === 'logs' ? 'text/plain' : 'application/json',
      description: `${kind === 'logs' ? 'Recent output' : 'Current errors'} of ${p.toString()}`,
    })),
  });

  server.registerResource(
    'processes',
    PROCESSES_URI,
    {
      title: 'Processes',
      description:
        'Every process brum runs, at one revision (at most 64 KiB: the newest processes; `truncated` says when older ones were left out).',
      mimeType: 'application/json',
    },
    (uri) => {
      const snap = engine.snapshot();
      const now = Date.now();
      // Newest first, so a cut drops the oldest finished runs.
      const views = snap.processes.map((p) => processView(p, now)).reverse();
      const { kept, cut } = takeWithinBytes(views, jsonBytes, MAX_STATUS_BYTES);
      return json(uri.href, {
        revision: snap.revision,
        processes: kept.reverse(),
        ...(cut ? { truncated: true, total: views.length } : {}),
      });
    },
  );

  server.registerResource(
    'process-logs',
    new ResourceTemplate('brum://processes/{id}/logs', { list: listPer('logs') }),
    {
      title: 'Process logs',
      description: 'The newest output lines of a process (at most 64 KiB).',
      mimeType: 'text/plain',
    },
    (uri, variables) => {
      const id = processIdOf(engine, uri, variables.id);
      const lines = engine.tailLogs(id, LOG_RESOURCE_LINES).map((l) => l.text);
      const { kept, cut } = tailWithinBytes(lines, MAX_LOG_BYTES);
      const note = cut
        ? `[output cut: showing the last ${kept.length} lines; use logs_stream to page through older ones]\n`
        : '';
      return { contents: [{ uri: uri.href, mimeType: 'text/plain', text: note + kept.join('\n') }] };
    },
  );

  server.registerResource(
    'process-errors',
    new ResourceTemplate('brum://processes/{id}/errors', { list: listPer('errors') }),
    {
      title: 'Process errors',
      description: 'Current (unresolved) errors detected in a process output.',
      mimeType: 'application/json',
    },
    (uri, variables) => {
      const id = processIdOf(engine, uri, variables.id);
      const views = engine.errors({ processId: id }).map(errorView);
      const { kept, cut } = takeWithinBytes(views, jsonBytes, MAX_LOG_BYTES);
      return json(uri.href, { process_id: id, errors: kept, truncated: cut });
    },
  );
}
