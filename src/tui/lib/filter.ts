/** Filter-as-you-type matching for lists: every space-separated word must appear (case-insensitive). */
export function matchesFilter(filter: string, ...fields: (string | undefined)[]): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fields.filter(Boolean).join(' ').toLowerCase();
  return words.every((w) => haystack.includes(w));
}
