import { stripVTControlCharacters } from 'node:util';

/**
 * Removes ANSI escape sequences (colours, cursor moves, OSC links) from one line.
 *
 * Returns `s` itself (the same string object) when it contains no ESC (`\x1b`) or 8-bit CSI (`\x9b`),
 * which is the common case on the hot path; callers may compare by identity to learn nothing changed.
 */
export function stripAnsi(s: string): string {
  if (s.indexOf('\x1b') === -1 && s.indexOf('\x9b') === -1) return s;
  const stripped = stripVTControlCharacters(s);
  return stripped === s ? s : stripped;
}
