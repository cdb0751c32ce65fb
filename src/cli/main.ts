#!/usr/bin/env node
/**
 * The composition root: parse argv, load configuration, discover scripts, build the engine, start the
 * chosen front-ends. Every failure the user can fix ends here as one clear line, never a stack trace.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { loadConfig } from '../core/config/load.js';
import { formatSettings } from '../core/config/settings.js';
import type { LoadedConfig } from '../core/config/types.js';
import { BrumEngine } from '../core/engine/engine.js';
import { isBrumError } from '../core/errors.js';
import { discoverScripts, type ScriptCatalog } from '../core/scripts/discover.js';
import { resolveScript } from '../core/scripts/resolve.js';
import type * as TuiModule from '../tui/index.js';
import { BoundedWriter } from './bounded-writer.js';
import { installExitGuard } from './exit-guard.js';
import { LineFormatter } from './line-format.js';
import { printOutput } from './printer.js';
import { parseArgs, type CliRequest } from './program.js';
import { runExitCode, runOnce } from './run-once.js';
import { formatSummary } from './summary.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

function useColor(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined) return process.env.FORCE_COLOR !== '0';
  return stream.isTTY === true;
}

function loadEverything(request: CliRequest): { loaded: LoadedConfig; engine: BrumEngine } {
  const projectDir = resolve(request.dir);
  const loaded = loadConfig({ projectDir, flags: request.flags });
  const catalog = discoverCatalog(projectDir, loaded);
  for (const warning of catalog.warnings) process.stderr.write(`brum: warning: ${warning}\n`);
  const engine = new BrumEngine({ catalog, config: loaded.config });
  return { loaded, engine };
}

/** A project without package.json is fine when `.brum.toml` declares commands (non-Node projects). */
function discoverCatalog(projectDir: string, loaded: LoadedConfig): ScriptCatalog {
  const options = { preferredPackageManager: loaded.config.preferredPackageManager };
  try {
    return discoverScripts(projectDir, options);
  } catch (error) {
    if (!isBrumError(error, 'NO_PACKAGE_JSON') || Object.keys(loaded.config.commands).length === 0)
      throw error;
    return {
      projectDir,
      packageManager: { name: options.preferredPackageManager ?? 'npm', source: 'default' },
      scripts: [],
      workspaces: [],
      warnings: [],
    };
  }
}

async function main(): Promise<number> {
  const request = parseArgs(process.argv, version);
  if (request.mode === 'settings') {
    const loaded = loadConfig({ projectDir: resolve(request.dir), flags: request.flags });
    process.stdout.write(formatSettings(loaded));
    return 0;
  }
  if (request.mode === 'mcp-stdio') return runMcpStdio(request);
  const tui = request.mode === 'tui' && process.stdout.isTTY === true && process.stdin.isTTY === true;
  if (request.mode === 'tui' && !tui) {
    process.stderr.write('brum: not a terminal; running headless (as with --no-tui)\n');
  }
  const { engine, loaded } = loadEverything(request);
  const out = new BoundedWriter(1);
  const color = useColor(process.stdout);
  const formatter = new LineFormatter(color);
  const log = (message: string): void => void process.stderr.write(`${message}\n`);

  let finalSummary = true;
  const running: { closeMcp?: () => Promise<void> } = {};
  installExitGuard({
    shutdown: async () => {
      await running.closeMcp?.();
      await engine.shutdown();
      if (finalSummary) out.write(formatSummary(engine, color));
      await out.drain();
    },
    killNow: () => engine.killAllNow(),
    timeoutMs: loaded.config.stopGraceMs + 5000,
    log,
  });

  // Every name is checked before anything starts: one typo must not leave half a set running.
  for (const name of request.scripts) resolveScript({ scripts: engine.listScripts() }, name);

  if (request.mode === 'run') {
    printOutput(engine, formatter, out);
    const processes = await runOnce(engine, request.scripts);
    out.write(formatSummary(engine, color));
    await out.drain();
    finalSummary = false;
    await engine.shutdown();
    return runExitCode(processes);
  }

  const mcp = loaded.config.noMcp ? undefined : await startMcp(engine, loaded, request);
  running.closeMcp = mcp?.close;
  const autostart = Object.entries({ ...loaded.config.scripts, ...loaded.config.commands })
    .filter(([, c]) => c.autostart)
    .map(([name]) => name);
  const toStart = [...new Set([...autostart, ...request.scripts])];

  if (tui) {
    finalSummary = false; // the TUI's quit path prints it, after leaving the alternate screen
    const { runTui } = await importTui();
    await runTui(engine, {
      projectName: catalogName(engine),
      initialScripts: toStart,
      ...(mcp ? { mcp: { url: mcp.url, token: mcp.token } } : {}),
    });
    await running.closeMcp?.();
    out.write(formatSummary(engine, color));
    await out.drain();
    return 0;
  }

  if (mcp) log(`brum: MCP server at ${mcp.url} (header  Authorization: Bearer ${mcp.token})`);
  printOutput(engine, formatter, out);
  for (const name of toStart) engine.start(name);
  if (toStart.length === 0) {
    const names = engine.listScripts().map((s) => s.name);
    log(`brum: no scripts given; available: ${names.join(', ') || '(none)'}. Waiting (Ctrl+C to quit).`);
  }
  return new Promise<number>(() => {
    // Runs until a signal; the exit guard stops everything and exits.
  });
}

