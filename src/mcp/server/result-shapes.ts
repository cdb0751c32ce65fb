/**
 * What MCP clients see of core records: plain snake_case JSON, each with the zod schema that
 * describes it (used in tools' `outputSchema`). The mapping and its schema live side by side so
 * they cannot drift apart.
 */
import * as z from 'zod';
import type { ErrorRecord, UrlRecord } from '../../core/detect/types.js';
import type { LogLine } from '../../core/logs/types.js';
import type { ProcessSnapshot } from '../../core/process/snapshot.js';
import type { BrowserView } from '../../core/browser/types.js';

export const processSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['script', 'command']),
  command: z.string(),
  cwd: z.string(),
  status: z.enum(['pending', 'running', 'stopping', 'stopped', 'succeeded', 'failed']),
  pid: z.number().int().optional(),
  started_at: z.number().optional().describe('epoch ms'),
  ended_at: z.number().optional().describe('epoch ms'),
  duration_ms: z.number(),
  exit_code: z.number().int().nullable().optional(),
  signal: z.string().nullable().optional(),
  restart_count: z.number().int(),
  urls: z.array(z.string()),
  proxy_url: z
    .string()
    .optional()
    .describe("its first URL through brum's proxy: open this one in a browser for browser insight"),
  ready: z.boolean(),
  error_count: z.number().int(),
  last_error: z.string().optional(),
  reason: z.string().optional(),
  members_left: z
    .number()
    .int()
    .describe('processes of this run still alive after its leader exited; it stays running until they end'),
  revision: z.number().int(),
  summary: z.string().describe('one readable line'),
});
export type ProcessView = z.infer<typeof processSchema>;

/** A snapshot as plain JSON (`undefined` fields are left out when serialised). */
export function processView(
  p: ProcessSnapshot,
  now: number = Date.now(),
  browser?: Pick<BrowserView, 'proxyUrlFor'>,
): ProcessView {
  const proxyUrl = browser && p.urls.map((u) => browser.proxyUrlFor(u)).find((u) => u !== undefined);
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    command: p.command,
    cwd: p.cwd,
    status: p.status,
    pid: p.pid,
    started_at: p.startedAt,
    ended_at: p.endedAt,
    duration_ms: p.duration(now),
    exit_code: p.exitCode,
    signal: p.signal,
    restart_count: p.restartCount,
    urls: [...p.urls],
    ...(proxyUrl !== undefined ? { proxy_url: proxyUrl } : {}),
    ready: p.ready,
    error_count: p.errorCount,
    last_error: p.lastError,
    reason: p.reason,
    members_left: p.membersLeft,
    revision: p.revision,
    summary: p.toString(),
  };
}

export const logLineSchema = z.object({
  seq: z.number().int(),
  process_id: z.string(),
  stream: z.enum(['stdout', 'stderr', 'system']),
  ts: z.number().describe('epoch ms'),
  text: z.string().describe('the line without ANSI colours'),
  level: z.enum(['error', 'warning', 'info']).optional(),
  truncated: z
    .boolean()
    .optional()
    .describe(
      'the text was cut (ends with "…[cut]"): at the maximum stored line length, or to fit this response',
    ),
});
export type LogLineView = z.infer<typeof logLineSchema>;

export function logLineView(l: LogLine): LogLineView {
  const view: LogLineView = { seq: l.seq, process_id: l.processId, stream: l.stream, ts: l.ts, text: l.text };
  if (l.level !== 'info') view.level = l.level;
  if (l.truncated) view.truncated = true;
  return view;
}

export const errorSchema = z.object({
  id: z.string(),
  process_id: z.string(),
  severity: z.enum(['error', 'warning']),
  kind: z.string(),
  code: z.string().optional(),
  message: z.string(),
  file: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  stack: z.array(z.string()),
  stack_truncated: z.boolean().optional(),
  first_seen: z.number(),
  last_seen: z.number(),
  count: z.number().int(),
  seq_start: z.number().int(),
  seq_end: z.number().int(),
  resolved: z.boolean(),
  resolved_at: z.number().optional(),
});
export type ErrorView = z.infer<typeof errorSchema>;

/** Stack frames kept per error record in a response. */
export const MAX_STACK_FRAMES = 30;

export function errorView(e: ErrorRecord): ErrorView {
  const view: ErrorView = {
    id: e.id,
    process_id: e.processId,
    severity: e.severity,
    kind: e.kind,
    code: e.code,
    message: e.message,
    file: e.file,
    line: e.line,
    column: e.column,
    stack: e.stack.slice(0, MAX_STACK_FRAMES),
    first_seen: e.firstSeen,
    last_seen: e.lastSeen,
    count: e.count,
    seq_start: e.seqStart,
    seq_end: e.seqEnd,
    resolved: e.resolved,
    resolved_at: e.resolvedAt,
  };
  if (e.stack.length > MAX_STACK_FRAMES) view.stack_truncated = true;
  return view;
}

/** `file:line:column`, or what of it is known. */
export function errorLocation(e: Pick<ErrorRecord, 'file' | 'line' | 'column'>): string | undefined {
  if (!e.file) return undefined;
  return [e.file, e.line, e.line !== undefined ? e.column : undefined]
    .filter((x) => x !== undefined)
    .join(':');
}

export const urlSchema = z.object({
  process_id: z.string(),
  url: z.string(),
  first_seen: z.number(),
  seq: z.number().int(),
  proxy_url: z
    .string()
    .optional()
    .describe("the same page through brum's proxy (browser insight): open this one in a browser"),
});
export type UrlView = z.infer<typeof urlSchema>;

export function urlView(u: UrlRecord, browser?: Pick<BrowserView, 'proxyUrlFor'>): UrlView {
  const proxyUrl = browser?.proxyUrlFor(u.url);
  return {
    process_id: u.processId,
    url: u.url,
    first_seen: u.firstSeen,
    seq: u.seq,
    ...(proxyUrl !== undefined ? { proxy_url: proxyUrl } : {}),
  };
}
