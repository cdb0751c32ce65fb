/** Process control tools: `scripts_run`, `scripts_stop`, `scripts_restart`. */
import type { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import type { Engine } from '../../../core/engine-api.js';
import { isBrumError } from '../../../core/errors.js';
import type { ProcessSnapshot } from '../../../core/process/snapshot.js';
import { DEFAULT_RUN_WAIT_MS, MAX_RUN_WAIT_MS, TAIL_BYTES, TAIL_LINES, tailWithinBytes } from '../limits.js';
import { processSchema, processView } from '../result-shapes.js';
import { fail, failFromError, guarded, ok } from './result.js';
import { unknownScriptHint } from './suggest.js';

export type ControlEngine = Pick<
  Engine,
  'listScripts' | 'get' | 'start' | 'waitFor' | 'stop' | 'restart' | 'tailLogs'
>;

const outputSchema = z.object({ lines: z.array(z.string()), truncated: z.boolean() });

const runInput = z.object({
  name: z.string().min(1).describe('script name from scripts_list, e.g. "dev" or "web:dev"'),
  args: z.array(z.string()).max(64).optional().describe('extra arguments passed after --'),
  wait: z.enum(['none', 'ready', 'exit']).default('none'),
  timeout_ms: z.number().int().min(0).max(MAX_RUN_WAIT_MS).optional(),
});

const runOutput = z.object({
  process: processSchema,
  duplicate: z.boolean().describe('it was already running; nothing new was started'),
  wait: z
    .object({
      condition: z.enum(['ready', 'exit']),
      outcome: z.enum(['ready', 'exited', 'timeout']),
      waited_ms: z.number(),
    })
    .optional(),
  urls: z.array(z.string()),
  output: outputSchema.describe('the last lines of its output'),
});

const refInput = z.object({
  process_id: z.string().optional().describe('a process id such as "dev-1"'),
  name: z.string().optional().describe('a script name; selects its latest run'),
});

const stopOutput = z.object({
  process: processSchema,
  already_finished: z.boolean(),
  output: outputSchema,
});

const restartOutput = z.object({ process: processSchema, output: outputSchema });

/** The last lines of a process, bounded in count and bytes. */
function recentOutput(engine: Pick<Engine, 'tailLogs'>, id: string): { lines: string[]; truncated: boolean } {
  const lines = engine.tailLogs(id, TAIL_LINES).map((l) => l.text);
  const { kept, cut } = tailWithinBytes(lines, TAIL_BYTES);
  return { lines: kept, truncated: cut };
}

function describeTail(output: { lines: string[] }): string {
  return output.lines.length > 0 ? `\nlast output:\n${output.lines.map((l) => `  ${l}`).join('\n')}` : '';
}

function refOf(args: { process_id?: string | undefined; name?: string | undefined }): string | undefined {
  return args.process_id ?? args.name;
}

const SEE_STATUS = 'Call scripts_status to see the processes and their ids.';
const NO_REF =
  'Pass process_id (e.g. "dev-1") or name (a script name). Call scripts_status to see processes.';

export function registerControlTools(server: McpServer, engine: ControlEngine): void {
  server.registerTool(
    'scripts_run',
    {
      title: 'Run a script',
      description:
        'Starts a script (see scripts_list). If it is already running, nothing new starts and the running process is returned with duplicate=true. wait="ready" waits until a server is up (prints its URL) or the process exits; wait="exit" waits until it finishes. Waiting is bounded by timeout_ms (default 15000, max 50000).',
      inputSchema: runInput,
      outputSchema: runOutput,
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: false,
      },
    },
    (args) =>
      guarded(async () => {
        let started;
        try {
          started = engine.start(args.name, args.args ? { args: args.args } : undefined);
        } catch (error) {
          if (isBrumError(error, 'UNKNOWN_SCRIPT')) {
            const names = engine.listScripts().map((s) => s.name);
            return fail(`Unknown script "${args.name}". ${unknownScriptHint(args.name, names)}`);
          }
          return failFromError(error);
        }
        let process: ProcessSnapshot = started.process;
        let wait:
          | { condition: 'ready' | 'exit'; outcome: 'ready' | 'exited' | 'timeout'; waited_ms: number }
          | undefined;
        if (args.wait !== 'none') {
          const timeout = Math.min(args.timeout_ms ?? DEFAULT_RUN_WAIT_MS, MAX_RUN_WAIT_MS);
          const t0 = Date.now();
          const result = await engine.waitFor(process.id, args.wait, timeout);
          wait = { condition: args.wait, outcome: result.outcome, waited_ms: Date.now() - t0 };
          process = result.process;
        }
        process = engine.get(process.id) ?? process;
        const output = recentOutput(engine, process.id);
        const structured = {
          process: processView(process),
          duplicate: started.duplicate,
          wait,
          urls: [...process.urls],
          output,
        };
        const head = started.duplicate
          ? `${args.name} was already running; nothing new was started. ${process.toString()}`
          : `started ${process.toString()}`;
        const waited = wait ? `\nwait ${wait.condition}: ${wait.outcome} after ${wait.waited_ms} ms` : '';
        return ok(structured, head + waited + describeTail(output));
      }),
  );

  server.registerTool(
    'scripts_stop',
    {
      title: 'Stop a process',
      description:
        'Stops a process and its whole process tree (SIGTERM, then SIGKILL after a grace period). Returns once every process of the group is gone, with the final snapshot.',
      inputSchema: refInput,
      outputSchema: stopOutput,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      guarded(async () => {
        const ref = refOf(args);
        if (ref === undefined) return fail(NO_REF);
        const result = await engine.stop(ref);
        const output = recentOutput(engine, result.process.id);
        const structured = {
          process: processView(result.process),
          already_finished: result.alreadyFinished,
          output,
        };
        const head = result.alreadyFinished
          ? `${result.process.id} had already finished; nothing to stop. ${result.process.toString()}`
          : `stopped ${result.process.toString()}`;
        return ok(structured, head + describeTail(output));
      }, SEE_STATUS),
  );

  server.registerTool(
    'scripts_restart',
    {
      title: 'Restart a process',
      description: 'Stops a process (whole tree) and starts it again with the same script and arguments.',
      inputSchema: refInput,
      outputSchema: restartOutput,
      annotations: {
        readOnlyHint: false,
        destructiveHint: true,
        idempotentHint: false,
        openWorldHint: false,
      },
    },
    (args) =>
      guarded(async () => {
        const ref = refOf(args);
        if (ref === undefined) return fail(NO_REF);
        const process = await engine.restart(ref);
        const output = recentOutput(engine, process.id);
        return ok({ process: processView(process), output }, `restarted ${process.toString()}`);
      }, SEE_STATUS),
  );
}
