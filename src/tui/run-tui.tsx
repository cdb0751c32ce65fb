import { render } from 'ink';
import type { ActivityView } from '../core/activity/types.js';
import type { Engine } from '../core/engine-api.js';
import { App } from './app.js';
import type { ClientTarget, McpEndpointInfo } from './context.js';
import { enterAlternateScreen } from './lib/alt-screen.js';
import { boundInkMeasureCache } from './lib/ink-measure-cache.js';
import { createEngineStore } from './store/engine-store.js';
import { colorEnabled, createTheme } from './theme.js';

/** How often Ink's measure cache is checked against its bound. */
const MEASURE_TRIM_MS = 10_000;

export interface RunTuiOptions {
  /** The MCP HTTP endpoint and its token, when the MCP server runs (shown in Settings). */
  readonly mcp?: McpEndpointInfo;
  /** MCP clients Settings can write a configuration for (the CLI passes `mcp/clients/`' list). */
  readonly clientTargets?: readonly ClientTarget[];
  readonly projectName: string;
  /** What MCP clients do (Agent view, header, process marks). */
  readonly activity?: ActivityView;
  /** Scripts to start right away (e.g. `brum dev api`). */
  readonly initialScripts?: readonly string[];
  readonly stdout?: NodeJS.WriteStream;
  readonly stdin?: NodeJS.ReadStream;
}

/**
 * Runs the terminal UI until the user quits. On quit it shows "stopping N processes…", awaits
 * `engine.shutdown()` (every process group gone), unmounts, leaves the alternate screen and resolves;
 * the CLI prints its summary (cli/final-summary.ts) from the engine afterwards.
 * Also shuts the engine down if the UI itself crashes, then rethrows.
 */
export async function runTui(engine: Engine, options: RunTuiOptions): Promise<void> {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  const theme = createTheme(colorEnabled());
  const store = createEngineStore(engine);

  const failures: string[] = [];
  for (const name of options.initialScripts ?? []) {
    try {
      engine.start(name);
    } catch (error) {
      failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  let requestQuit = (): void => {};
  const quitRequested = new Promise<void>((resolve) => {
    requestQuit = resolve;
  });
  const leaveScreen = enterAlternateScreen(stdout);
  // Ink's text-measure cache grows with every distinct text shown (uptimes, "3 s ago"): found while the
  // first frame is drawn, emptied whenever it outgrows its bound.
  const measureCache = boundInkMeasureCache();
  const instance = render(
    <App
      engine={engine}
      store={store}
      theme={theme}
      projectName={options.projectName}
      mcp={options.mcp}
      activity={options.activity}
      clientTargets={options.clientTargets}
      onQuit={() => requestQuit()}
      initialView={options.initialScripts?.length ? 'processes' : 'scripts'}
      initialNotice={failures.length > 0 ? `could not start ${failures.join('; ')}` : undefined}
    />,
    // Engine changes reach the UI at most ~30 times a second (the store's throttle); Ink's own cap is
    // higher so that a key press is drawn in the next ~16 ms instead of waiting behind a log frame.
    { stdout, stdin, exitOnCtrlC: false, maxFps: 60, incrementalRendering: false },
  );
  measureCache.settle(); // the first frame is drawn inside `render`
  const trimTimer = setInterval(() => measureCache.trim(), MEASURE_TRIM_MS);
  trimTimer.unref();

  let crash: unknown;
  await Promise.race([
    quitRequested,
    instance.waitUntilExit().then(
      () => {},
      (error: unknown) => {
        crash = error;
      },
    ),
  ]);
  try {
    await engine.shutdown();
  } finally {
    clearInterval(trimTimer);
    store.dispose();
    instance.unmount();
    await instance.waitUntilExit().catch(() => {});
    leaveScreen();
  }
  if (crash !== undefined) throw crash;
}
