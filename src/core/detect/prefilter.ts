import { isAscii } from 'node:buffer';

/**
 * One cheap test run on every line before any parser: every parser's start line and every marker
 * contains one of these fragments. Lines failing it (the vast majority) cost one regex scan.
 * It may over-approximate (`RR` for `RROR`): a false positive only costs the parsers' own checks.
 *
 * Its shape is measured, not arbitrary. On typical log lines V8 runs the common alternation in
 * ~60–75 ns per 100-byte line; adding the non-ASCII markers (Next's `⨯`, jest's `●`) to the same
 * alternation makes it ~3× slower, and every extra fragment costs every line a little. So the
 * fragments only rare formats need — the non-ASCII markers, and oxlint's plain frame `,-[` — are
 * searched for once per chunk in its bytes (`hasRareMarker`: one memmem for `,-[`, and when the chunk
 * is not pure ASCII one per non-ASCII marker), and the common prefilter, exactly the fragments it had
 * before those formats were added, serves the common chunk without them.
 * Keep it in sync with `parsers/` and `markers.ts` (the fixture tests catch a missing fragment).
 */
const REPORT_FRAGMENTS = String.raw`rror|a(?:rn|il|tal|nic)|RR(?:OR)?|ARN|ATAL|ERR!|xception|ejection|Traceback|\.go:|FAIL|\(!\)`;
/** Needed only by pass markers (markers.ts); no parser's start line needs them. */
const MARKER_FRAGMENTS = String.raw`Test |hmr update|page reload|built in|ompiled`;
/** oxlint's plain code frame (`  ,-[src/a.ts:2:3]`), which it prints without colours. */
const RARE_ASCII_MARKER = ',-[';
/** Next's `⨯`, jest's `●`, oxlint's frame `╭─[` (with colours), Biome's header rule `━`. */
const NON_ASCII_MARKERS = ['⨯', '●', '╭', '━'] as const;
const RARE_ASCII_MARKER_BYTES = Buffer.from(RARE_ASCII_MARKER);
const NON_ASCII_MARKER_BYTES = NON_ASCII_MARKERS.map((m) => Buffer.from(m));
const RARE = String.raw`,-\[|[${NON_ASCII_MARKERS.join('')}]`;

/** Every fragment; for text whose bytes were not checked for the rare markers. */
export const PREFILTER = new RegExp(`${REPORT_FRAGMENTS}|${MARKER_FRAGMENTS}|${RARE}`);
/** Every fragment but the rare ones; only for text known to contain none of them (`hasRareMarker`). */
export const PREFILTER_COMMON = new RegExp(`${REPORT_FRAGMENTS}|${MARKER_FRAGMENTS}`);

/**
 * Without the marker fragments: for a batch of a process that has no current record a marker could
 * resolve (`ErrorDetector.watchesMarkers`), where a marker line changes nothing — a third of the lines
 * of a dev server's HMR session are markers. The detector checks the lines it was not given for
 * markers itself should such a record appear within the batch.
 */
export const REPORT_PREFILTER = new RegExp(`${REPORT_FRAGMENTS}|${RARE}`);
export const REPORT_PREFILTER_COMMON = new RegExp(REPORT_FRAGMENTS);

/** `mayMatter` without the marker fragments (see `REPORT_PREFILTER`). */
export function mayStartReport(text: string): boolean {
  return text.length > 2 && REPORT_PREFILTER.test(text);
}

/** `mayStartReport` for a line of a batch whose bytes contain no rare marker. */
export function mayStartReportCommon(text: string): boolean {
  return text.length > 2 && REPORT_PREFILTER_COMMON.test(text);
}

/** True when the line may start an error block or be a lifecycle marker. */
export function mayMatter(text: string): boolean {
  return text.length > 2 && PREFILTER.test(text);
}

/** `mayMatter` for a line of a batch whose bytes contain no rare marker (`hasRareMarker`). */
export function mayMatterCommon(text: string): boolean {
  return text.length > 2 && PREFILTER_COMMON.test(text);
}

/**
 * Whether a chunk holds a rare marker: one byte search (memmem) for the ASCII one, and — unless the
 * chunk is pure ASCII, which one `isAscii` check tells — one per non-ASCII marker.
 */
export function hasRareMarker(bytes: Buffer): boolean {
  if (bytes.indexOf(RARE_ASCII_MARKER_BYTES) !== -1) return true;
  return !isAscii(bytes) && NON_ASCII_MARKER_BYTES.some((m) => bytes.indexOf(m) !== -1);
}

/** `hasRareMarker` for one decoded line. */
export function lineHasRareMarker(text: string): boolean {
  return text.includes(RARE_ASCII_MARKER) || NON_ASCII_MARKERS.some((m) => text.includes(m));
}
