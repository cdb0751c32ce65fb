/**
 * Bounds on one `logs_search` answer. A stored line may be 64 KiB and a match carries up to 10 lines of
 * context on each side, so one match alone could weigh 21 × 64 KiB: each match gets a byte budget (its
 * line cut first, then context lines kept nearest first), and the answer as a whole another.
 */
import * as z from 'zod';
import type { LogLine, LogSearchMatch } from '../../../core/logs/types.js';
import {
  byteLength,
  jsonBytes,
  MAX_LOG_BYTES,
  MAX_MATCH_BYTES,
  MAX_MATCH_LINE_BYTES,
  takeWithinBytes,
  truncateText,
} from '../limits.js';
import { logLineSchema, logLineView, type LogLineView } from '../result-shapes.js';

/** A context line is cut to this many bytes, so one long neighbour cannot take the match's budget. */
const MAX_CONTEXT_LINE_BYTES = 2 * 1024;
/** JSON keys and numbers of one line view, roughly. */
const LINE_OVERHEAD_BYTES = 96;

export const matchSchema = z.object({
  line: logLineSchema,
  before: z.array(logLineSchema),
  after: z.array(logLineSchema),
  cut: z
    .boolean()
    .optional()
    .describe('the line or its context was shortened to fit the size bound of a match'),
});
export type MatchView = z.infer<typeof matchSchema>;

function clip(line: LogLine, maxBytes: number): LogLineView {
  const view = logLineView(line);
  const text = truncateText(line.text, maxBytes);
  return text === line.text ? view : { ...view, text, truncated: true };
}

/** One match within MAX_MATCH_BYTES: the line (cut to MAX_MATCH_LINE_BYTES), then context nearest first. */
export function shapeMatch(match: LogSearchMatch): MatchView {
  const line = clip(match.line, MAX_MATCH_LINE_BYTES);
  let budget = MAX_MATCH_BYTES - byteLength(line.text) - LINE_OVERHEAD_BYTES;
  let cut = line.text !== match.line.text;
  const before: LogLineView[] = [];
  const after: LogLineView[] = [];
  const take = (source: LogLine, into: LogLineView[], front: boolean): boolean => {
    if (budget < LINE_OVERHEAD_BYTES + 16) return false;
    const view = clip(source, Math.min(MAX_CONTEXT_LINE_BYTES, budget - LINE_OVERHEAD_BYTES));
    if (view.text !== source.text) cut = true;
    budget -= byteLength(view.text) + LINE_OVERHEAD_BYTES;
    if (front) into.unshift(view);
    else into.push(view);
    return true;
  };
  const depth = Math.max(match.before.length, match.after.length);
  for (let k = 0; k < depth; k++) {
    const b = match.before[match.before.length - 1 - k];
    const a = match.after[k];
    if ((b && !take(b, before, true)) || (a && !take(a, after, false))) {
      cut = true;
      break;
    }
  }
  return cut ? { line, before, after, cut } : { line, before, after };
}

/** The matches that fit in one answer (at least one), and whether any match was dropped or cut. */
export function shapeMatches(matches: readonly LogSearchMatch[]): { kept: MatchView[]; truncated: boolean } {
  const shaped = matches.map(shapeMatch);
  // JSON of the match plus its line again in the text block.
  const size = (m: MatchView) => jsonBytes(m) + byteLength(m.line.text) + 32;
  const { kept, cut } = takeWithinBytes(shaped, size, MAX_LOG_BYTES);
  return { kept, truncated: cut || kept.some((m) => m.cut === true) };
}
