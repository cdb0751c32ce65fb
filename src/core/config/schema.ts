/**
 * The shape of one `.brum.toml` file, in its own snake_case keys. Every object is strict (an unknown
 * key is an error) and every check carries an `expected ...` text, so messages tell people the fix.
 * Values are normalised here (sizes to bytes, single strings to lists, env values to strings);
 * paths stay as written and are resolved against the declaring file by `read-layer.ts`.
 */
import * as z from 'zod';
import { checkPattern } from '../logs/safe-regex.js';
import { parseByteSize } from './byte-size.js';
import { RESTART_POLICIES } from './types.js';
import { httpUrl } from '../http-url.js';
import { MAX_GRACE_MS, MAX_KEEP_RUNS, MIN_LOG_BYTES, PACKAGE_MANAGERS } from './flag-checks.js';

const quoted = (values: readonly string[]): string => values.map((v) => `"${v}"`).join(', ');

// The top-level keys' rules are also checked without zod, for command-line flags (flag-checks.ts,
// which holds their limits); flag-checks.test.ts keeps the two in step.

function boundedInt(min: number, max: number, expected: string) {
  return z
    .int({ error: `expected ${expected}` })
    .min(min, { error: `expected ${expected}` })
    .max(max, { error: `expected ${expected}` });
}

function byteSize() {
  const expected = `expected a number of bytes (at least ${MIN_LOG_BYTES}) or a size such as "16MiB" or "512KB"`;
  return z.union([z.int(), z.string()], { error: expected }).transform((value, ctx) => {
    const bytes = typeof value === 'number' ? value : parseByteSize(value);
    if (bytes === undefined || bytes < MIN_LOG_BYTES) {
      ctx.addIssue({ code: 'custom', message: expected });
      return z.NEVER;
    }
    return bytes;
  });
}

function stringList(expected: string) {
  const item = z.string({ error: expected }).min(1, { error: expected });
  return z
    .union([item, z.array(item)], { error: expected })
    .transform((value) => (typeof value === 'string' ? [value] : value));
}

// Checked with the engine that will run it (see logs/safe-regex.ts): a pattern that passes here
// can never fail when the script prints its first line.
const readyPattern = z
  .string({ error: 'expected a regular expression as a string' })
  .superRefine((source, ctx) => {
    try {
      checkPattern(source, { caseSensitive: true, purpose: 'config' });
    } catch (error) {
      // checkPattern's messages give the reason only, never the value (it may hold a secret).
      const why = (error as Error).message.replace(/^Invalid regular expression: /, '');
      ctx.addIssue({
        code: 'custom',
        message: `expected a valid regular expression that brum can run in linear time: ${why}`,
      });
    }
  });

const readyUrl = z
  .string({ error: 'expected an http(s) URL' })
  .refine((text) => httpUrl(text) !== undefined, {
    error: 'expected an http(s) URL such as "http://localhost:3000/health"',
  });

const envExpected = 'expected a table of variables, e.g. env = { PORT = "3000" }';
const envTable = z.record(
  z.string().regex(/^[^=\0]+$/, { error: 'expected a variable name without "=" or NUL' }),
  z
    .union([z.string(), z.number(), z.boolean()], { error: 'expected a string, number or boolean' })
    .transform((value) => String(value)),
  { error: envExpected },
);

/** Keys of a `[scripts.<name>]` table. */
const processShape = {
  env: envTable.optional(),
  env_file: stringList('expected a path or a list of paths').optional(),
  cwd: z
    .string({ error: 'expected a directory path' })
    .min(1, { error: 'expected a directory path' })
    .optional(),
  ready_pattern: readyPattern.optional(),
  ready_port: boundedInt(1, 65535, 'an integer port from 1 to 65535').optional(),
  ready_url: readyUrl.optional(),
  restart: z.enum(RESTART_POLICIES, { error: `expected one of ${quoted(RESTART_POLICIES)}` }).optional(),
  max_restarts: boundedInt(0, 1000, 'an integer from 0 to 1000').optional(),
  depends_on: stringList('expected a name or a list of script/command names').optional(),
  autostart: z.boolean({ error: 'expected true or false' }).optional(),
};

