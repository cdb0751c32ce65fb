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
    if (!isBrumError(error, 'NO_PACKAGE_JSON') || Object.keys(loaded.config.commands).length === 0) throw error;
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
  if (request.mode === 'tui' && !process.stdout.isTTY) {
    process.stderr.write('brum: stdout is not a terminal; running headless (as with --no-tui)\n');
  }
  const { engine, loaded } = loadEverything(request);
  const out = new BoundedWriter(1);
  const color = useColor(process.stdout);
  const formatter = new LineFormatter(color);
  const log = (message: string): void => void process.stderr.write(`${message}\n`);

  let finalSummary = true;
  installExitGuard({
    shutdown: async () => {
      await engine.shutdown();
      if (finalSummary) out.write(formatSummary(engine, color));
      await out.drain();
    },
    killNow: () => engine.killAllNow(),
    timeoutMs: loaded.config.stopGraceMs + 5000,
    log,
  });

  if (request.mode === 'run') {
    printOutput(engine, formatter, out);
    const processes = await runOnce(engine, request.scripts);
    out.write(formatSummary(engine, color));
    await out.drain();
    finalSummary = false;
    await engine.shutdown();
    return runExitCode(processes);
  }

  // headless (and, until the TUI is wired, tui)
  printOutput(engine, formatter, out);
  const autostart = Object.entries({ ...loaded.config.scripts, ...loaded.config.commands })
    .filter(([, c]) => c.autostart)
    .map(([name]) => name);
  const toStart = [...new Set([...autostart, ...request.scripts])];
  for (const name of toStart) engine.start(name);
  if (toStart.length === 0) {
    const names = engine.listScripts().map((s) => s.name);
    log(`brum: no scripts given; available: ${names.join(', ') || '(none)'}. Waiting (Ctrl+C to quit).`);
  }
  return new Promise<number>(() => {
    // Runs until a signal; the exit guard stops everything and exits.
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (isBrumError(error)) {
      process.stderr.write(`brum: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`brum: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(70);
  },
);
