/**
 * Copying text: always an OSC 52 escape (works over SSH and in tmux with `set-clipboard on`), plus the
 * platform's clipboard tool when one is installed. Tools get the text on stdin, never as an argument.
 */
import { spawn } from 'node:child_process';
import { hasCommand } from './which.js';

/** The OSC 52 "set clipboard" sequence for `text`. */
export function osc52(text: string): string {
  return `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

/** The clipboard tool to use here, as [command, ...args], or undefined. */
export function clipboardTool(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  has: (name: string) => boolean = hasCommand,
): string[] | undefined {
  if (platform === 'darwin') return has('pbcopy') ? ['pbcopy'] : undefined;
  if (env['WAYLAND_DISPLAY'] && has('wl-copy')) return ['wl-copy'];
  if (env['DISPLAY'] && has('xclip')) return ['xclip', '-selection', 'clipboard'];
  return undefined;
}

export interface CopyResult {
  /** How the text was copied, for the status line, e.g. `OSC 52 + xclip`. */
  readonly via: string;
}

/**
 * Copies `text`; `write` receives the OSC 52 sequence (normally stdout); `tool` is the clipboard
 * program to feed too (`clipboardTool()`), none when undefined.
 */
export function copyText(
  text: string,
  write: (data: string) => void,
  tool: readonly string[] | undefined,
): CopyResult {
  write(osc52(text));
  if (!tool) return { via: 'OSC 52' };
  const [command, ...args] = tool as [string, ...string[]];
  try {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
    child.on('error', () => {});
    child.stdin.on('error', () => {});
    child.stdin.end(text);
    // xclip keeps running to serve the selection; it must not hold brum open.
    child.unref();
    return { via: `OSC 52 + ${command}` };
  } catch {
    return { via: 'OSC 52' };
  }
}
