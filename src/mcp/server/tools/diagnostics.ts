/** What brum understood from the output: `errors_list`, `urls_list`. */
import type { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import type { Engine } from '../../../core/engine-api.js';
import type { ErrorRecord } from '../../../core/detect/types.js';
import { byteLength, jsonBytes, MAX_LOG_BYTES, takeWithinBytes } from '../limits.js';
import { errorLocation, errorSchema, errorView, urlSchema, urlView } from '../result-shapes.js';
import { processRef, resolveProcess, unknownProcess } from './process-ref.js';
import { fail, guarded, ok, READ_ONLY } from './result.js';
import { PAGE_OUTPUT_NOTE } from './telemetry.js';

export type DiagnosticsEngine = Pick<Engine, 'get' | 'errors' | 'urls' | 'browser'>;

const errorsOutput = z.object({
  errors: z.array(errorSchema),
  truncated: z.boolean().describe('records were dropped to keep the response within its size bound'),
});

const urlsOutput = z.object({
  urls: z.array(urlSchema),
  truncated: z.boolean().describe('URLs were dropped to keep the response within its size bound'),
});

function errorLine(e: ErrorRecord): string {
  const where = errorLocation(e);
  const flags = [e.count > 1 ? `x${e.count}` : '', e.resolved ? 'resolved' : ''].filter(Boolean).join(' ');
  return `${e.processId} ${e.severity} [${e.kind}${e.code ? ` ${e.code}` : ''}] ${e.message}${where ? ` at ${where}` : ''}${flags ? ` (${flags})` : ''}`;
}

const errorsInput = z.object({
  process_id: processRef,
  include_resolved: z.boolean().default(false),
  include_warnings: z.boolean().default(true),
  limit: z.number().int().min(1).max(200).default(50),
});

const urlsInput = z.object({ process_id: processRef });

export function registerDiagnosticTools(server: McpServer, engine: DiagnosticsEngine): void {
  server.registerTool(
    'errors_list',
    {
      title: 'List errors',
      description:
        'Structured errors detected in process output (kind, message, file:line:column, stack, repeat count), deduplicated. Resolved errors (a watcher reported them fixed) are left out unless include_resolved. seq_start/seq_end locate the raw lines for logs_stream.',
      inputSchema: errorsInput,
      outputSchema: errorsOutput,
      annotations: READ_ONLY,
    },
    (args) =>
      guarded(() => {
        const processId = resolveProcess(engine, args.process_id);
        if (processId === null) return fail(unknownProcess(args.process_id ?? ''));
        const records = engine.errors({
          processId,
          includeResolved: args.include_resolved,
          includeWarnings: args.include_warnings,
          limit: args.limit,
        });
        const views = records.map(errorView);
        const { kept, cut } = takeWithinBytes(views, jsonBytes, MAX_LOG_BYTES);
        const head =
          records.length === 0
            ? 'no current errors'
            : `${records.length} error record(s)${cut ? `, ${kept.length} shown` : ''}`;
        const page = records.some((r) => r.kind === 'browser')
          ? PAGE_OUTPUT_NOTE.replace('Messages', 'kind browser: messages')
          : '';
        return ok(
          { errors: kept, truncated: cut },
          [head, page, ...records.slice(0, kept.length).map(errorLine)].filter(Boolean).join('\n'),
        );
      }),
  );

  server.registerTool(
    'urls_list',
    {
      title: 'List URLs',
      description:
        "Local URLs the processes printed (dev servers), in order of first appearance, each with proxy_url: the same page through brum's proxy, which the person should open for browser insight (requests: proxy_requests). Per process brum keeps the first few and the most recently seen (20 in all).",
      inputSchema: urlsInput,
      outputSchema: urlsOutput,
      annotations: READ_ONLY,
    },
    (args) =>
      guarded(() => {
        const processId = resolveProcess(engine, args.process_id);
        if (processId === null) return fail(unknownProcess(args.process_id ?? ''));
        const all = engine.urls(processId).map((u) => urlView(u, engine.browser));
        const { kept: urls, cut } = takeWithinBytes(
          all,
          (u) => jsonBytes(u) + byteLength(u.url) + u.process_id.length + 2,
          MAX_LOG_BYTES,
        );
        const lines = urls.map(
          (u) => `${u.process_id} ${u.url}${u.proxy_url ? ` (proxied: ${u.proxy_url})` : ''}`,
        );
        const text =
          urls.length === 0
            ? 'no URLs seen yet'
            : [...lines, ...(cut ? [`(${all.length - urls.length} more not shown)`] : [])].join('\n');
        return ok({ urls, truncated: cut }, text);
      }),
  );
}
