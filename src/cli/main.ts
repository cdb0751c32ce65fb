#!/usr/bin/env node
/**
 * The composition root: parse argv, load configuration, discover scripts, build the engine, start the
 * chosen front-ends. Every failure the user can fix ends here as one clear line, never a stack trace.
 */
import { basename, resolve } from 'node:path';
import { startOrder } from '../core/config/dependencies.js';
import { findProjectRoot } from '../core/scripts/project-root.js';
import { isBrumError } from '../core/errors.js';
import { AgentActivity } from '../core/activity/activity.js';
import { printAgentActivity } from './agent-lines.js';
import { BoundedWriter } from './bounded-writer.js';
import { installExitGuard } from './exit-guard.js';
import { buildEngine } from './build-engine.js';
import { configLoaderFor, fullLoader } from './config-loader.js';
import { runMcpStdio, startMcpHttp } from './mcp-mode.js';
import { importTui } from './tui-loader.js';
import { LineFormatter } from './line-format.js';
import { printOutput } from './printer.js';
import { parseArgs, type CliRequest } from './program.js';
import { runExitCode, runOnce } from './run-once.js';
import { chooseToken, maskTokenInTitle, takeEnvToken } from './token-option.js';
import { clientTargets } from '../mcp/clients/client-config.js';
import { tokenProblem } from '../mcp/instances/token.js';
import { BRUM_VERSION } from '../mcp/server/version.js';
import { checkedStartList } from './start-list.js';
import { limitOldGenerationGrowth } from './old-generation.js';
import { capYoungGeneration } from './young-generation.js';
import { formatSummary } from './final-summary.js';
import { PROXY_CLOSE_MS, startProxies, type BrowserLayer } from './proxies.js';

/** Beyond the grace period: SIGKILL and the kernel's cleanup (group-stop.ts waits up to 3 s for it). */
const STOP_MARGIN_MS = 5000;
const MCP_CLOSE_MS = 2000;
/** How long an exit waits for stdout to take the last lines and the summary... */
const OUTPUT_FLUSH_MS = 3000;
/** ...unless the reader took no byte for this long: it does not read, and waiting would only delay the exit. */
const OUTPUT_STALL_MS = 300;

function useColor(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined) return process.env.FORCE_COLOR !== '0';
  return stream.isTTY === true;
}

/**
 * Started in a subfolder of a project (`cd src && brum`), brum runs for the project, as npm does, and
 * says which one it chose (on stderr: stdout may be the MCP protocol).
 */
function withProjectDir(request: CliRequest): CliRequest {
  const root = findProjectRoot(request.dir);
  if (!root.walkedUp) return request;
  process.stderr.write(
    `brum: using the project in ${root.dir} (the nearest package.json above ${resolve(request.dir)})\n`,
  );
  return { ...request, dir: root.dir };
}

