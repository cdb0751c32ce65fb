/**
 * The top-level options' rules, without zod: what a command-line flag may be (`--port`, `--no-mcp`,
 * `--grace`, `--pm`), and the `expected …` text for each. `schema.ts` builds the file schema's
 * top-level keys from the same constants and texts, and `flag-checks.test.ts` checks, on random values,
 * that both accept and reject the same values with the same message. Kept apart so that `brum run -p
 * 4000` in a project without `.brum.toml` validates its flags without loading zod (~14 MB of memory).
 */
import { BrumError } from '../errors.js';
import { TOP_LEVEL_TOML_KEYS } from './build.js';
import { parseByteSize } from './byte-size.js';
import type { ConfigFlags, TopLevelOptions } from './types.js';

export const PACKAGE_MANAGERS = ['npm', 'pnpm', 'yarn', 'bun'] as const;
export const MIN_LOG_BYTES = 1024;
export const MAX_GRACE_MS = 10 * 60 * 1000;
export const MAX_KEEP_RUNS = 1000;

const quoted = (values: readonly string[]): string => values.map((v) => `"${v}"`).join(', ');

/** The message for a wrong value of each top-level key (its TOML name). */
export const TOP_LEVEL_EXPECTED = Object.freeze({
  preferred_package_manager: `expected one of ${quoted(PACKAGE_MANAGERS)}`,
  mcp_port: 'expected an integer port from 0 to 65535',
  no_mcp: 'expected true or false',
  log_buffer_bytes: `expected a number of bytes (at least ${MIN_LOG_BYTES}) or a size such as "16MiB" or "512KB"`,
  log_total_bytes: `expected a number of bytes (at least ${MIN_LOG_BYTES}) or a size such as "16MiB" or "512KB"`,
  stop_grace_ms: `expected an integer number of milliseconds from 0 to ${MAX_GRACE_MS}`,
  keep_runs: `expected an integer from 1 to ${MAX_KEEP_RUNS}`,
});

type TopLevelKey = keyof typeof TOP_LEVEL_EXPECTED;

const intIn =
  (min: number, max: number) =>
  (value: unknown): number | undefined =>
    typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max
      ? value
      : undefined;

function byteSize(value: unknown): number | undefined {
  const bytes =
    typeof value === 'number'
      ? Number.isSafeInteger(value)
        ? value
        : undefined
      : typeof value === 'string'
        ? parseByteSize(value)
        : undefined;
  return bytes === undefined || bytes < MIN_LOG_BYTES ? undefined : bytes;
}

/** The checked (normalised) value of each key, or undefined when the value is not allowed. */
const CHECKS: Readonly<Record<TopLevelKey, (value: unknown) => unknown>> = Object.freeze({
  preferred_package_manager: (value: unknown) =>
    typeof value === 'string' && (PACKAGE_MANAGERS as readonly string[]).includes(value) ? value : undefined,
  mcp_port: intIn(0, 65535),
  no_mcp: (value: unknown) => (typeof value === 'boolean' ? value : undefined),
  log_buffer_bytes: byteSize,
  log_total_bytes: byteSize,
  stop_grace_ms: intIn(0, MAX_GRACE_MS),
  keep_runs: intIn(1, MAX_KEEP_RUNS),
});

/** `value` for top-level key `key`: the normalised value, or the reason it is wrong. */
export function checkTopLevel(
  key: TopLevelKey,
  value: unknown,
): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string } {
  const checked = CHECKS[key](value);
  return checked === undefined
    ? { ok: false, reason: TOP_LEVEL_EXPECTED[key] }
    : { ok: true, value: checked };
}

/** How a value is named in a message: its kind, never a string's text (it may be a secret). */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (value !== null && typeof value === 'object') return 'a table';
  if (typeof value === 'string') return 'a string';
  return String(value);
}

/**
 * Validates the top-level options set on the command line (undefined ones are skipped), spelled as
 * `names` in messages. Throws BrumError('INVALID_ARGUMENT') for an unknown option or a wrong value.
 */
export function checkFlags(
  flags: ConfigFlags,
  names: Readonly<Record<keyof TopLevelOptions, string>>,
): Partial<TopLevelOptions> {
  const valid: Record<string, unknown> = {};
  for (const [option, value] of Object.entries(flags) as [keyof TopLevelOptions, unknown][]) {
    if (value === undefined) continue;
    const tomlKey = TOP_LEVEL_TOML_KEYS[option] as TopLevelKey | undefined;
    if (tomlKey === undefined || !Object.hasOwn(CHECKS, tomlKey)) {
      throw new BrumError('INVALID_ARGUMENT', `unknown configuration flag "${String(option)}"`);
    }
    const result = checkTopLevel(tomlKey, value);
    if (!result.ok) {
      throw new BrumError(
        'INVALID_ARGUMENT',
        `flag ${names[option]}: ${result.reason}, got ${describeValue(value)}`,
      );
    }
    valid[option] = result.value;
  }
  return valid as Partial<TopLevelOptions>;
}
