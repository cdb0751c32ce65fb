/**
 * The TUI's reach outside the terminal: environment, clipboard, starting programs. Provided through
 * the TUI context (`App`'s `system` prop), so tests record what would happen instead of touching the
 * machine's clipboard, `$EDITOR` or browser.
 */
import { clipboardTool, copyText, type CopyResult } from './clipboard.js';
import { launchDetached } from './launch.js';

export interface TuiSystem {
  /** Epoch milliseconds, for uptimes and "ago" columns. */
  readonly now: () => number;
  /** Where `$EDITOR` and `$TMUX` are read. */
  readonly env: NodeJS.ProcessEnv;
  /** Copies `text`; `write` sends the OSC 52 sequence to the terminal. Says how it was copied. */
  readonly copy: (text: string, write: (data: string) => void) => CopyResult;
  /** Starts a program detached from brum; false when it could not be started. */
  readonly launch: (command: readonly string[]) => Promise<boolean>;
}

/** The real machine: the wall clock, `process.env`, OSC 52 plus the platform's clipboard tool, detached spawns. */
export const realSystem: TuiSystem = {
  now: Date.now,
  env: process.env,
  copy: (text, write) => copyText(text, write, clipboardTool()),
  launch: launchDetached,
};
