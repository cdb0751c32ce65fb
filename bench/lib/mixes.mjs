// The bench texts: four deterministic kinds of output, worst cases included, so that no figure holds
// only on one kind of log. Each mix is an endless generator of lines (strings without the newline);
// the same mix always yields the same lines. Used by the flood producer (real processes) and by the
// in-process benchmarks.
//
// - access:  a healthy dev server — ~100-byte request-log lines, ~1% of lines in error reports (Node
//            errors with 5 frames, tsc lines; ~40 distinct), a local URL now and then.
// - hmr:     a Vite/webpack watch session — a third of the lines are rebuild markers (`[vite] hmr update`,
//            `page reload`, `compiled …`), with request logs, compile lines and ~1% error reports in
//            between whose stack frames name many different files (so errors keep being current).
// - errors:  an error storm — a test run with many failures and a type-checker on a broken project:
//            thousands of *distinct* errors (different files, lines, messages), pass markers between
//            passes (`Found N errors. Watching…`, `Test Files …`, `compiled with N errors`).
// - ansi:    long lines (1–16 KiB) and heavy ANSI colour on every token, the odd progress line.
import { accessLine, nodeErrorLines, tscErrorLine } from './flood-text.mjs';

export const MIXES = ['access', 'hmr', 'errors', 'ansi'];

const FILES = [
  'App',
  'Button',
  'Header',
  'Footer',
  'Cart',
  'Checkout',
  'Profile',
  'Search',
  'Modal',
  'Table',
];
const DIRS = ['components', 'routes', 'hooks', 'lib', 'pages', 'store', 'utils', 'features/auth'];

/** A project file that differs for each k (k up to ~80k distinct). */
function file(k, ext = 'tsx') {
  return `src/${DIRS[k % DIRS.length]}/${FILES[(k >> 3) % FILES.length]}${k >> 7}.${ext}`;
}

function* access() {
  let n = 0;
  let node = 0;
  let tsc = 0;
  let url = 0;
  for (let i = 0; ; i++) {
    if (i % 20000 === 19999) yield `  ➜  Local:   http://localhost:${5170 + (url++ % 20)}/`;
    else if (i % 700 === 350) yield* nodeErrorLines(node++);
    else if (i % 700 === 699) yield tscErrorLine(tsc++);
    else yield accessLine(n++);
  }
}

function time(i) {
  const s = (i >> 6) % 86400;
  const h = Math.floor(s / 3600) % 12 || 12;
  return `${h}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')} PM`;
}

function* hmr() {
  let n = 0;
  let k = 0;
  for (let i = 0; ; i++) {
    const r = i % 3;
    if (r === 0) {
      const m = i % 9;
      if (m === 0) yield `${time(i)} [vite] (client) hmr update /${file(i % 4000)}, /src/index.css`;
      else if (m === 3) yield `${time(i)} [vite] page reload ${file(i % 300, 'ts')}`;
      else yield `webpack 5.101.0 compiled successfully in ${100 + (i % 900)} ms`;
    } else if (i % 300 === 151) {
      // ~1% of lines: an error report naming files that keep changing (i % 3 === 1: not a marker slot).
      const e = k++;
      if (e % 3 === 0) {
        yield `${time(i)} [vite] Internal server error: /app/${file(e)}: Unexpected token (${1 + (e % 90)}:${1 + (e % 40)})`;
        yield `  Plugin: vite:esbuild`;
        yield `  File: /app/${file(e)}:${1 + (e % 90)}:${1 + (e % 40)}`;
      } else if (e % 3 === 1) {
        yield `TypeError: Cannot read properties of undefined (reading '${FILES[e % FILES.length].toLowerCase()}${e}')`;
        for (let f = 0; f < 5; f++)
          yield `    at fn${f} (/app/${file(e * 5 + f, 'ts')}:${10 + f}:${3 + (e % 20)})`;
      } else {
        yield `${time(i)} [vite] Pre-transform error: Failed to resolve import "./${FILES[e % FILES.length]}${e}" from "${file(e)}". Does the file exist?`;
      }
    } else if (r === 1 && i % 7 === 1) {
      yield `  transforming (${i % 1000}) ${file(i % 5000)}`;
    } else yield accessLine(n++);
  }
}

