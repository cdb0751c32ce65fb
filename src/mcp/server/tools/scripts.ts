/** Read-only script and process tools: `scripts_list`, `scripts_status`. */
import type { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import type { Engine } from '../../../core/engine-api.js';
import type { ProcessSnapshot } from '../../../core/process/snapshot.js';
import { byteLength, jsonBytes, MAX_STATUS_BYTES, MAX_STATUS_LIMIT, takeWithinBytes } from '../limits.js';
import { processSchema, processView } from '../result-shapes.js';
import { fail, guarded, ok, READ_ONLY } from './result.js';

export type ScriptsEngine = Pick<
  Engine,
  'listScripts' | 'packageManager' | 'snapshot' | 'changesSince' | 'get' | 'browser'
>;

const scriptSchema = z.object({
  name: z.string().describe('what to pass to scripts_run'),
  script: z.string(),
  command: z.string(),
  cwd: z.string(),
  workspace: z.string().optional(),
  kind: z.enum(['script', 'command']),
  process_id: z.string().optional().describe('its latest run, if any'),
  status: z.string().optional().describe('status of its latest run, if any'),
});

const noInput = z.object({});

const listOutput = z.object({
  package_manager: z.object({ name: z.string(), source: z.string(), detail: z.string().optional() }),
  scripts: z.array(scriptSchema),
});

const statusInput = z.object({
  process_id: z.string().optional().describe('a process id such as "dev-1"'),
  name: z.string().optional().describe('a script name; selects its latest run'),
  since_revision: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('only processes that changed after this revision (pass the revision of a previous answer)'),
  offset: z
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('skip this many processes (pass next_offset of a truncated answer)'),
  limit: z.number().int().min(1).max(MAX_STATUS_LIMIT).default(50).describe('processes per answer'),
});

const statusOutput = z.object({
  revision: z.number().int().describe('pass as since_revision next time to get only changes'),
  changes_only: z.boolean(),
  processes: z.array(processSchema),
  total: z.number().int().describe('processes that matched, before paging'),
  truncated: z
    .boolean()
    .describe(
      'more processes matched than returned (limit or size bound): call again with offset=next_offset',
    ),
  next_offset: z.number().int().optional(),
  removed: z
    .array(z.string())
    .optional()
    .describe('with since_revision: runs pruned from the bounded history since then'),
  removed_incomplete: z
    .boolean()
    .optional()
    .describe('some pruned runs are too old to list: call once without since_revision'),
});

/** A process's readable line, with where to open it through the proxy. */
function statusLine(p: { snapshot: ProcessSnapshot; view: { proxy_url?: string } }): string {
  const line = p.snapshot.toString();
  return p.view.proxy_url ? `${line} · proxied at ${p.view.proxy_url}` : line;
}

export function registerScriptTools(server: McpServer, engine: ScriptsEngine): void {
  server.registerTool(
    'scripts_list',
    {
      title: 'List scripts',
      description:
        'Lists the runnable scripts of the project and its workspaces (package.json scripts and configured commands), with the command each runs, the package manager used, and the latest run of each.',
      inputSchema: noInput,
      outputSchema: listOutput,
      annotations: READ_ONLY,
    },
    () =>
      guarded(() => {
        const pm = engine.packageManager;
        const scripts = engine.listScripts().map((s) => {
          const run = engine.get(s.name);
          return {
            name: s.name,
            script: s.script,
            command: s.command,
            cwd: s.cwd,
            workspace: s.workspace,
            kind: s.kind,
            process_id: run?.id,
            status: run?.status,
          };
        });
        const lines = scripts.map(
          (s) => `${s.name}: ${s.command}${s.status ? `  [${s.process_id} ${s.status}]` : ''}`,
        );
        const text = `${scripts.length} script(s), package manager ${pm.name}:\n${lines.join('\n')}`;
        return ok(
          { package_manager: { name: pm.name, source: pm.source, detail: pm.detail }, scripts },
          text,
        );
      }),
  );

  server.registerTool(
    'scripts_status',
    {
      title: 'Process status',
      description:
        'One consistent snapshot of processes (status, pid, exit code, URLs, readiness, error count) at one revision. Filter by process_id or script name; with since_revision only what changed since then (and which finished runs were pruned: brum keeps the latest few runs per script). Pages with offset/limit; truncated=true says call again with offset=next_offset. Never blocks.',
      inputSchema: statusInput,
      outputSchema: statusOutput,
      annotations: READ_ONLY,
    },
    (args) =>
      guarded(() => {
        const ref = args.process_id ?? args.name;
        // Both reads are synchronous: nothing can change between them.
        const target = ref === undefined ? undefined : engine.get(ref);
        if (ref !== undefined && target === undefined) {
          return fail(
            `No process or script run "${ref}". Call scripts_status without arguments to see all processes.`,
          );
        }
        const view =
          args.since_revision === undefined ? engine.snapshot() : engine.changesSince(args.since_revision);
        let processes: readonly ProcessSnapshot[] = view.processes;
        if (target) processes = processes.filter((p) => p.id === target.id);
        const now = Date.now();
        const page = processes.slice(args.offset, args.offset + args.limit);
        // Each process is counted twice: once as JSON, once as its line of the text block.
        const { kept } = takeWithinBytes(
          page.map((p) => ({ snapshot: p, view: processView(p, now, engine.browser) })),
          (p) => jsonBytes(p.view) + byteLength(statusLine(p)) + 1,
          MAX_STATUS_BYTES,
        );
        const end = args.offset + kept.length;
        const truncated = end < processes.length;
        const structured = {
          revision: view.revision,
          changes_only: args.since_revision !== undefined,
          processes: kept.map((p) => p.view),
          total: processes.length,
          truncated,
          ...(truncated ? { next_offset: end } : {}),
          ...(view.removed && !target ? { removed: [...view.removed] } : {}),
          ...(view.removedIncomplete && !target ? { removed_incomplete: true } : {}),
        };
        const head = [
          `revision ${view.revision}: ${processes.length} process(es)${args.since_revision !== undefined ? ` changed since ${args.since_revision}` : ''}`,
          kept.length < processes.length
            ? `showing ${args.offset + 1}-${end}${truncated ? `; more: call again with offset=${end}` : ''}`
            : '',
          structured.removed?.length ? `pruned from history: ${structured.removed.join(', ')}` : '',
        ].filter(Boolean);
        return ok(structured, [head.join('; '), ...kept.map(statusLine)].join('\n'));
      }),
  );
}
