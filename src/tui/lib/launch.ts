/**
 * Opening things outside the TUI: a URL in the browser, a file:line in the user's editor. Everything is
 * spawned with an argument array (never a shell), detached, so untrusted text from logs cannot run.
 */
import { spawn } from 'node:child_process';
import { basename } from 'node:path';

/** The browser-opening command for `url` (one implementation, in core), or undefined when it is not http(s). */
export { openUrlCommand as browserCommand } from '../../core/open-url.js';

const TERMINAL_EDITORS = new Set([
  'vi',
  'vim',
  'nvim',
  'nano',
  'emacs',
  'hx',
  'helix',
  'micro',
  'kak',
  'joe',
  'ne',
]);
const GOTO_EDITORS = new Set(['code', 'code-insiders', 'codium', 'cursor', 'windsurf']);

export interface EditorPlan {
  readonly command: string[];
  /** The editor needs this terminal (vim, nano…): it cannot be started behind the TUI. */
  readonly terminal: boolean;
}

/**
 * How to open `file` at `line` (and `column`) with `$EDITOR`: `-g file:line:col` for the VS Code family,
 * `file:line:col` for Helix, `+call cursor(line,col)` for Vim/Neovim, `+line,col` for nano and
 * micro, `+line:col` for Emacs, `+line` for the rest (the convention most editors follow). `$EDITOR`
 * may carry arguments (`code -w`); they are split on spaces.
 */
export function editorCommand(
  editor: string | undefined,
  file: string,
  line?: number,
  column?: number,
): EditorPlan | undefined {
  const parts = (editor ?? '').trim().split(/\s+/).filter(Boolean);
  const [bin, ...args] = parts;
  if (!bin) return undefined;
  const name = basename(bin).replace(/\.(exe|cmd)$/i, '');
  const at = line === undefined ? '' : column === undefined ? `:${line}` : `:${line}:${column}`;
  let target: string[];
  if (GOTO_EDITORS.has(name)) target = line ? ['-g', `${file}${at}`] : [file];
  else if (name === 'hx' || name === 'helix') target = [`${file}${at}`];
  else if (!line) target = [file];
  else if (column === undefined) target = [`+${line}`, file];
  else if (name === 'vim' || name === 'nvim') target = [`+call cursor(${line},${column})`, file];
  else if (name === 'nano' || name === 'micro') target = [`+${line},${column}`, file];
  else if (name === 'emacs' || name === 'emacsclient') target = [`+${line}:${column}`, file];
  else target = [`+${line}`, file];
  return { command: [bin, ...args, ...target], terminal: TERMINAL_EDITORS.has(name) };
}

/** Spawns `command` detached with no stdio; resolves false when it could not be started. */
export function launchDetached(command: readonly string[]): Promise<boolean> {
  const [bin, ...args] = command;
  if (!bin) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      const child = spawn(bin, args, { detached: true, stdio: 'ignore' });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
