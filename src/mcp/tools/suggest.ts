import { distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `name` when it is close enough to be a plausible typo
 * (distance at most a third of the length, min 2), else undefined. Prefix matches win.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const prefixed = candidates.find((c) => c.startsWith(name) || name.startsWith(c));
  if (prefixed !== undefined && name.length > 0) return prefixed;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(name, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/** A short hint for an unknown script: the likely intended one and where to look for the rest. */
export function unknownScriptHint(name: string, scripts: readonly string[]): string {
  const guess = closestName(name, scripts);
  const shown = scripts.slice(0, 15).join(', ');
  const more = scripts.length > 15 ? `, … (${scripts.length - 15} more)` : '';
  const parts = [];
  if (guess !== undefined) parts.push(`Did you mean "${guess}"?`);
  parts.push(scripts.length > 0 ? `Available scripts: ${shown}${more}.` : 'The project defines no scripts.');
  parts.push('Call scripts_list for details.');
  return parts.join(' ');
}