const TS_MESSAGES = [
  (k) => `TS2322: Type 'string' is not assignable to type 'number${k}'.`,
  (k) => `TS2339: Property 'field${k}' does not exist on type 'Model${k % 97}'.`,
  (k) => `TS2304: Cannot find name 'helper${k}'.`,
  (k) => `TS7006: Parameter 'arg${k}' implicitly has an 'any' type.`,
];

function* errors() {
  let k = 0;
  for (let pass = 0; ; pass++) {
    // A type-check pass: ~2,000 distinct errors, then its marker.
    const tscCount = 2000;
    for (let j = 0; j < tscCount; j++, k++)
      yield `${file(k, 'ts')}(${1 + (k % 400)},${1 + (k % 60)}): error ${TS_MESSAGES[k % 4](k)}`;
    yield `[${time(pass)}] Found ${tscCount} errors. Watching for file changes.`;
    // A test run: ~300 failures with an assertion and a stack, then the summary.
    for (let j = 0; j < 300; j++, k++) {
      const f = file(k, 'test.ts');
      yield ` FAIL  ${f} > suite ${k % 50} > case ${k}`;
      yield `AssertionError: expected ${k} to be ${k + 1} // Object.is equality`;
      yield ` ❯ ${f}:${5 + (k % 200)}:${3 + (k % 30)}`;
      yield '';
    }
    yield ` Test Files  ${300} failed | ${40 + (pass % 7)} passed (${340 + (pass % 7)})`;
    yield `      Tests  ${300} failed | ${900 + pass} passed (${1200 + pass})`;
    // A webpack rebuild reporting errors, then its marker.
    for (let j = 0; j < 200; j++, k++) {
      yield `ERROR in ./${file(k)} ${1 + (k % 80)}:${1 + (k % 30)}`;
      yield `Module not found: Error: Can't resolve './dep${k}' in '/app/src'`;
    }
    yield `webpack 5.101.0 compiled with ${200} errors in ${1000 + pass} ms`;
  }
}

const C = ['\x1b[31m', '\x1b[32m', '\x1b[33m', '\x1b[34m', '\x1b[35m', '\x1b[36m', '\x1b[1m', '\x1b[2m'];
const RESET = '\x1b[39m';

function* ansi() {
  let n = 0;
  for (let i = 0; ; i++) {
    if (i % 50 === 49) {
      // A long line: 1 KiB to 16 KiB of coloured tokens (a minified bundle, a JSON dump).
      const target = 1024 << (i % 5);
      let s = '';
      for (let t = 0; s.length < target; t++)
        s += `${C[t % C.length]}"k${t}":${RESET}${C[(t + 3) % C.length]}${(t * 7919) % 100003}${RESET},`;
      yield s;
    } else if (i % 500 === 250) {
      yield `\x1b[31m\x1b[1mError\x1b[22m\x1b[39m: \x1b[33mrequest ${i} failed\x1b[39m at \x1b[36m/app/${file(i, 'ts')}:${1 + (i % 99)}:7\x1b[39m`;
    } else {
      // A coloured request-log line: every token has its own colour.
      const a = accessLine(n++).split(' ');
      let s = '';
      for (let t = 0; t < a.length; t++) s += `${C[(t + i) % C.length]}${a[t]}\x1b[0m `;
      yield s;
    }
  }
}

const GENERATORS = { access, hmr, errors, ansi };

/** An endless, deterministic line generator for `mix` (one of MIXES). */
export function mixLines(mix) {
  const g = GENERATORS[mix];
  if (!g) throw new Error(`unknown mix ${mix}; known: ${MIXES.join(', ')}`);
  return g();
}

/** The first `total` lines of `mix`. */
export function takeLines(mix, total) {
  const out = [];
  for (const line of mixLines(mix)) {
    if (out.length >= total) break;
    out.push(line);
  }
  return out;
}

/** The mixes named in BENCH_MIX (comma-separated), else all. */
export function chosenMixes() {
  const wanted = (process.env.BENCH_MIX ?? '').split(',').filter(Boolean);
  for (const m of wanted)
    if (!MIXES.includes(m)) throw new Error(`BENCH_MIX: unknown mix ${m}; known: ${MIXES.join(', ')}`);
  return wanted.length > 0 ? wanted : MIXES;
}
