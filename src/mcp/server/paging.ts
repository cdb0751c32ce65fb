/**
 * Cursor paging for the MCP tools that read a bounded ring after a cursor (`proxy_requests`,
 * `telemetry_events`; `logs_stream` says it the same way): the page core returned, cut to a byte
 * budget, the cursor fields its result carries, and the first text line that says how to go on.
 */
import * as z from 'zod';
import type { Page } from '../../core/browser/types.js';
import { jsonBytes, MAX_LOG_BYTES, takeWithinBytes } from './limits.js';

/** `next_cursor`, `truncated` and `gap` for an output schema; `what` names the records (plural). */
export function cursorFields(what: string) {
  return {
    next_cursor: z.number().int().describe(`pass as since to continue after these ${what}`),
    truncated: z.boolean().describe(`more ${what} are available now: call again with since=next_cursor`),
    gap: z.boolean().describe(`${what} after since were already dropped from the bounded store`),
  };
}

/** A core page cut to a response's byte budget, with the records and their views side by side. */
export interface BoundedPage<T, V> {
  /** The records kept, oldest first. */
  readonly items: readonly T[];
  /** Their views, in the same order. */
  readonly views: V[];
  /** After the last kept record when the budget cut the page, else the page's own cursor. */
  readonly nextCursor: number;
  /** More records are there now: `limit` or the byte budget cut the page. */
  readonly truncated: boolean;
  readonly gap: boolean;
}

/**
 * Shapes each record of `page` with `view` and keeps them from the front while their `size` (default:
 * the JSON bytes of the view) fits in `maxBytes`; at least one is always kept.
 */
export function boundPage<T extends { readonly seq: number }, V>(
  page: Page<T>,
  view: (record: T) => V,
  { maxBytes = MAX_LOG_BYTES, size = jsonBytes }: { maxBytes?: number; size?: (view: V) => number } = {},
): BoundedPage<T, V> {
  const { kept, cut } = takeWithinBytes(page.items.map(view), size, maxBytes);
  const items = page.items.slice(0, kept.length);
  return {
    items,
    views: kept,
    nextCursor: cut ? items[items.length - 1]!.seq : page.nextCursor,
    truncated: page.truncated || cut,
    gap: page.gap,
  };
}

/**
 * The first text line of a paged result: `3 event(s), next_cursor 42; more available: call again with
 * since=next_cursor; gap: <gap>` (the last two only when they apply), then `notes`.
 */
export function pagingNote(
  page: {
    readonly count: number;
    readonly nextCursor: number;
    readonly truncated: boolean;
    readonly gap: boolean;
  },
  words: { readonly noun: string; readonly gap: string },
  ...notes: string[]
): string {
  return [
    `${page.count} ${words.noun}(s), next_cursor ${page.nextCursor}`,
    page.truncated ? 'more available: call again with since=next_cursor' : '',
    page.gap ? `gap: ${words.gap}` : '',
    ...notes,
  ]
    .filter(Boolean)
    .join('; ');
}
