/**
 * Turning a tool call's arguments and result into what the person may see: secrets masked (by name,
 * as everywhere brum shows settings, and URL passwords / bearer tokens by shape), and bounded.
 */
import { isSecretName, MASK, maskUrlPasswords } from '../config/mask.js';

/** `Bearer <token>` / `Basic <creds>` anywhere in a text. */
const AUTH_VALUE = /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{6,}/gi;
/** `NAME=value` / `name: value` pairs in a text (env lines, query strings, headers). */
const NAMED_VALUE = /\b([A-Za-z_][A-Za-z0-9_.-]{0,63})(=|:\s?)([^\s"'&,;]+)/g;
const MAX_DEPTH = 6;
const MAX_KEYS = 50;

/** A string as it may be displayed: URL passwords, authorization values and secret-named values hidden. */
export function maskText(text: string): string {
  return maskUrlPasswords(text)
    .replace(AUTH_VALUE, (_m, scheme: string) => `${scheme} ${MASK}`)
    .replace(NAMED_VALUE, (whole, name: string, sep: string, value: string) =>
      isSecretName(name) && value !== MASK ? `${name}${sep}${MASK}` : whole,
    );
}

/** A copy of `value` with secret-named keys and secret-shaped strings masked; bounded in depth and width. */
export function maskArgs(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '…';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_KEYS).map((v) => maskArgs(v, depth + 1));
    if (value.length > MAX_KEYS) items.push(`… ${value.length - MAX_KEYS} more`);
    return items;
  }
  const out: Record<string, unknown> = {};
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [key, v] of entries.slice(0, MAX_KEYS)) {
    out[key] = isSecretName(key) && v !== undefined && v !== null && v !== '' ? MASK : maskArgs(v, depth + 1);
  }
  if (entries.length > MAX_KEYS) out['…'] = `${entries.length - MAX_KEYS} more keys`;
  return out;
}

/**
 * Characters past the cut that are masked with what is kept, so a secret that starts before the cut
 * is still recognised whole (URL userinfo, bearer tokens and `NAME=value` pairs are far shorter).
 */
const MASK_MARGIN = 1024;

/**
 * `bound(maskText(text), max)`, masking only the part that is kept (plus {@link MASK_MARGIN}): a tool
 * result can be tens of KB (a page of 200 log lines) of which 8 KiB are kept, and masking all of it
 * took more CPU than the call itself. The count of characters not kept is that of the masked text.
 */
export function maskedBound(text: string, max: number): { text: string; truncated: boolean } {
  const scanned = max + MASK_MARGIN;
  if (text.length <= scanned) return bound(maskText(text), max);
  const masked = maskText(text.slice(0, scanned));
  const notKept = masked.length - max + (text.length - scanned);
  return { text: `${masked.slice(0, max)}\n… (${notKept} more characters not kept)`, truncated: true };
}

/** `text` cut to `max` characters with a marker, and whether it was cut. */
export function bound(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  return {
    text: `${text.slice(0, max)}\n… (${text.length - max} more characters not kept)`,
    truncated: true,
  };
}

function shortValue(value: unknown): string {
  if (typeof value === 'string') {
    const flat = value.replace(/\s+/g, ' ');
    return JSON.stringify(flat.length > 40 ? `${flat.slice(0, 39)}…` : flat);
  }
  if (Array.isArray(value)) return `[${value.length}]`;
  if (value !== null && typeof value === 'object') return '{…}';
  return String(value);
}

/** One line for a list: `name="dev" wait="ready"` (masked arguments in, at most `max` characters out). */
export function summarizeArgs(masked: unknown, max = 160): string {
  if (masked === undefined || masked === null) return '';
  if (typeof masked !== 'object' || Array.isArray(masked)) return shortValue(masked).slice(0, max);
  const line = Object.entries(masked as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${shortValue(v)}`)
    .join(' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** `840 ms`, `2.4 s`. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** `312 B`, `4.2 KB`, `1.1 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