const commandShape = {
  run: z.string({ error: 'expected a command line' }).min(1, { error: 'expected a command line' }).optional(),
  ...processShape,
};

const processTable = z.strictObject(processShape, { error: 'expected a table' });

const MIN_IDLE_MS = 5_000;
const MAX_IDLE_MS = 24 * 60 * 60 * 1000;
const idleExpected = `expected a duration from 5s to 24h, as seconds (300) or a string such as "90s", "5m" or "1h"`;

/** `300`, `"90s"`, `"5m"`, `"1h"` → milliseconds (within 5 s .. 24 h). */
function duration() {
  return z.union([z.int(), z.string()], { error: idleExpected }).transform((value, ctx) => {
    const ms = typeof value === 'number' ? value * 1000 : parseDuration(value);
    if (ms === undefined || ms < MIN_IDLE_MS || ms > MAX_IDLE_MS) {
      ctx.addIssue({ code: 'custom', message: idleExpected });
      return z.NEVER;
    }
    return ms;
  });
}

function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's').toLowerCase()] ?? 1000;
  return Math.round(Number(match[1]) * unit);
}

/** `[browser]`: the Chromium brum manages for screenshots, snapshots and headless tabs (issue 14). */
const browserShape = {
  executable: z
    .string({ error: 'expected the path of a Chromium, Chrome or Edge executable' })
    .min(1, { error: 'expected the path of a Chromium, Chrome or Edge executable' })
    .optional(),
  idle_timeout: duration().optional(),
};
const browserTable = z.strictObject(browserShape, { error: 'expected a [browser] table' });
const commandTable = z.strictObject(commandShape, { error: 'expected a table' });

/** `[proxy]`: the reverse proxies brum puts in front of dev servers (docs/browser.md). */
const proxyTable = z.strictObject(
  {
    enabled: z.boolean({ error: 'expected true or false' }).optional(),
    port: boundedInt(
      0,
      65535,
      'an integer port from 0 to 65535 (the first proxy port; 0 = any free port)',
    ).optional(),
    ports: z
      .record(z.string(), boundedInt(1, 65535, 'an integer port from 1 to 65535'), {
        error: 'expected a table of script names to ports, e.g. ports = { dev = 7700 }',
      })
      .optional(),
  },
  { error: 'expected a [proxy] table' },
);

/** Schema of one parsed `.brum.toml` document. */
export const fileSchema = z.strictObject({
  preferred_package_manager: z
    .enum(PACKAGE_MANAGERS, { error: `expected one of ${quoted(PACKAGE_MANAGERS)}` })
    .optional(),
  mcp_port: boundedInt(0, 65535, 'an integer port from 0 to 65535').optional(),
  no_mcp: z.boolean({ error: 'expected true or false' }).optional(),
  log_buffer_bytes: byteSize().optional(),
  log_total_bytes: byteSize().optional(),
  stop_grace_ms: boundedInt(
    0,
    MAX_GRACE_MS,
    `an integer number of milliseconds from 0 to ${MAX_GRACE_MS}`,
  ).optional(),
  keep_runs: boundedInt(1, MAX_KEEP_RUNS, `an integer from 1 to ${MAX_KEEP_RUNS}`).optional(),
  scripts: z.record(z.string(), processTable, { error: 'expected [scripts.<name>] tables' }).optional(),
  commands: z.record(z.string(), commandTable, { error: 'expected [commands.<name>] tables' }).optional(),
  proxy: proxyTable.optional(),
  browser: browserTable.optional(),
});

/** One file's content after validation and normalisation. */
export type FileConfig = z.output<typeof fileSchema>;
export type ProcessTable = z.output<typeof processTable>;
export type CommandTable = z.output<typeof commandTable>;
export type ProxyTable = z.output<typeof proxyTable>;
export type BrowserTable = z.output<typeof browserTable>;

export const TOP_LEVEL_KEYS: readonly string[] = Object.keys(fileSchema.shape);
export const PROCESS_KEYS: readonly string[] = Object.keys(processShape);
export const COMMAND_KEYS: readonly string[] = Object.keys(commandShape);
export const BROWSER_KEYS: readonly string[] = Object.keys(browserShape);
