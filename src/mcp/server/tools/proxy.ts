/** `proxy_requests`: what the browser asked the dev servers through brum's proxies (the request ring). */
import type { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import type { ProxyInfo, ProxyRequestRecord } from '../../../core/browser/types.js';
import type { Engine } from '../../../core/engine-api.js';
import { jsonBytes } from '../limits.js';
import { boundPage, cursorFields, pagingNote } from '../paging.js';
import { processRef, resolveProcess, unknownProcess } from './process-ref.js';
import { fail, guarded, ok, READ_ONLY } from './result.js';

export type ProxyEngine = Pick<Engine, 'get' | 'browser'>;

/** Longest URL shown per record (query strings can carry kilobytes). */
export const MAX_REQUEST_URL_CHARS = 1024;
export const MAX_REQUESTS_LIMIT = 500;

const requestSchema = z.object({
  seq: z.number().int(),
  time: z.number().describe('epoch ms when the request arrived'),
  process_id: z.string(),
  method: z.string(),
  url: z.string().describe('path and query as the browser asked (cut at 1024 characters)'),
  status: z.number().int().optional().describe('absent while in flight or when no response came'),
  duration_ms: z.number().optional(),
  bytes: z.number().int().describe('response bytes sent to the browser'),
  content_type: z.string().optional(),
  error: z.string().optional().describe('upstream down, aborted, decode failure'),
  warning: z.string().optional().describe('why an HTML page passed without the page client (CSP, encoding)'),
  tab: z.string().optional(),
  websocket: z.boolean().optional(),
  injected: z.boolean().optional().describe('the page client was injected into this HTML document'),
});

const proxySchema = z.object({
  process_id: z.string(),
  target: z.string().describe('the dev server origin'),
  proxy_url: z.string().optional().describe('open this in a browser for browser insight'),
  status: z.enum(['starting', 'listening', 'failed', 'closed']),
  error: z.string().optional(),
});

const input = z.object({
  process_id: processRef,
  tab: z.string().max(200).optional().describe('only requests of this browser tab'),
  status: z.enum(['all', 'error', 'success']).default('all').describe('error: status >= 400 or no response'),
  since: z.number().int().min(0).default(0).describe('pass next_cursor to get only newer requests'),
  limit: z.number().int().min(1).max(MAX_REQUESTS_LIMIT).default(100),
});

const output = z.object({
  requests: z.array(requestSchema),
  proxies: z.array(proxySchema),
  ...cursorFields('requests'),
});

function requestView(r: ProxyRequestRecord): z.infer<typeof requestSchema> {
  return {
    seq: r.seq,
    time: r.time,
    process_id: r.processId,
    method: r.method,
    url: r.url.length > MAX_REQUEST_URL_CHARS ? `${r.url.slice(0, MAX_REQUEST_URL_CHARS)}…[cut]` : r.url,
    ...(r.status !== undefined ? { status: r.status } : {}),
    ...(r.durationMs !== undefined ? { duration_ms: r.durationMs } : {}),
    bytes: r.bytes,
    ...(r.contentType !== undefined ? { content_type: r.contentType } : {}),
    ...(r.error !== undefined ? { error: r.error } : {}),
    ...(r.warning !== undefined ? { warning: r.warning } : {}),
    ...(r.tab !== undefined ? { tab: r.tab } : {}),
    ...(r.websocket ? { websocket: true } : {}),
    ...(r.injected !== undefined ? { injected: r.injected } : {}),
  };
}

function proxyView(p: ProxyInfo): z.infer<typeof proxySchema> {
  return {
    process_id: p.processId,
    target: p.target,
    ...(p.proxyUrl !== undefined ? { proxy_url: p.proxyUrl } : {}),
    status: p.status,
    ...(p.error !== undefined ? { error: p.error } : {}),
  };
}

function requestLine(r: z.infer<typeof requestSchema>): string {
  const status = r.status ?? (r.error ? 'ERR' : '…');
  const extra = [
    r.duration_ms !== undefined ? `${r.duration_ms}ms` : '',
    `${r.bytes}B`,
    r.websocket ? 'websocket' : '',
    r.injected ? 'client injected' : '',
    r.error ? `error: ${r.error}` : '',
    r.warning ? `warning: ${r.warning}` : '',
  ].filter(Boolean);
  return `#${r.seq} ${r.process_id} ${r.method} ${r.url} ${status} ${extra.join(' · ')}`;
}

export function registerProxyTools(server: McpServer, engine: ProxyEngine): void {
  server.registerTool(
    'proxy_requests',
    {
      title: 'Requests through the proxy',
      description:
        "Requests the browser made to the dev servers through brum's proxies (open a proxy_url from urls_list instead of the dev server's own URL): method, path, status, duration, bytes, content type, errors (upstream down → 502), WebSocket upgrades, and whether the page client was injected. Oldest first from `since`; a bounded ring (the last 2000). status=error: status ≥ 400 or no response.",
      inputSchema: input,
      outputSchema: output,
      annotations: READ_ONLY,
    },
    (args) =>
      guarded(() => {
        const processId = resolveProcess(engine, args.process_id);
        if (processId === null) return fail(unknownProcess(args.process_id ?? ''));
        const page = engine.browser.requests({
          ...(processId !== undefined ? { processId } : {}),
          ...(args.tab !== undefined ? { tab: args.tab } : {}),
          status: args.status,
          since: args.since,
          limit: args.limit,
        });
        // Each request also stands as a line of text: count it twice against the budget.
        const {
          views: requests,
          nextCursor,
          truncated,
          gap,
        } = boundPage(page, requestView, {
          size: (v) => 2 * jsonBytes(v),
        });
        const proxies = engine.browser.proxies().map(proxyView);
        const head =
          proxies.length === 0
            ? 'no proxies yet: brum starts one when a process prints a local dev-server URL (off with --no-proxy)'
            : `proxies: ${proxies.map((p) => `${p.target} → ${p.proxy_url ?? p.status}${p.error ? ` (${p.error})` : ''}`).join(', ')}`;
        const note = pagingNote(
          { count: requests.length, nextCursor, truncated, gap },
          { noun: 'request', gap: 'older requests were dropped from the bounded ring' },
        );
        return ok(
          { requests, proxies, next_cursor: nextCursor, truncated, gap },
          [head, note, ...requests.map(requestLine)].join('\n'),
        );
      }),
  );
}
