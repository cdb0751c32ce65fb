/**
 * The command line: argument parsing only. Turns argv into a typed `CliRequest`; main.ts acts on it.
 */
import { Command, InvalidArgumentError, Option } from 'commander';

export type CliMode = 'tui' | 'headless' | 'run' | 'mcp-stdio' | 'settings';

export interface CliRequest {
  readonly mode: CliMode;
  readonly dir: string;
  readonly scripts: readonly string[];
  readonly noTui: boolean;
  /** `--quiet-mcp`: headless mode prints no line per MCP tool call. */
  readonly quietMcp: boolean;
  readonly flags: {
    readonly mcpPort?: number;
    readonly noMcp?: boolean;
    readonly stopGraceMs?: number;
    readonly preferredPackageManager?: 'npm' | 'pnpm' | 'yarn' | 'bun';
  };
  /** `--no-proxy`, `--proxy-port <n>` (over `[proxy]` in `.brum.toml`). */
  readonly proxyFlags: { readonly enabled?: boolean; readonly port?: number };
  /** `--token <token>` (visible in `ps`; main warns). */
  readonly tokenFlag?: string;
  /** `--token-file <path>`. */
  readonly tokenFile?: string;
  /** Arguments after `--`, passed to the one script named (never through a shell). */
  readonly scriptArgs: readonly string[];
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('expected a port number between 0 and 65535 (0 picks a free one)');
  }
  return port;
}

function parseMs(value: string): number {
  const ms = Number(value);
  if (!Number.isFinite(ms) || ms < 0) throw new InvalidArgumentError('expected milliseconds, e.g. 5000');
  return ms;
}

const EXAMPLES = `
Modes:
  --mcp                     serve MCP on stdin/stdout (attaches to a running brum for the project if any;
                            every running brum of yours is reachable too: instances_list)

Examples:
  brum                      open the terminal UI for the project in this directory
  brum dev api              open it with the scripts dev and api already started
  brum --no-tui dev         headless: print every line, prefixed, until Ctrl+C
  brum run lint test        run scripts once in parallel, exit non-zero if any failed
  brum run test -- --watch  pass arguments to a script (after --, to exactly one script)
  brum --mcp                speak MCP on stdin/stdout (for AI assistants)
  brum --settings           print the effective configuration and where each value came from

Workspace scripts are named <workspace>:<script>, e.g. web:dev.
`;

/** Parses argv (as `process.argv`). Commander prints help/version/errors itself and exits. */
export function parseArgs(argv: readonly string[], version: string): CliRequest {
  let request: CliRequest | undefined;
  // `--mcp` (stdio mode) and `--no-mcp` would share commander's `mcp` attribute, so `--mcp` is taken out
  // here and documented in the help text.
  const stdio = argv.includes('--mcp');
  // Everything after `--` belongs to the script (`brum run test -- --watch`), not to brum.
  const dashes = argv.indexOf('--', 2);
  const scriptArgs = dashes === -1 ? [] : argv.slice(dashes + 1);
  const args = (dashes === -1 ? argv : argv.slice(0, dashes)).filter((a) => a !== '--mcp');
  const common = (cmd: Command): Command =>
    cmd
      .option('-d, --dir <dir>', 'project directory', process.cwd())
      .option('--no-mcp', 'do not start the MCP server')
      .option('--no-proxy', 'do not put a reverse proxy (browser insight) in front of dev servers')
      .addOption(
        new Option(
          '--proxy-port <port>',
          'first port for the dev-server proxies (default 7601; 0 = any free port)',
        ).argParser(parsePort),
      )
      .addOption(
        new Option('-p, --port <port>', 'MCP HTTP port (default 7777; 0 = any free port)').argParser(
          parsePort,
        ),
      )
      .addOption(
        new Option(
          '--token-file <path>',
          'read the MCP bearer token (16+ characters) from a file (default: random per start)',
        ),
      )
      .addOption(
        new Option(
          '--token <token>',
          'MCP bearer token; visible to other users in ps, prefer BRUM_TOKEN or --token-file',
        ),
      )
      .addOption(
        new Option('--grace <ms>', 'time between SIGTERM and SIGKILL when stopping').argParser(parseMs),
      )
      .addOption(
        new Option('--pm <name>', 'preferred package manager when the project does not say').choices([
          'npm',
          'pnpm',
          'yarn',
          'bun',
        ]),
      );

  interface Opts {
    dir: string;
    mcp: boolean;
    proxy: boolean;
    proxyPort?: number;
    port?: number;
    token?: string;
    tokenFile?: string;
    grace?: number;
    pm?: 'npm' | 'pnpm' | 'yarn' | 'bun';
    tui?: boolean;
    settings?: boolean;
    quietMcp?: boolean;
  }
  const toRequest = (mode: CliMode, scripts: string[], opts: Opts): CliRequest => ({
    mode,
    dir: opts.dir,
    scripts,
    noTui: opts.tui === false,
    quietMcp: opts.quietMcp === true,
    flags: {
      ...(opts.port !== undefined ? { mcpPort: opts.port } : {}),
      ...(opts.mcp === false ? { noMcp: true } : {}),
      ...(opts.grace !== undefined ? { stopGraceMs: opts.grace } : {}),
      ...(opts.pm !== undefined ? { preferredPackageManager: opts.pm } : {}),
    },
    proxyFlags: {
      ...(opts.proxy === false ? { enabled: false } : {}),
      ...(opts.proxyPort !== undefined ? { port: opts.proxyPort } : {}),
    },
    ...(opts.token !== undefined ? { tokenFlag: opts.token } : {}),
    ...(opts.tokenFile !== undefined ? { tokenFile: opts.tokenFile } : {}),
    scriptArgs,
  });

  const program = common(new Command('brum'))
    .description(
      "Run your project's scripts side by side; one live view for you (TUI) and your AI assistant (MCP).",
    )
    .version(version, '-v, --version')
    .argument('[scripts...]', 'scripts to start right away')
    .option('--no-tui', 'headless: print prefixed output instead of the terminal UI')
    .option('--quiet-mcp', 'headless: do not print a line for each MCP tool call')
    .option('--settings', 'print the effective configuration (valid TOML) with the source of each value')
    .addHelpText('after', EXAMPLES)
    .showSuggestionAfterError(true)
    .action((scripts: string[], opts: Opts) => {
      const mode: CliMode = opts.settings
        ? 'settings'
        : stdio
          ? 'mcp-stdio'
          : opts.tui === false
            ? 'headless'
            : 'tui';
      request = toRequest(mode, scripts, opts);
    });

  // Options are the program's (global): `brum run a --dir d` and `brum --dir d run a` both work.
  program
    .command('run')
    .description('run scripts once, in parallel, like concurrently; exit non-zero if any failed')
    .argument('<scripts...>', 'scripts to run')
    .action((scripts: string[], _opts: unknown, command: Command) => {
      // A run never serves MCP (main.ts returns before starting it), so no `noMcp` override: without
      // one, a project with no configuration file needs no validation at all (cli/config-loader.ts).
      request = toRequest('run', scripts, command.optsWithGlobals<Opts>());
    });

  program.parse(args);
  if (!request) throw new Error('no command was parsed');
  if (scriptArgs.length > 0 && request.scripts.length !== 1) {
    program.error(
      `error: arguments after -- go to one script; name exactly one (got ${request.scripts.length})`,
    );
  }
  return request;
}