async function startMcp(engine: BrumEngine, loaded: LoadedConfig, request: CliRequest) {
  const { startMcpService } = await import('../mcp/index.js');
  return startMcpService({
    engine,
    projectDir: engine.projectDir,
    port: loaded.config.mcpPort,
    ...(request.token ? { token: request.token } : {}),
    onError: (error) => void process.stderr.write(`brum: MCP: ${error.message}\n`),
  });
}

/** `brum --mcp`: MCP on stdin/stdout; attaches to a running brum for the project, else embeds an engine. */
async function runMcpStdio(request: CliRequest): Promise<number> {
  const { runStdio } = await import('../mcp/index.js');
  let owned: BrumEngine | undefined;
  const killNow = (): void => owned?.killAllNow();
  process.on('exit', killNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      void (owned?.shutdown() ?? Promise.resolve()).finally(() =>
        process.exit(128 + (signal === 'SIGHUP' ? 1 : signal === 'SIGINT' ? 2 : 15)),
      );
    });
  }
  await runStdio({
    projectDir: resolve(request.dir),
    createEngine: () => {
      owned = loadEverything(request).engine;
      return owned;
    },
  });
  await owned?.shutdown();
  return 0;
}

/**
 * Loads the TUI with two import-time decisions made for a person at a terminal:
 * - Ink decides once, when first imported, whether it runs "in CI" (any `CI` or
 *   `CONTINUOUS_INTEGRATION` variable) and then draws only the last frame. We open the TUI only when
 *   stdin and stdout are terminals, so a person is watching whatever CI says.
 * - React picks its development or production build from `NODE_ENV` at import; the development
 *   build cost ~20% more CPU under a log flood (bench/tui).
 * The variables are changed for that one import and restored right after: children inherit brum's
 * environment and must see the user's own `NODE_ENV` and `CI`.
 */
async function importTui(): Promise<typeof TuiModule> {
  const keys = ['CI', 'CONTINUOUS_INTEGRATION', 'NODE_ENV'] as const;
  const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  process.env.NODE_ENV = 'production';
  try {
    return await import('../tui/index.js');
  } finally {
    for (const key of keys) {
      const value = saved[key];
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

function catalogName(engine: BrumEngine): string {
  const base = engine.projectDir.split('/').filter(Boolean).at(-1) ?? engine.projectDir;
  return base;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (isBrumError(error)) {
      process.stderr.write(`brum: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(
      `brum: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(70);
  },
);
