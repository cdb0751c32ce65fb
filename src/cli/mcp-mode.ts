/**
 * The MCP front-end as the CLI starts it: the HTTP service next to the TUI or headless output, and
 * `brum --mcp` (stdio) on its own. Loaded lazily, so other modes never load the MCP SDK.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONFIG_FILE_NAME } from '../core/config/files.js';
import type { AgentActivity } from '../core/activity/activity.js';
import type { LoadedConfig } from '../core/config/types.js';
import type { BrumEngine } from '../core/engine/engine.js';
import { installExitGuard } from './exit-guard.js';
import { buildEngine } from './build-engine.js';
import { fullLoader } from './config-loader.js';
import type { CliRequest } from './program.js';
import { startProxies, type BrowserLayer } from './proxies.js';

export async function startMcpHttp(
  engine: BrumEngine,
  loaded: LoadedConfig,
  token: string | undefined,
  activity: AgentActivity,
) {
  const { startRegisteredServer } = await import('../mcp/index.js');
  return startRegisteredServer({
    engine,
    activity,
    projectDir: engine.projectDir,
    port: loaded.config.mcpPort,
    ...(token ? { token } : {}),
    // On stderr as before (startup warnings such as an unsafe registry folder), and into brum's own
    // log and error list, where the TUI, headless output and MCP clients see it.
    onError: (error) => {
      process.stderr.write(`brum: MCP: ${error.message}\n`);
      engine.reportFault('the MCP server', error);
    },
  });
}

/**
 * `brum --mcp`: MCP on stdin/stdout; attaches to a running brum for the project, else embeds an
 * engine; outside any project it reaches the running brums only (the hub, see mcp/hub/).
 */
export async function runMcpStdio(request: CliRequest): Promise<number> {
  const { runStdio } = await import('../mcp/index.js');
  let owned: BrumEngine | undefined;
  let proxies: Promise<BrowserLayer | undefined> | undefined;
  const stopTimeoutMs = 15_000;
  installExitGuard({
    steps: [
      {
        run: async () => {
          await (await proxies)?.close();
          await owned?.shutdown();
        },
        timeoutMs: stopTimeoutMs,
        onTimeout: () => {
          owned?.killAllNow();
          return `processes did not stop within ${stopTimeoutMs} ms; sent SIGKILL to every process group`;
        },
      },
    ],
    killNow: () => owned?.killAllNow(),
    log: (message) => void process.stderr.write(`${message}\n`),
  });
  const { AgentActivity } = await import('../core/activity/activity.js');
  // zod is loaded with the MCP SDK anyway; the engine (if any) is built later, synchronously.
  const loadConfig = await fullLoader();
  const dir = resolve(request.dir);
  // Outside any project (no package.json, no .brum.toml): the hub serves the running brums only.
  const inProject = existsSync(join(dir, 'package.json')) || existsSync(join(dir, CONFIG_FILE_NAME));
  await runStdio({
    activity: new AgentActivity(),
    ...(inProject
      ? {
          projectDir: dir,
          createEngine: () => {
            const { engine, loaded } = buildEngine(request, loadConfig);
            owned = engine;
            proxies = startProxies(engine, loaded.config).catch((error: unknown) => {
              engine.reportFault('the dev-server proxies', error);
              return undefined;
            });
            return owned;
          },
        }
      : {}),
  });
  await (await proxies)?.close();
  await owned?.shutdown();
  return 0;
}
