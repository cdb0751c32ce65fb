/**
 * Turns zod issues for one file into messages a person can act on: the file, the TOML key path, the
 * expected form, what kind of value was found (never a string's text), and for an unknown key the
 * closest known one.
 */
import { closest, distance } from 'fastest-levenshtein';
import type * as z from 'zod';
import { describeValue } from './flag-checks.js';
import { formatKeyPath, toSnakeCase } from './key-path.js';
import { BROWSER_KEYS, COMMAND_KEYS, PROCESS_KEYS, TOP_LEVEL_KEYS } from './schema.js';

type PathSegment = string | number;

/** The closest of `known` to `key`, when it is close enough to be a plausible typo. */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const normalised = toSnakeCase(key).toLowerCase().replace(/-/g, '_');
  if (known.includes(normalised)) return normalised;
  const best = closest(normalised, [...known]);
  return distance(normalised, best) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

function knownKeysAt(path: readonly PathSegment[]): readonly string[] {
  if (path.length === 0) return TOP_LEVEL_KEYS;
  if (path.length === 2 && path[0] === 'commands') return COMMAND_KEYS;
  if (path.length === 2 && path[0] === 'scripts') return PROCESS_KEYS;
  if (path.length === 1 && path[0] === 'browser') return BROWSER_KEYS;
  return [];
}

function valueAt(input: unknown, path: readonly PathSegment[]): unknown {
  let value = input;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PathSegment, unknown>)[segment];
  }
  return value;
}

/**
 * What kind of value was found, never the value itself when it is text: a string may be a password
 * (`ready_url = "ftp://admin:pw@…"`), and error messages end up in terminals, logs and MCP results.
 * Numbers and booleans are shown (`got 70000`): they help and cannot carry a credential of any size.
 */
function describeIssue(issue: z.core.$ZodIssue, input: unknown): string[] {
  // Zod paths may hold symbols in general; parsed TOML has only string keys and array indexes.
  const path = issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(path);
    return issue.keys.map((key) => {
      const suggestion = suggestKey(key, known);
      const hint = suggestion
        ? `; did you mean "${suggestion}"?`
        : known.length > 0
          ? `; known keys: ${known.join(', ')}`
          : '';
      return `unknown key "${formatKeyPath([...path, key])}"${hint}`;
    });
  }
  const where = path.length > 0 ? formatKeyPath(path) : '(document)';
  const found = valueAt(input, path);
  const got = found === undefined || issue.code === 'invalid_key' ? '' : `, got ${describeValue(found)}`;
  return [`${where}: ${issue.message}${got}`];
}

/** One message per problem, each prefixed with the file. */
export function formatIssues(file: string, issues: readonly z.core.$ZodIssue[], input: unknown): string[] {
  return issues.flatMap((issue) => describeIssue(issue, input)).map((text) => `${file}: ${text}`);
}
