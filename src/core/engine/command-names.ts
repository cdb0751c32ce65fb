/**
 * Names for ad-hoc commands the local user types (the TUI's `n`). A name is how a process is addressed
 * (`scripts_stop dev`, the TUI, headless prefixes), so it must never shadow a script or configured
 * command, and two different commands must never share one: `npx tsc -w` is `tsc`, a later
 * `npx eslint .` is `eslint`, a typed `dev --port 4000` is `dev#2` (the script `dev` keeps its name).
 */

/** Words that only launch the program that matters: the name comes from the word after them. */
const LAUNCHERS = new Set(['npx', 'pnpx', 'bunx', 'env', 'exec', 'nice', 'nohup', 'time', 'command']);
const MAX_BASE = 32;

/** The readable part of a name: the program a command line runs, e.g. `tsc` for `FOO=1 npx tsc -w`. */
export function commandBaseName(line: string): string {
  const words = line.trim().split(/\s+/);
  let word = words.find(
    (w) => !LAUNCHERS.has(w) && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w) && !w.startsWith('-'),
  );
  word = word?.slice(word.lastIndexOf('/') + 1) ?? '';
  const clean = word.replace(/[^\w.@:-]/g, '').slice(0, MAX_BASE);
  return clean === '' ? 'command' : clean;
}

/** `base`, else `base#2`, `base#3`, … : the first name `taken` does not claim. */
export function uniqueCommandName(line: string, taken: (name: string) => boolean): string {
  const base = commandBaseName(line);
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const name = `${base}#${n}`;
    if (!taken(name)) return name;
  }
}
