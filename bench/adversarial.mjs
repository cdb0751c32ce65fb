// "No line is expensive": every per-line stage over crafted 64 KiB lines (test/helpers/
// adversarial-lines.mjs), reported as the worst line per stage in µs and as a ratio to a plain
// `includes` scan of that same line (a miss: it reads the whole line), measured in the same run.
// Each (stage, line) pair is the median CPU time of several repetitions after a warm-up.
// For comparison the table includes Node's `stripVTControlCharacters` (what stripAnsi used before) and
// each parser over the whole line (what the detector handed parsers before MAX_PARSE_CHARS).
import { stripVTControlCharacters } from 'node:util';
import { ErrorDetector, MAX_PARSE_CHARS } from '../dist/core/detect/detector.js';
import { MARKERS } from '../dist/core/detect/markers.js';
import { PARSERS } from '../dist/core/detect/parsers/index.js';
import { mayMatter } from '../dist/core/detect/prefilter.js';
import { findUrls } from '../dist/core/detect/urls.js';
import { stripAnsi } from '../dist/core/logs/strip-ansi.js';
import { classifyLevel } from '../dist/core/logs/level.js';
import { fitAnsi } from '../dist/tui/lib/fit-ansi.js';
import { ADVERSARIAL_LINES } from '../test/helpers/adversarial-lines.mjs';
import { median, quick } from './lib/stats.mjs';

const REPS = quick ? 3 : 9;
const lines = Object.entries(ADVERSARIAL_LINES);
const head = (text) => text.slice(0, MAX_PARSE_CHARS);
const ctx = (text) => ({ prevText: text, before: () => text });

/** CPU µs (user + system) spent since `start` (a `process.cpuUsage()` value). */
const cpuSince = (start) => {
  const used = process.cpuUsage(start);
  return used.user + used.system;
};

/**
 * Median CPU µs of one call of `fn`, repeated enough times to be measurable. CPU time, not wall time:
 * on a shared machine the wall clock also counts other processes' turns.
 */
function time(fn) {
  fn();
  let inner = 1;
  for (;;) {
    const start = process.cpuUsage();
    for (let i = 0; i < inner; i++) fn();
    if (cpuSince(start) > 20_000 || inner >= 1 << 16) break;
    inner *= 4;
  }
  const samples = [];
  for (let r = 0; r < REPS; r++) {
    const start = process.cpuUsage();
    for (let i = 0; i < inner; i++) fn();
    samples.push(cpuSince(start) / inner);
  }
  return median(samples);
}

let sink = 0;
const stages = [
  ['stripAnsi (brum, single pass)', (l) => (sink += stripAnsi(l).length)],
  ['stripVTControlCharacters (node, before)', (l) => (sink += stripVTControlCharacters(l).length)],
  ['fitAnsi 200 columns (TUI)', (l) => (sink += fitAnsi(l, 200).length)],
  ['prefilter mayMatter', (l) => (sink += mayMatter(l) ? 1 : 0)],
  ['classifyLevel', (l) => (sink += classifyLevel(l).length)],
  ['findUrls', (l) => (sink += findUrls(l).length)],
  ['markers (head)', (l) => MARKERS.forEach((m) => (sink += m.test.test(head(l)) ? 1 : 0))],
  ...PARSERS.map((p) => [`parser ${p.name} (head)`, (l) => (sink += p.start(head(l), ctx(head(l))) ? 1 : 0)]),
  ...PARSERS.map((p) => [
    `parser ${p.name} (whole line, before)`,
    (l) => (sink += p.start(l, ctx(l)) ? 1 : 0),
  ]),
  [
    'ErrorDetector.ingest (one line)',
    (l) => {
      const d = new ErrorDetector();
      const text = stripAnsi(l);
      d.ingest([
        { seq: 1, processId: 'p', stream: 'stderr', ts: 0, raw: l, text, truncated: false, level: 'info' },
      ]);
      sink += d.flush('p').changed.length;
    },
  ],
];

const baseline = new Map(
  lines.map(([name, line]) => [name, time(() => (sink += line.includes('\0needle') ? 1 : 0))]),
);
console.log(`adversarial lines: ${lines.length} lines of 64 KiB; worst line per stage (median of ${REPS})`);
console.log('stage'.padEnd(44), 'worst CPU µs'.padStart(10), '× includes'.padStart(12), '  worst line');
for (const [stage, fn] of stages) {
  let worst = { us: -1, ratio: 0, name: '' };
  for (const [name, line] of lines) {
    const us = time(() => fn(line));
    const ratio = us / baseline.get(name);
    if (us > worst.us) worst = { us, ratio, name };
  }
  console.log(
    stage.padEnd(44),
    worst.us.toFixed(1).padStart(10),
    `${worst.ratio.toFixed(0)}×`.padStart(12),
    ` ${worst.name}`,
  );
}
const base = [...baseline.values()];
console.log(
  `baseline: includes over one 64 KiB line, median ${median(base).toFixed(2)} µs (${sink > 0 ? 'ok' : ''})`,
);
