/**
 * Turns "run script X with these arguments" into exactly what gets spawned: executable, argv, cwd, env.
 * Scripts run through the project's package manager (so pre/post hooks and `npm_*` variables behave as
 * users expect), with arguments as argv entries — never a shell string composed from a caller's input.
 * Only commands the local user configured or typed run through `sh -c`.
 */
import { DEFAULT_PROCESS_CONFIG, type ProcessConfig } from '../config/types.js';
import { resolveEnv } from '../config/env.js';
import { loadedSecrets } from '../config/secret-values.js';
import type { ProcessSpec } from '../process/process-manager.js';
import { buildScriptCommand } from '../scripts/package-manager.js';
import { quoteForShell } from '../shell-quote.js';
import type { PackageManagerName, ScriptInfo } from '../scripts/types.js';

/**
 * Variables that carry brum's own secrets (the MCP bearer token) and never reach a child, whatever
 * layer set them: a script with the token could drive brum, and would leak it to its own children.
 */
export const PRIVATE_ENV: readonly string[] = ['BRUM_TOKEN'];

export interface SpecContext {
  readonly packageManager: PackageManagerName;
  readonly baseEnv: Readonly<Record<string, string | undefined>>;
  readonly projectDir: string;
  readonly configFor: (name: string) => ProcessConfig | undefined;
  /** Told the secret values brum loaded for the process (see config/secret-values.ts). */
  readonly onSecrets?: (values: readonly string[]) => void;
}

export function buildProcessSpec(
  script: ScriptInfo,
  context: SpecContext,
  args: readonly string[],
): ProcessSpec {
  const config = context.configFor(script.name);
  // The project's `.env` applies to every process, configured or not.
  const { env, sources } = resolveEnv({
    projectDir: context.projectDir,
    processConfig: config ?? DEFAULT_PROCESS_CONFIG,
    baseEnv: context.baseEnv,
    name: script.name,
  });
  for (const name of PRIVATE_ENV) delete env[name];
  context.onSecrets?.(loadedSecrets(env, sources));
  // Dev tools drop their colours when stdout is a pipe; we keep raw ANSI for display and strip for search.
  if (env.FORCE_COLOR === undefined && env.NO_COLOR === undefined) env.FORCE_COLOR = '1';
  const cwd = config?.cwd ?? script.cwd;
  if (script.kind === 'command') {
    const line = args.length > 0 ? `${script.command} ${args.map(quoteForShell).join(' ')}` : script.command;
    return {
      name: script.name,
      kind: 'command',
      display: line,
      spawn: { file: line, args: [], cwd, env, shell: true },
    };
  }
  const command = buildScriptCommand(context.packageManager, script.script, args);
  return {
    name: script.name,
    kind: 'script',
    display: command.display,
    spawn: { file: command.file, args: command.args, cwd, env },
  };
}
