/**
 * Opening a URL in the person's own browser: `xdg-open` (Linux and other Unix), `open` (macOS),
 * `cmd /c start` (Windows). A fixed argv with the URL as one argument — never a shell string built
 * from the caller's text — and only http(s) URLs.
 */
import { spawn } from 'node:child_process';

/** The argv that opens `url`, or undefined when it is not an http(s) URL. */
export function openCommand(url: string, platform: NodeJS.Platform = process.platform): string[] | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  const href = parsed.href;
  if (platform === 'darwin') return ['open', href];
  // `start`'s first quoted argument is the window title; the URL is one argv element (no shell parsing
  // of `&` because cmd only sees it quoted by Node's argument escaping).
  if (platform === 'win32') return ['cmd', '/c', 'start', '""', href.replace(/&/g, '^&')];
  return ['xdg-open', href];
}

/** Whether a graphical session seems present (where the person's browser could show up). */
export function hasDisplay(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Starts the opener detached; resolves when it was spawned (or rejects with one line). */
export function openInPersonsBrowser(url: string): Promise<void> {
  const argv = openCommand(url);
  if (!argv) return Promise.reject(new Error(`not an http(s) URL: ${JSON.stringify(url.slice(0, 200))}`));
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { detached: true, stdio: 'ignore', windowsHide: true });
    child.once('error', (error) => reject(new Error(`could not run ${argv[0]}: ${error.message}`)));
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
