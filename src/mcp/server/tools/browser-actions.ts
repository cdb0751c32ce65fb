/**
 * Acting in one browser tab (issue 14): `repl_execute`, `browser_navigate`, `browser_refresh`, over
 * the page client's command channel (`engine.browser.command`: ids, acknowledgements, timeouts, a
 * clear error when the tab disconnects mid-command).
 *
 * Targeting: `tab` names one tab from `telemetry_sessions`; left out, the only connected tab. With
 * several tabs these tools refuse to guess and list the candidates. Every result names its tab.
 */
import type { CallToolResult, McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { chooseTab } from '../../../core/browser/targeting.js';
import type { CommandResult, TabSession, TelemetryEvent } from '../../../core/browser/types.js';
import type { Engine } from '../../../core/engine-api.js';
import { isBrumError } from '../../../core/errors.js';
import { byteLength, MAX_LOG_BYTES, truncateText } from '../limits.js';
import { fail, ok } from './result.js';
import { PAGE_OUTPUT_NOTE } from './telemetry.js';
import { checkHttpUrl } from '../../../core/http-url.js';

export type BrowserActionEngine = Pick<Engine, 'browser'>;

export const DEFAULT_EVAL_TIMEOUT_MS = 5_000;
export const MAX_EVAL_TIMEOUT_MS = 30_000;
/** How long navigate/refresh wait for the tab's page client to come back with its new load. */
export const RELOAD_WAIT_MS = 15_000;
/** After the new load's `load` event, what else it reports within this long is part of the answer. */
const SETTLE_MS = 400;
/** Once the new load connected, how long its `load` event is waited for. */
const LOAD_EVENT_WAIT_MS = 5_000;
const MAX_VALUE_BYTES = 32 * 1024;
const MAX_LOAD_ERRORS = 20;

const ACTS = Object.freeze({
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: false,
});

const tabArg = z
  .string()
  .optional()
  .describe('a tab id from telemetry_sessions; left out: the only connected tab (with several, name one)');

const evalInput = z.object({
  code: z
    .string()
    .min(1)
    .max(100_000)
    .describe('JavaScript: an expression, or a function body that may use await and return'),
  tab: tabArg,
  timeout_ms: z
    .number()
    .int()
    .min(1)
    .max(MAX_EVAL_TIMEOUT_MS)
    .default(DEFAULT_EVAL_TIMEOUT_MS)
    .describe(`default ${DEFAULT_EVAL_TIMEOUT_MS}, at most ${MAX_EVAL_TIMEOUT_MS}`),
});

const consoleLine = z.object({ level: z.enum(['debug', 'info', 'warn', 'error']), text: z.string() });

const evalOutput = z.object({
  tab: z.string(),
  url: z.string(),
  load: z.string(),
  ok: z.boolean().describe('false: the code threw (error and stack say what)'),
  value: z.unknown().optional().describe('the value, serialised by the page within depth/size bounds'),
  error: z.string().optional(),
  stack: z.array(z.string()).optional(),
  console: z.array(consoleLine).describe('console output the evaluation produced (page output)'),
  truncated: z.boolean(),
  duration_ms: z.number(),
});

const navigateInput = z.object({
  url: z.string().min(1).describe("an http(s) URL; a dev server's own URL is sent through its brum proxy"),
  tab: tabArg,
});

const refreshInput = z.object({ tab: tabArg });

const loadError = z.object({
  kind: z.string(),
  message: z.string().describe('page output'),
  file: z.string().optional(),
  line: z.number().optional(),
});

const loadOutput = z.object({
  tab: z.string(),
  reconnected: z.boolean().describe('the page client of the new load connected within the wait'),
  load: z.string().optional().describe('the new load'),
  previous_load: z.string(),
  url: z.string(),
  title: z.string(),
  http_status: z.number().int().nullable().describe("the document's status as brum's proxy saw it"),
  errors: z.array(loadError).describe('errors and failed requests the new load reported so far'),
  notes: z.array(z.string()),
});

type Choice = { session: TabSession } | { error: CallToolResult };

function chooseActing(engine: BrowserActionEngine, tab: string | undefined): Choice {
  const choice = chooseTab(engine.browser.sessions(), tab, 'act');
  if (!choice.ok) return { error: fail(choice.message) };
  return { session: choice.session };
}

/** Delivery failures (unknown tab, disconnected, timeout, no endpoint) as one clear line. */
function commandFailure(error: unknown): CallToolResult {
  if (isBrumError(error)) return fail(`${error.code}: ${error.message}`);
  return fail(`The browser command failed: ${error instanceof Error ? error.message : String(error)}`);
}

function boundedValue(value: unknown): { value: unknown; cut: boolean } {
  if (value === undefined) return { value: undefined, cut: false };
  const text = JSON.stringify(value) ?? String(value);
  if (byteLength(text) <= MAX_VALUE_BYTES) return { value, cut: false };
  return { value: truncateText(text, MAX_VALUE_BYTES), cut: true };
}

export function registerBrowserActionTools(server: McpServer, engine: BrowserActionEngine): void {
  server.registerTool(
    'repl_execute',
    {
      title: 'Run JavaScript in one tab',
      description:
        'Evaluates JavaScript in exactly one browser tab (never in others): an expression, or a body with await/return. Returns the value (bounded), or the error with its stack, and the console output it produced. tab: an id from telemetry_sessions; with several tabs connected it must be given (the error lists them). Bounded by timeout_ms (default 5000, max 30000).',
      inputSchema: evalInput,
      outputSchema: evalOutput,
      annotations: ACTS,
    },
    async (args) => {
      const chosen = chooseActing(engine, args.tab);
      if ('error' in chosen) return chosen.error;
      const { session } = chosen;
      let result: CommandResult;
      try {
        result = await engine.browser.command(
          session.tab,
          { type: 'eval', code: args.code },
          args.timeout_ms,
        );
      } catch (error) {
        return commandFailure(error);
      }
      const { value, cut } = boundedValue(result.value);
      const consoleLines = (result.console ?? []).map((l) => ({
        level: l.level,
        text: truncateText(l.text, 4096),
      }));
      const structured = {
        tab: result.tab,
        url: session.url,
        load: result.load,
        ok: result.ok,
        ...(value === undefined ? {} : { value }),
        ...(result.error === undefined ? {} : { error: result.error }),
        ...(result.stack === undefined ? {} : { stack: [...result.stack] }),
        console: consoleLines,
        truncated: cut || result.truncated === true,
        duration_ms: result.durationMs,
      };
      const shown = result.ok
        ? `value: ${truncateText(JSON.stringify(value) ?? 'undefined', MAX_LOG_BYTES / 4)}`
        : `threw: ${result.error ?? 'an error'}${result.stack?.length ? `\n${result.stack.slice(0, 10).join('\n')}` : ''}`;
      const text = [
        `tab ${result.tab} (${session.url}), ${result.durationMs} ms`,
        shown,
        ...(consoleLines.length > 0
          ? ['console:', ...consoleLines.slice(0, 50).map((l) => `  [${l.level}] ${l.text}`)]
          : []),
        PAGE_OUTPUT_NOTE,
      ].join('\n');
      return ok(structured, text);
    },
  );

  const reload = async (
    session: TabSession,
    command: { type: 'reload' } | { type: 'navigate'; url: string },
    notes: string[],
  ): Promise<CallToolResult> => {
    const previous = session.load;
    const requestsBefore = latestRequestSeq(engine);
    const wait = waitForNewLoad(engine, session.tab, previous);
    try {
      const answer = await engine.browser.command(session.tab, command, DEFAULT_EVAL_TIMEOUT_MS);
      if (!answer.ok) {
        wait.cancel();
        return fail(`tab ${session.tab} refused: ${answer.error ?? 'no reason given'}`);
      }
    } catch (error) {
      wait.cancel();
      return commandFailure(error);
    }
    const outcome = await wait.done;
    const now = engine.browser.sessions().find((s) => s.tab === session.tab);
    if (!outcome.session) {
      notes.push(
        `the tab did not come back within ${RELOAD_WAIT_MS / 1000} s with a new load: the page may not be served through brum's proxy (only proxied pages report), or it is still loading`,
      );
    }
    const loaded = outcome.session ?? now ?? session;
    const status = documentStatus(engine, requestsBefore, loaded);
    const errors = outcome.events
      .filter((e) => e.level === 'error' || e.kind === 'error')
      .slice(0, MAX_LOAD_ERRORS)
      .map((e) => ({
        kind: e.kind,
        message: truncateText(e.message, 2048),
        ...(e.location?.file ? { file: e.location.file } : {}),
        ...(e.location?.line !== undefined ? { line: e.location.line } : {}),
      }));
    const structured = {
      tab: session.tab,
      reconnected: outcome.session !== undefined,
      ...(outcome.session ? { load: outcome.session.load } : {}),
      previous_load: previous,
      url: loaded.url,
      title: loaded.title,
      http_status: status ?? null,
      errors,
      notes,
    };
    const text = [
      `tab ${session.tab}: ${outcome.session ? `new load ${outcome.session.load}` : 'no new load seen'} at ${loaded.url}${status ? ` (HTTP ${status})` : ''}${loaded.title ? ` "${loaded.title}"` : ''}`,
      errors.length === 0
        ? 'no errors reported by the new load so far'
        : [
            `${errors.length} error(s) from the new load:`,
            ...errors.map(
              (e) =>
                `  [${e.kind}] ${e.message}${e.file ? ` at ${e.file}${e.line ? `:${e.line}` : ''}` : ''}`,
            ),
          ].join('\n'),
      ...notes.map((n) => `note: ${n}`),
      PAGE_OUTPUT_NOTE,
    ].join('\n');
    return ok(structured, text);
  };

  server.registerTool(
    'browser_navigate',
    {
      title: 'Navigate one tab',
      description:
        "Really navigates one tab to a URL (a dev server's own URL goes through its brum proxy), waits for the tab to come back with its new load (bounded), and returns its URL, title, HTTP status (from the proxy) and the errors that load reported. With several tabs connected, tab must be given.",
      inputSchema: navigateInput,
      outputSchema: loadOutput,
      annotations: { ...ACTS, openWorldHint: true },
    },
    async (args) => {
      const chosen = chooseActing(engine, args.tab);
      if ('error' in chosen) return chosen.error;
      const { url: target, error } = checkHttpUrl(args.url, chosen.session.url);
      if (error !== undefined) return fail(error);
      const notes: string[] = [];
      const proxied = engine.browser.proxyUrlFor(target.href);
      if (proxied && proxied !== target.href)
        notes.push(`${target.origin} goes through brum's proxy: ${new URL(proxied).origin}`);
      return reload(chosen.session, { type: 'navigate', url: proxied ?? target.href }, notes);
    },
  );

  server.registerTool(
    'browser_refresh',
    {
      title: 'Reload one tab',
      description:
        'Really reloads one tab, waits for it to come back with its new load (bounded), and returns its URL, title, HTTP status (from the proxy) and the errors that load reported. With several tabs connected, tab must be given.',
      inputSchema: refreshInput,
      outputSchema: loadOutput,
      annotations: ACTS,
    },
    async (args) => {
      const chosen = chooseActing(engine, args.tab);
      if ('error' in chosen) return chosen.error;
      return reload(chosen.session, { type: 'reload' }, []);
    },
  );
}

/** The newest request record's seq (0 when none). */
function latestRequestSeq(engine: BrowserActionEngine): number {
  let cursor = 0;
  for (;;) {
    const page = engine.browser.requests({ since: cursor, limit: 1000 });
    const last = page.items.at(-1);
    if (!last) return cursor;
    cursor = last.seq;
    if (!page.truncated) return cursor;
  }
}

/** The status of the new load's HTML document, as the proxy recorded it (an injected response). */
function documentStatus(engine: BrowserActionEngine, since: number, session: TabSession): number | undefined {
  let path: string;
  try {
    const url = new URL(session.url);
    path = url.pathname + url.search;
  } catch {
    return undefined;
  }
  let found: number | undefined;
  let cursor = since;
  for (;;) {
    const page = engine.browser.requests({ since: cursor, limit: 500 });
    for (const r of page.items) {
      // The document: a GET of the page's path that got a response (the injected one when there are several).
      if (r.method !== 'GET' || r.url !== path || r.status === undefined) continue;
      if (found === undefined || r.injected === true) found = r.status;
    }
    if (!page.truncated || page.items.length === 0) return found;
    cursor = page.items.at(-1)!.seq;
  }
}

interface LoadWait {
  readonly done: Promise<{ session?: TabSession; events: TelemetryEvent[] }>;
  cancel(): void;
}

/**
 * Waits (bounded) for `tab` to connect with a load other than `previous`, then for that load's
 * `load` event, then `SETTLE_MS` more; collects what the new load reported meanwhile.
 */
function waitForNewLoad(engine: BrowserActionEngine, tab: string, previous: string): LoadWait {
  const events: TelemetryEvent[] = [];
  let resolve!: (value: { session?: TabSession; events: TelemetryEvent[] }) => void;
  const done = new Promise<{ session?: TabSession; events: TelemetryEvent[] }>((r) => (resolve = r));
  let session: TabSession | undefined;
  let settleTimer: NodeJS.Timeout | undefined;
  const finish = (): void => {
    clearTimeout(deadline);
    clearTimeout(settleTimer);
    offSession();
    offEvent();
    resolve({ ...(session ? { session } : {}), events });
  };
  const deadline = setTimeout(finish, RELOAD_WAIT_MS);
  const settle = (): void => {
    clearTimeout(settleTimer);
    settleTimer = setTimeout(finish, SETTLE_MS);
  };
  const offSession = engine.browser.on('session', (s) => {
    if (s.tab !== tab || s.load === previous || !s.connected) return;
    const first = session === undefined;
    session = s;
    if (events.some((e) => e.load === s.load && isLoadEvent(e))) settle();
    else if (first) settleTimer = setTimeout(finish, LOAD_EVENT_WAIT_MS);
  });
  const offEvent = engine.browser.on('event', (e) => {
    if (e.tab !== tab || e.load === previous) return;
    if (events.length < 500) events.push(e);
    if (session && e.load === session.load && isLoadEvent(e)) settle();
  });
  return {
    done,
    cancel: finish,
  };
}

function isLoadEvent(e: TelemetryEvent): boolean {
  return e.kind === 'navigation' && (e.data as { phase?: unknown } | undefined)?.phase === 'load';
}
