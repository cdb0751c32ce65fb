/** Log tools: `logs_stream` (cursor paging with long-poll) and `logs_search`. */
import type { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import type { Engine } from '../../../core/engine-api.js';
import type { LogLine } from '../../../core/logs/types.js';
import { MAX_LOG_BYTES, MAX_LOG_LINES, MAX_WAIT_MS } from '../limits.js';
import { pagingNote } from '../paging.js';
import { logLineSchema, logLineView, type LogLineView } from '../result-shapes.js';
import { processRef, resolveProcess, unknownProcess } from './process-ref.js';
import { fail, guarded, ok, READ_ONLY } from './result.js';
import { matchSchema, shapeMatches } from './search-result.js';
import { waitForLogs } from './wait-for-logs.js';

export type LogsEngine = Pick<Engine, 'get' | 'readLogs' | 'searchLogs' | 'on'>;

const streamOutput = z.object({
  lines: z.array(logLineSchema),
  next_cursor: z.number().int().describe('pass as since to continue after these lines'),
  truncated: z.boolean().describe('more lines are available right now: call again with since=next_cursor'),
  gap: z.boolean().describe('lines after since were already evicted from the bounded buffer'),
  oldest_seq: z.number().int(),
  latest_seq: z.number().int(),
  waited_ms: z.number().optional(),
});

const searchOutput = z.object({
  matches: z.array(matchSchema),
  has_more: z.boolean().describe('more lines matched than were returned'),
  timed_out: z.boolean().describe('the scan hit its time budget and covers only part of the logs'),
  scanned_lines: z.number().int(),
  truncated: z
    .boolean()
    .describe('matches were dropped or shortened to keep the response within its size bounds'),
});

function lineText(l: LogLine | LogLineView): string {
  const processId = 'processId' in l ? l.processId : l.process_id;
  return `${l.seq} ${processId} ${l.stream === 'stdout' ? '|' : l.stream === 'stderr' ? '!' : '#'} ${l.text}`;
}

const streamInput = z.object({
  process_id: processRef,
  since: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('cursor: return lines with seq greater than this (default 0)'),
  limit: z.number().int().min(1).max(MAX_LOG_LINES).default(200),
  max_bytes: z.number().int().min(256).max(MAX_LOG_BYTES).default(MAX_LOG_BYTES),
  wait_ms: z.number().int().min(0).max(MAX_WAIT_MS).default(0),
});

const searchInput = z.object({
  query: z.string().min(1).max(1000),
  regex: z.boolean().default(false),
  case_sensitive: z.boolean().default(false),
  process_id: processRef,
  level: z.enum(['error', 'warning', 'info']).optional(),
  since: z.number().int().min(0).optional().describe('only lines with seq greater than this'),
  limit: z.number().int().min(1).max(200).default(50),
  context: z.number().int().min(0).max(10).default(0),
});

export function registerLogTools(server: McpServer, engine: LogsEngine): void {
  server.registerTool(
    'logs_stream',
    {
      title: 'Read logs',
      description:
        'Reads output lines after cursor `since` (oldest first), for one process or all. Continue with since=next_cursor. With wait_ms, waits up to that long (max 25000) for new lines when there are none yet. gap=true means lines were evicted from the bounded buffer before you read them.',
      inputSchema: streamInput,
      outputSchema: streamOutput,
      annotations: READ_ONLY,
    },
    (args, ctx) =>
      guarded(async () => {
        const processId = resolveProcess(engine, args.process_id);
        if (processId === null) return fail(unknownProcess(args.process_id ?? ''));
        const since = args.since ?? 0;
        const read = () => engine.readLogs({ processId, since, limit: args.limit, maxBytes: args.max_bytes });
        let page = read();
        let waited: number | undefined;
        if (page.lines.length === 0 && args.wait_ms > 0) {
          const t0 = Date.now();
          await waitForLogs(engine, {
            processId,
            after: page.nextCursor,
            timeoutMs: args.wait_ms,
            signal: ctx.mcpReq.signal,
          });
          waited = Date.now() - t0;
          page = read();
        }
        const structured = {
          lines: page.lines.map(logLineView),
          next_cursor: page.nextCursor,
          truncated: page.truncated,
          gap: page.gap,
          oldest_seq: page.oldestSeq,
          latest_seq: page.latestSeq,
          waited_ms: waited,
        };
        const note = pagingNote(
          { count: page.lines.length, nextCursor: page.nextCursor, truncated: page.truncated, gap: page.gap },
          { noun: 'line', gap: `older lines were evicted (oldest kept is ${page.oldestSeq})` },
        );
        return ok(structured, [note, ...page.lines.map(lineText)].join('\n'));
      }),
  );

  server.registerTool(
    'logs_search',
    {
      title: 'Search logs',
      description:
        'Searches stored output (ANSI stripped) for plain text or a regular expression (regex=true, JavaScript syntax without backreferences or lookaround; it runs off the main thread within a time budget, and timed_out says the results are partial). Filter by process, level and cursor; context adds lines around each match.',
      inputSchema: searchInput,
      outputSchema: searchOutput,
      annotations: READ_ONLY,
    },
    (args) =>
      guarded(async () => {
        const processId = resolveProcess(engine, args.process_id);
        if (processId === null) return fail(unknownProcess(args.process_id ?? ''));
        const result = await engine.searchLogs({
          query: args.query,
          regex: args.regex,
          caseSensitive: args.case_sensitive,
          processId,
          level: args.level,
          since: args.since,
          limit: args.limit,
          context: args.context,
        });
        const { kept: matches, truncated } = shapeMatches(result.matches);
        const dropped = matches.length < result.matches.length;
        const structured = {
          matches,
          has_more: result.hasMore,
          timed_out: result.timedOut,
          scanned_lines: result.scannedLines,
          truncated,
        };
        const notes = [
          `${matches.length} match(es) in ${result.scannedLines} line(s)`,
          result.hasMore || dropped ? 'more matched: narrow the query or raise since' : '',
          truncated && !dropped ? 'long lines or context were shortened to fit' : '',
          result.timedOut ? 'the scan hit its time budget: results are partial' : '',
        ].filter(Boolean);
        return ok(structured, [notes.join('; '), ...matches.map((m) => lineText(m.line))].join('\n'));
      }, 'Check the pattern, or pass regex: false to search for plain text.'),
  );
}
