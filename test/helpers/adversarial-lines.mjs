// Crafted 64 KiB lines (the longest line brum stores) aimed at the per-line stages: ANSI stripping,
// the prefilter, level classification, URL finding, markers and every parser. Shared by
// test/adversarial.test.ts (results are right) and bench/adversarial.mjs (cost per line).

export const LINE_CHARS = 64 * 1024;

/**
 * `unit` repeated to `LINE_CHARS` characters, with an optional `prefix`/`suffix`. Flattened through a
 * Buffer, like the lines brum decodes from a pipe (a rope of concatenations would measure V8's
 * flattening, not the stage).
 */
function fill(unit, prefix = '', suffix = '') {
  const room = LINE_CHARS - prefix.length - suffix.length;
  const text = prefix + unit.repeat(Math.ceil(room / unit.length)).slice(0, room) + suffix;
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** name → line. Deterministic. */
export const ADVERSARIAL_LINES = {
  plain: fill('a'),
  spaces: fill(' '),
  colons: fill(':'),
  'gcc-ish repeated': fill('x:1:2: '),
  'gcc header, huge message': fill('m', 'src/a.c:12:5: error: '),
  'gcc colons no final': fill('a:1:1:'),
  'tsc-ish repeated': fill('a.ts(1,2): '),
  'tsc header, huge message': fill('m', 'src/a.ts(3,7): error TS2322: '),
  'eslint-ish': fill('  1:2  error  '),
  'node stack repeated': fill('    at f (a.js:1:2) '),
  'Error: huge': fill('x', 'TypeError: '),
  'error words': fill('error fail warn '),
  'no errors spaces': fill(' ', 'no', 'errors'),
  'python-ish': fill('File "a.py", line 1, in f '),
  'go-ish': fill('a.go:1:2: '),
  'rust-ish': fill('error[E0308]: --> a.rs:1:2 '),
  'webpack-ish': fill('ERROR in ./a.js 1:2 '),
  'vite-ish': fill('[vite] hmr update /a.ts '),
  'jest bullets': fill('● a › b '),
  'next cross': fill('⨯ a '),
  'npm ERR': fill('npm ERR! code E1 '),
  'http repeated': fill('http://'),
  'localhost dots': fill('a.', 'http://', 'localhost'),
  'url long path': fill('a/', 'http://localhost:3000/'),
  'url many': fill(' http://localhost:1/ '),
  'ansi 32k params': fill('1;', '\x1b[', 'm'),
  'ansi unfinished': fill('1;', '\x1b['),
  'ansi esc dense': fill('\x1b'),
  'ansi osc unterminated': fill('a', '\x1b]8;;'),
  'ansi sgr dense': fill('\x1b[1mx'),
  'parens brackets': fill('([{'),
  digits: fill('1234567890'),
  paths: fill('/a'),
};
