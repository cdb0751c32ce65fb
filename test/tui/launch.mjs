/* global URL */
// Starts the TUI on the real engine from dist/ — a stand-in for `brum` until the CLI wires `runTui`.
// Usage: node test/tui/launch.mjs <projectDir>
import { basename, resolve } from 'node:path';

const dist = new URL('../../dist/', import.meta.url);
const { loadConfig } = await import(new URL('core/config/load.js', dist).href);
const { discoverScripts } = await import(new URL('core/scripts/discover.js', dist).href);
const { BrumEngine } = await import(new URL('core/engine/engine.js', dist).href);
const { runTui, formatTuiSummary } = await import(new URL('tui/index.js', dist).href);

const projectDir = resolve(process.argv[2] ?? '.');
const loaded = loadConfig({ projectDir });
const catalog = discoverScripts(projectDir, {
  preferredPackageManager: loaded.config.preferredPackageManager,
});
const engine = new BrumEngine({ catalog, config: loaded.config });
const summary = await runTui(engine, { projectName: basename(projectDir) });
process.stdout.write(formatTuiSummary(summary));
process.exit(0);
