/**
 * Wires the browser network layer (`src/browser/`) into an engine: the managed browser's controls
 * on `engine.browser`, after removing what a brum of this project killed with SIGKILL left behind.
 * The browser itself starts only when a tool first needs it.
 */
import { ManagedBrowserControl } from '../browser/managed/control.js';
import { reapStaleBrowsers } from '../browser/managed/pid-file.js';
import type { BrowserConfig } from '../core/config/types.js';
import type { BrumEngine } from '../core/engine/engine.js';

export function attachManagedBrowser(engine: BrumEngine, config: BrowserConfig): ManagedBrowserControl {
  try {
    const reaped = reapStaleBrowsers(engine.projectDir);
    if (reaped.killed.length > 0 || reaped.removed.length > 0) {
      process.stderr.write(
        `brum: removed what an earlier brum of this project left behind (browser ${reaped.killed.length > 0 ? `pid ${reaped.killed.join(', ')}` : 'already gone'}, ${reaped.removed.length} temporary profile(s))\n`,
      );
    }
  } catch (error) {
    engine.reportFault('cleaning up a browser left by an earlier brum', error);
  }
  const control = new ManagedBrowserControl({
    projectDir: engine.projectDir,
    config,
    view: engine.browser,
    processUrls: () => engine.urls().map((record) => record.url),
    log: (line) => {
      if (line.includes('could not')) engine.reportFault('the managed browser', new Error(line));
    },
  });
  engine.browser.attachControl(control);
  return control;
}
