/**
 * POSIX single-quote quoting, only where needed: `dev` stays `dev`, `a b` becomes `'a b'`, and the
 * argument reaches a shell command as one literal word. The one quoter for commands brum builds
 * (script arguments appended to a script's command) and for commands it shows people to copy.
 */
export function quoteForShell(arg: string): string {
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
