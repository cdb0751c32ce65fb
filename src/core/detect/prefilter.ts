/**
 * One cheap test run on every line before any parser: every parser's start line and every marker
 * contains one of these fragments. Lines failing it (the vast majority) cost one regex scan.
 * Keep it in sync with `parsers/` and `markers.ts` (the fixture tests catch a missing fragment).
 */
export const PREFILTER =
  /rror|RROR|ERR!|arn|ARN|xception|ejection|anic|Traceback|\.go:|FAIL|ailed|⨯|●|\(!\)|Test |hmr update|page reload|built in|ompiled/;

/** True when the line may start an error block or be a lifecycle marker. */
export function mayMatter(text: string): boolean {
  return PREFILTER.test(text);
}
