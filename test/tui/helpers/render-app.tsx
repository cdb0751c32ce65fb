/** Renders the real App over a FakeEngine with ink-testing-library, plus key helpers. */
import { render } from 'ink-testing-library';
import { clientTargets } from '../../../src/mcp/clients/client-config.js';
import { App } from '../../../src/tui/app.js';
import type { AppProps } from '../../../src/tui/app.js';
import { createEngineStore } from '../../../src/tui/store/engine-store.js';
import { createTheme } from '../../../src/tui/theme.js';
import type { FakeEngine } from './fake-engine.js';
import { waitFor } from './fake-engine.js';

export const KEY = {
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  shiftTab: '\u001B[Z',
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  home: '\u001B[H',
  end: '\u001B[F',
  backspace: '\u007F',
  ctrlC: '\u0003',
  ctrlR: '\u0012',
} as const;

export function renderApp(engine: FakeEngine, props: Partial<AppProps> = {}) {
  const store = createEngineStore(engine, { intervalMs: 5 });
  let quits = 0;
  const result = render(
    <App
      engine={engine}
      store={store}
      theme={createTheme(props.theme?.color ?? false)}
      projectName="demo"
      clientTargets={clientTargets()}
      onQuit={() => quits++}
      size={{ columns: 100, rows: 30 }}
      {...props}
    />,
  );
  const frame = (): string => result.lastFrame() ?? '';
  return {
    ...result,
    store,
    frame,
    quits: () => quits,
    /** Sends keys one at a time, letting Ink process each (as a person typing would). */
    async press(...keys: string[]): Promise<void> {
      for (const key of keys) {
        result.stdin.write(key);
        await new Promise((r) => setTimeout(r, 15));
      }
    },
    async waitForText(text: string | RegExp, timeoutMs = 2000): Promise<string> {
      await waitFor(
        () => (typeof text === 'string' ? frame().includes(text) : text.test(frame())),
        timeoutMs,
      ).catch(() => {
        throw new Error(`timed out waiting for ${String(text)}; frame:\n${frame()}`);
      });
      return frame();
    },
    cleanup(): void {
      result.unmount();
      store.dispose();
    },
  };
}
