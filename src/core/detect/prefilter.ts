import { isAscii } from 'node:buffer';

/**
 * One cheap test run on every line before any parser: every parser's start line and every marker
 * contains one of these fragments. Lines failing it (the vast majority) cost one regex scan.
 * It may over-approximate (`RR` for `RROR`): a false positive only costs the parsers' own checks.
 *
 * Its shape is measured, not arbitrary. On typical log lines V8 runs the ASCII-only alternation in
 * ~60–75 ns per 100-byte line; adding the two non-ASCII markers (Next's `⨯`, jest's `●`) to the same
 * alternation makes it ~3× slower. So the engine checks the chunk's bytes for those two once
 * (`hasNonAsciiMarker`) and uses the ASCII-only prefilter for the common batch without them.
 * Keep it in sync with `parsers/` and `markers.ts` (the fixture tests catch a missing fragment).
 */
const REPORT_FRAGMENTS = String.raw`rror|a(?:rn|il|tal|nic)|RR(?:OR)?|ARN|ATAL|ERR!|xception|ejection|Traceback|\.go:|FAIL|\(!\)|,-\[`;
/** Needed only by pass markers (markers.ts); no parser's start line needs them. */
const MARKER_FRAGMENTS = String.raw`Test |hmr update|page reload|built in|ompiled`;
const ASCII_FRAGMENTS = `${REPORT_FRAGMENTS}|${MARKER_FRAGMENTS}`;
/** Next's `⨯`, jest's `●`, oxlint's frame `╭─[`, Biome's header rule `━`. */
const NON_ASCII_MARKERS = ['⨯', '●', '╭', '━'] as const;
const NON_ASCII_MARKER_BYTES = NON_ASCII_MARKERS.map((m) => Buffer.from(m));

/** Every fragment; for text whose bytes were not checked for the non-ASCII markers. */
export const PREFILTER = new RegExp(`${ASCII_FRAGMENTS}|[${NON_ASCII_MARKERS.join('')}]`);
/** Every fragment but the non-ASCII ones; only for text known to contain neither of them. */
export const PREFILTER_ASCII = new RegExp(ASCII_FRAGMENTS);

/**
 * Without the marker fragments: for a batch of a process that has no current record a marker could
 * resolve (`ErrorDetector.watchesMarkers`), where a marker line changes nothing — a third of the lines
 * of a dev server's HMR session are markers. The detector checks the lines it was not given for
 * markers itself should such a record appear within the batch.
 */
export const REPORT_PREFILTER = new RegExp(`${REPORT_FRAGMENTS}|[${NON_ASCII_MARKERS.join('')}]`);
export const REPORT_PREFILTER_ASCII = new RegExp(REPORT_FRAGMENTS);

/** `mayMatter` without the marker fragments (see `REPORT_PREFILTER`). */
export function mayStartReport(text: string): boolean {
  return text.length > 2 && REPORT_PREFILTER.test(text);
}

/** `mayStartReport` for a line of a batch whose bytes contain no non-ASCII marker. */
export function mayStartReportAscii(text: string): boolean {
  return text.length > 2 && REPORT_PREFILTER_ASCII.test(text);
}

/** True when the line may start an error block or be a lifecycle marker. */
export function mayMatter(text: string): boolean {
  return text.length > 2 && PREFILTER.test(text);
}

/** `mayMatter` for a line of a batch whose bytes contain no non-ASCII marker (`hasNonAsciiMarker`). */
export function mayMatterAscii(text: string): boolean {
  return text.length > 2 && PREFILTER_ASCII.test(text);
}

/**
 * One check that the chunk is ASCII (no marker can be in it: the common case of a flood), else one byte
 * search per marker over the whole chunk (memmem), instead of a slower regex per line.
 */
export function hasNonAsciiMarker(bytes: Buffer): boolean {
  return !isAscii(bytes) && NON_ASCII_MARKER_BYTES.some((m) => bytes.indexOf(m) !== -1);
}

/** `hasNonAsciiMarker` for one decoded line. */
export function lineHasNonAsciiMarker(text: string): boolean {
  return NON_ASCII_MARKERS.some((m) => text.includes(m));
}