async function main(): Promise<number> {
  const request = withProjectDir(parseArgs(process.argv, BRUM_VERSION));
  // The cap trades CPU for memory while output floods in (young-generation.ts). The terminal UI
  // allocates a frame's worth of React elements many times a second: capped, it followed a flood at
  // 24% of headless against 34% uncapped (`BENCH_QUICK=1 npm run bench tui`), so it keeps V8's default.
  // The same for the old generation's growth between full GCs (old-generation.ts).
  if (request.mode !== 'tui' || process.stdout.isTTY !== true) {
    capYoungGeneration();
    limitOldGenerationGrowth();
  }
  // Taken out of brum's own environment before anything is spawned: no child ever inherits it.
  const envToken = takeEnvToken();
  if (request.mode === 'settings') {
    const [loadConfig, { formatSettings }] = await Promise.all([
      fullLoader(),
      import('../core/config/settings-toml.js'),
    ]);
    const loaded = loadConfig({
      projectDir: resolve(request.dir),
      flags: request.flags,
      proxyFlags: request.proxyFlags,
    });
    process.stdout.write(formatSettings(loaded));
    return 0;
  }
  if (request.mode === 'mcp-stdio') return runMcpStdio(request);
  const tui = request.mode === 'tui' && process.stdout.isTTY === true && process.stdin.isTTY === true;
  if (request.mode === 'tui' && !tui) {
    process.stderr.write('brum: not a terminal; running headless (as with --no-tui)\n');
  }
  const { engine, loaded } = buildEngine(request, await configLoaderFor(request.dir));
  const out = new BoundedWriter(1);
  const color = useColor(process.stdout);
  const formatter = new LineFormatter(color);
  const log = (message: string): void => void process.stderr.write(`${message}\n`);

  let finalSummary = true;
  const running: { closeMcp?: () => Promise<void>; proxies?: BrowserLayer } = {};
  const stopTimeoutMs = loaded.config.stopGraceMs + STOP_MARGIN_MS;
  installExitGuard({
    steps: [
      {
        run: async () => running.closeMcp?.(),
        timeoutMs: MCP_CLOSE_MS,
        onTimeout: () =>
          `the MCP server did not close within ${MCP_CLOSE_MS} ms; not waiting for its clients`,
      },
      {
        run: async () => running.proxies?.close(),
        timeoutMs: PROXY_CLOSE_MS,
        onTimeout: () => `the dev-server proxies did not close within ${PROXY_CLOSE_MS} ms`,
      },
      {
        run: () => engine.shutdown(),
        timeoutMs: stopTimeoutMs,
        onTimeout: () => {
          const left = engine.snapshot().processes.filter((p) => p.isActive);
          engine.killAllNow();
          return `processes did not stop within ${stopTimeoutMs} ms (${left.map((p) => p.id).join(', ') || 'none left'}); sent SIGKILL to every process group`;
        },
      },
      {
        run: async () => {
          if (finalSummary) out.write(formatSummary(engine, color));
          return (await out.drainUnlessStuck(OUTPUT_STALL_MS, OUTPUT_FLUSH_MS))
            ? undefined
            : stuckOutput(out);
        },
        timeoutMs: OUTPUT_FLUSH_MS + OUTPUT_STALL_MS,
        onTimeout: () => stuckOutput(out),
      },
    ],
    killNow: () => engine.killAllNow(),
    log,
  });

  const toStart = checkedStartList(
    engine.listScripts(),
    request.scripts,
    loaded.config,
    request.mode !== 'run',
  );

  if (request.mode === 'run') {
    formatter.reserve(request.scripts.flatMap((name) => startOrder(name, loaded.config)));
    printOutput(engine, formatter, out);
    const processes = await runOnce(engine, request.scripts, request.scriptArgs);
    finalSummary = false;
    await engine.shutdown(); // stops what the scripts left behind (dependencies too), and says so
    // The summary comes last, so it shows how everything ended (a dependency `stopped`, not `running`);
    // the run's own scripts as they were when their command exited (what brum stopped after is theirs
    // to report: `leader exited · 1 process left`, not `stopped`).
    out.write(formatSummary(engine, color, processes));
    await out.drain();
    return runExitCode(processes);
  }

  let token: string | undefined;
  if (!loaded.config.noMcp) {
    const choice = chooseToken(
      { flag: request.tokenFlag, file: request.tokenFile, env: envToken },
      tokenProblem,
    );
    for (const warning of choice.warnings) log(warning);
    if (request.tokenFlag !== undefined) maskTokenInTitle(process.argv, request.tokenFlag);
    token = choice.token;
  }
  const activity = new AgentActivity(Date.now, {}, (error) =>
    engine.reportFault('an agent activity listener', error),
  );
  const mcp = loaded.config.noMcp ? undefined : await startMcpHttp(engine, loaded, token, activity);
  running.closeMcp = mcp?.close;
  running.proxies = await startProxies(engine, loaded.config);

  // A script given with arguments is started first; starting it again by name (autostart, the TUI's
  // initial scripts) then finds the running process.
  const startWithArgs = (): void => {
    if (request.scriptArgs.length > 0) engine.start(request.scripts[0] ?? '', { args: request.scriptArgs });
  };

  if (tui) {
    finalSummary = false; // the TUI's quit path prints it, after leaving the alternate screen
    const { runTui } = await importTui();
    startWithArgs();
    await runTui(engine, {
      projectName: basename(engine.projectDir),
      initialScripts: toStart,
      clientTargets: clientTargets(),
      ...(mcp ? { mcp: { url: mcp.url, token: mcp.token }, activity } : {}),
    });
    await running.closeMcp?.();
    await running.proxies?.close();
    out.write(formatSummary(engine, color));
    if (!(await out.drainUnlessStuck(OUTPUT_STALL_MS, OUTPUT_FLUSH_MS))) log(`brum: ${stuckOutput(out)}`);
    return 0;
  }

  if (mcp) log(`brum: MCP at ${mcp.url}  (send the header "Authorization: Bearer ${mcp.token}")`);
  formatter.reserve(toStart.flatMap((name) => startOrder(name, loaded.config)));
  printOutput(engine, formatter, out);
  if (mcp && !request.quietMcp) printAgentActivity(activity, out, color);
  startWithArgs();
  for (const name of toStart) engine.start(name);
  if (toStart.length === 0) {
    const names = engine.listScripts().map((s) => s.name);
    log(`brum: no scripts given; available: ${names.join(', ') || '(none)'}. Waiting (Ctrl+C to quit).`);
  }
  // Runs until a signal (the exit guard stops everything and exits), also when nothing keeps the event
  // loop busy (no MCP server, every process finished).
  setInterval(() => {}, 2 ** 31 - 1);
  return new Promise<number>(() => {});
}

function stuckOutput(out: BoundedWriter): string {
  return `stdout is not being read: exiting without writing the last ${out.unwrittenBytes} bytes of output`;
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
