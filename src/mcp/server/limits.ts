/** Bounds on what one MCP response may carry, so a chatty process can never flood a client. */

/** Log text per response (tools and resources). */
export const MAX_LOG_BYTES = 64 * 1024;
/** `scripts_status` JSON + text per response. */
export const MAX_STATUS_BYTES = 64 * 1024;
/** Processes per `scripts_status` page. */
export const MAX_STATUS_LIMIT = 200;
/** A search match with its context lines, in bytes of text. */
export const MAX_MATCH_BYTES = 16 * 1024;
/** The matching line of a search match, in bytes (its context lines share the rest of the match's bytes). */
export const MAX_MATCH_LINE_BYTES = 8 * 1024;
/** Lines per `logs_stream` page. */
export const MAX_LOG_LINES = 1000;
/** Longest `logs_stream` long-poll. */
export const MAX_WAIT_MS = 25_000;
/** Longest `scripts_run` wait. */
export const MAX_RUN_WAIT_MS = 50_000;
/** Default `scripts_run` wait. */
export const DEFAULT_RUN_WAIT_MS = 15_000;
/** Lines of recent output returned with `scripts_run` / `scripts_stop` / `scripts_restart`. */
export const TAIL_LINES = 20;
/** Bytes of recent output returned with those. */
export const TAIL_BYTES = 8 * 1024;

/** UTF-8 size of a string. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** UTF-8 size of a value's JSON: what it costs in a structured result. */
export function jsonBytes(value: unknown): number {
  return byteLength(JSON.stringify(value));
}

/**
 * Keeps items from the front while their total size stays within `maxBytes` (always at least one,
 * cut to fit, so a single huge item still shows something). `cut` says whether anything was dropped.
 */
export function takeWithinBytes<T>(
  items: readonly T[],
  size: (item: T) => number,
  maxBytes: number,
): { kept: T[]; cut: boolean } {
  const kept: T[] = [];
  let total = 0;
  for (const item of items) {
    const n = size(item);
    if (kept.length > 0 && total + n > maxBytes) return { kept, cut: true };
    kept.push(item);
    total += n;
  }
  return { kept, cut: false };
}

/** The last lines of `lines` that fit in `maxBytes` (newest kept), oldest first. */
export function tailWithinBytes(
  lines: readonly string[],
  maxBytes: number,
): { kept: string[]; cut: boolean } {
  const reversed = takeWithinBytes([...lines].reverse(), (l) => byteLength(l) + 1, maxBytes);
  const kept = reversed.kept.reverse().map((l) => truncateText(l, maxBytes));
  return { kept, cut: reversed.cut };
}

/** Cuts a string to at most `maxBytes` UTF-8 bytes, marking the cut. */
export function truncateText(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text;
  const marker = ' …[cut]';
  const buf = Buffer.from(text, 'utf8').subarray(0, Math.max(0, maxBytes - byteLength(marker)));
  // Decoding may leave a replacement char for a split multi-byte sequence; drop it.
  return buf.toString('utf8').replace(/\uFFFD$/, '') + marker;
}
