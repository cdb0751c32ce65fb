import { suggestScriptNames } from '../../../core/scripts/resolve.js';

/**
 * A short hint for an unknown script: the likely intended ones (the core's suggester, the same one
 * the CLI uses) and where to look for the rest.
 */
export function unknownScriptHint(name: string, scripts: readonly string[]): string {
  const guesses = suggestScriptNames(scripts, name);
  const shown = scripts.slice(0, 15).join(', ');
  const more = scripts.length > 15 ? `, … (${scripts.length - 15} more)` : '';
  const parts = [];
  if (guesses.length > 0) parts.push(`Did you mean ${guesses.map((g) => `"${g}"`).join(' or ')}?`);
  parts.push(scripts.length > 0 ? `Available scripts: ${shown}${more}.` : 'The project defines no scripts.');
  parts.push('Call scripts_list for details.');
  return parts.join(' ');
}
