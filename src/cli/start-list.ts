/**
 * Which scripts a session starts with: those named on the command line, then those the configuration
 * marks `autostart`. Every name is checked before anything starts (no MCP server, no process): one typo
 * must not leave half a set running.
 */
import type { BrumConfig } from '../core/config/types.js';
import { BrumError, isBrumError } from '../core/errors.js';
import { resolveScript } from '../core/scripts/resolve.js';
import type { ScriptInfo } from '../core/scripts/types.js';

/** The names to start, deduplicated, command-line names first. Throws UNKNOWN_SCRIPT for any unknown one. */
export function checkedStartList(
  scripts: readonly ScriptInfo[],
  requested: readonly string[],
  config: Pick<BrumConfig, 'scripts' | 'commands'>,
  withAutostart: boolean,
): string[] {
  for (const name of requested) resolveScript({ scripts }, name);
  const autostart = withAutostart
    ? Object.entries({ ...config.scripts, ...config.commands })
        .filter(([, c]) => c.autostart)
        .map(([name]) => name)
    : [];
  for (const name of autostart) {
    try {
      resolveScript({ scripts }, name);
    } catch (error) {
      if (!isBrumError(error, 'UNKNOWN_SCRIPT')) throw error;
      throw new BrumError(
        'UNKNOWN_SCRIPT',
        `[scripts.${name}] has autostart = true, but the project has no such script. ${error.message}`,
        { details: error.details },
      );
    }
  }
  return [...new Set([...requested, ...autostart])];
}
