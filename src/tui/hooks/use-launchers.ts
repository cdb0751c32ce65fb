import { useStdout } from 'ink';
import { useCallback } from 'react';
import type { ErrorRecord } from '../../core/detect/types.js';
import { useTui } from '../context.js';
import { copyText } from '../lib/clipboard.js';
import { errorFilePath } from '../lib/error-text.js';
import { browserCommand, editorCommand, launchDetached } from '../lib/launch.js';

export interface Launchers {
  readonly copy: (text: string, what: string) => void;
  readonly openUrl: (url: string) => void;
  readonly openError: (error: ErrorRecord, cwd: string) => void;
}

/** Copy / open-in-browser / open-in-editor, reporting the outcome in the status line. */
export function useLaunchers(env: NodeJS.ProcessEnv = process.env): Launchers {
  const { notify } = useTui();
  const { stdout } = useStdout();

  const copy = useCallback(
    (text: string, what: string) => {
      const { via } = copyText(text, (data) => stdout.write(data));
      notify(`copied ${what} (${via})`);
    },
    [notify, stdout],
  );

  const openUrl = useCallback(
    (url: string) => {
      const command = browserCommand(url);
      if (!command) return notify(`not an http(s) URL: ${url}`, 'error');
      void launchDetached(command).then((ok) =>
        notify(ok ? `opened ${url}` : `could not run ${command[0]}`, ok ? 'info' : 'error'),
      );
    },
    [notify],
  );

  const openError = useCallback(
    (error: ErrorRecord, cwd: string) => {
      const file = errorFilePath(error, cwd);
      if (!file) return notify('this error has no file location', 'error');
      const plan = editorCommand(env['EDITOR'], file, error.line, error.column);
      if (!plan) return notify('set $EDITOR to open files', 'error');
      if (plan.terminal && !env['TMUX']) {
        copy(plan.command.join(' '), 'the editor command');
        return notify(`${plan.command[0]} needs this terminal; command copied: ${plan.command.join(' ')}`);
      }
      // Inside tmux a terminal editor gets its own window instead of fighting the TUI for the tty.
      const command = plan.terminal ? ['tmux', 'new-window', '--', ...plan.command] : plan.command;
      void launchDetached(command).then((ok) =>
        notify(
          ok
            ? `opened ${file}:${error.line ?? 1}${error.column === undefined ? '' : `:${error.column}`}`
            : `could not run ${command[0]}`,
          ok ? 'info' : 'error',
        ),
      );
    },
    [notify, copy, env],
  );

  return { copy, openUrl, openError };
}
