/**
 * Opening a URL in the person's own browser with the one opener command (`core/open-url.ts`: a fixed
 * argv with the URL as one argument — never a shell string built from the caller's text — and only
 * http(s) URLs), and telling whether there is a display to open it on.
 */
import { spawn } from 'node:child_process';
import { openUrlCommand as openCommand } from '../../core/open-url.js';

export { openCommand };

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
