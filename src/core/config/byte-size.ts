/**
 * Byte sizes written by people: `16MiB`, `512KB`, `1.5 GiB`, `4096`. Decimal units (KB, MB, GB) are
 * powers of 1000 and binary units (KiB, MiB, GiB) powers of 1024, as their names say; units are
 * case-insensitive.
 */
const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

const SIZE_RE = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i;

/** A whole number of bytes, or undefined when the text is not a size. Fractions round down. */
export function parseByteSize(text: string): number | undefined {
  const match = SIZE_RE.exec(text);
  if (!match) return undefined;
  const unit = UNITS[(match[2] ?? '').toLowerCase() || 'b'];
  if (unit === undefined) return undefined;
  const bytes = Math.floor(Number(match[1]) * unit);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** The shortest exact binary-unit spelling (`16MiB`), or plain bytes when none is exact. */
export function formatByteSize(bytes: number): string {
  for (const [unit, size] of [
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}
