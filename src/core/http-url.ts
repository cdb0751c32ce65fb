/**
 * The one check for "an http(s) URL": brum opens, proxies, navigates to and probes only those. A page
 * or a caller may hand brum anything (`javascript:`, `file:`, a typo), and each place used to repeat
 * the parse-then-check-the-scheme dance.
 */

/** `text` (resolved against `base` when given) as an http(s) URL, or why it is not one. */
export function checkHttpUrl(
  text: string,
  base?: string,
): { readonly url: URL; readonly error?: undefined } | { readonly url?: undefined; readonly error: string } {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    return { error: `not a URL: ${JSON.stringify(text.slice(0, 200))} (expected http://… or https://…)` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { error: `only http(s) URLs can be opened, not ${url.protocol}` };
  return { url };
}

/** `text` as an http(s) URL, or undefined (unparsable, or another scheme). */
export function httpUrl(text: string, base?: string): URL | undefined {
  return checkHttpUrl(text, base).url;
}
