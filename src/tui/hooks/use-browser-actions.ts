/**
 * The TUI's side of browser control: a screenshot of a URL through brum's managed browser (the
 * path shown in the status line), and the tabs brum sees. Reads `engine.browser` only (core types);
 * the managed browser itself is attached by the composition root.
 */
import { useCallback, useEffect, useState } from 'react';
import type { BrowserView, TabSession } from '../../core/browser/types.js';
import { useTui } from '../context.js';

export interface BrowserActions {
  /** Takes a screenshot of `url` (no inline copy); the status line shows the saved path or the error. */
  readonly screenshot: (url: string) => void;
  /** True while a screenshot is being taken. */
  readonly busy: boolean;
  readonly tabs: readonly TabSession[];
}

export function useBrowserActions(browser: Pick<BrowserView, 'control' | 'sessions' | 'on'>): BrowserActions {
  const { notify } = useTui();
  const [busy, setBusy] = useState(false);
  const [tabs, setTabs] = useState<readonly TabSession[]>(() => browser.sessions());

  useEffect(() => {
    setTabs(browser.sessions());
    return browser.on('session', () => setTabs(browser.sessions()));
  }, [browser]);

  const screenshot = useCallback(
    (url: string) => {
      const control = browser.control();
      if (!control) return notify('browser control is not available in this brum', 'error');
      if (busy) return notify('a screenshot is already being taken');
      setBusy(true);
      notify(`taking a screenshot of ${url}…`);
      control.screenshot({ url, inline: false }).then(
        (shot) => {
          setBusy(false);
          notify(`screenshot saved: ${shot.path} (${shot.width}x${shot.height})`);
        },
        (error: unknown) => {
          setBusy(false);
          notify(`screenshot failed: ${error instanceof Error ? error.message : String(error)}`, 'error');
        },
      );
    },
    [browser, busy, notify],
  );

  return { screenshot, busy, tabs };
}
