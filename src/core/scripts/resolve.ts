import { distance } from 'fastest-levenshtein';
import { BrumError } from '../errors.js';
import type { ScriptCatalog, ScriptInfo } from './types.js';

/** How many script names an UNKNOWN_SCRIPT message lists before "and N more". */
const LISTED = 20;

/**
 * The script called `name`. Throws `UNKNOWN_SCRIPT` otherwise, with a message that suggests the
 * closest names and lists what exists; `details` holds `{ suggestions, available }` for MCP clients.
 */
export function resolveScript(catalog: Pick<ScriptCatalog, 'scripts'>, name: string): ScriptInfo {
  const found = catalog.scripts.find((script) => script.name === name);
  if (found) return found;

  const available = catalog.scripts.map((script) => script.name);
  const suggestions = suggestScriptNames(available, name);
  const hint =
    suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `\`${s}\``).join(' or ')}?` : '';
  const listed = available.slice(0, LISTED).join(', ');
  const more = available.length > LISTED ? ` and ${available.length - LISTED} more` : '';
  const list = available.length > 0 ? ` Available: ${listed}${more}.` : ' This project has no scripts.';
  return fail(name, `Unknown script \`${name}\`.${hint}${list}`, suggestions, available);
}

/**
 * Likely meant names, best first, at most three: scripts whose own part matches (`dev` → `web:dev`,
 * `api:dev`), then names within a small edit distance of the whole name or its script part (`dve` → `dev`, `web:dev`), closest first.
 */
export function suggestScriptNames(available: readonly string[], name: string): string[] {
  const wanted = name.toLowerCase();
  const bySuffix = available.filter((candidate) => {
    const lower = candidate.toLowerCase();
    return lower.endsWith(`:${wanted}`) || lower === wanted;
  });
  // Two typos (a swap counts as two) or one per three characters: `dve` → `dev`, but `a` is not `dev`.
  const limit = wanted.length <= 2 ? 1 : Math.max(2, Math.floor(wanted.length / 3));
  const byDistance = available
    .map((candidate) => ({ candidate, cost: typoCost(wanted, candidate.toLowerCase()) }))
    .filter(({ candidate, cost }) => cost <= limit && !bySuffix.includes(candidate))
    .sort((a, b) => a.cost - b.cost || a.candidate.length - b.candidate.length)
    .map(({ candidate }) => candidate);
  return [...bySuffix, ...byDistance].slice(0, 3);
}

/** Edit distance to the whole name or to its script part, so `dve` is close to `web:dev` too. */
function typoCost(wanted: string, candidate: string): number {
  const script = candidate.slice(candidate.lastIndexOf(':') + 1);
  return Math.min(distance(wanted, candidate), distance(wanted, script));
}

function fail(name: string, message: string, suggestions: string[], available: string[]): never {
  throw new BrumError('UNKNOWN_SCRIPT', message, { details: { name, suggestions, available } });
}
