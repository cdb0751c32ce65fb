/**
 * The one way brum opens a URL in the person's own browser: `xdg-open` (Linux and other Unix),
 * `open` (macOS), `rundll32 url.dll,FileProtocolHandler` (Windows — no `cmd`, so no shell parsing of
 * `&`). A fixed argv with the URL as one element, never a shell string, and only http(s) URLs.
 */
export function openUrlCommand(
  url: string,
  platform: NodeJS.Platform = process.platform,
): string[] | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  const href = parsed.href;
  if (platform === 'darwin') return ['open', href];
  if (platform === 'win32') return ['rundll32', 'url.dll,FileProtocolHandler', href];
  return ['xdg-open', href];
}
