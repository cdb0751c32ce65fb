import { httpUrl } from './http-url.js';

/**
 * The one way brum opens a URL in the person's own browser: `xdg-open` (Linux and other Unix),
 * `open` (macOS), `rundll32 url.dll,FileProtocolHandler` (Windows — no `cmd`, so no shell parsing of
 * `&`). A fixed argv with the URL as one element, never a shell string, and only http(s) URLs.
 */
export function openUrlCommand(
  url: string,
  platform: NodeJS.Platform = process.platform,
): string[] | undefined {
  const href = httpUrl(url)?.href;
  if (href === undefined) return undefined;
  if (platform === 'darwin') return ['open', href];
  if (platform === 'win32') return ['rundll32', 'url.dll,FileProtocolHandler', href];
  return ['xdg-open', href];
}
