// "Detection adds little to ingestion": a realistic flood (≈1% of lines in error reports) fed as 64 KiB
// chunks through the real core classes, in-process, two ways:
//   baseline:  LineSplitter → LogStore.append
//   detection: the same, plus what OutputPipeline does per batch (ErrorDetector.ingest, setLevel for
//              the lines of detected reports, UrlTracker.add per line).
// Modes alternate, 3 runs each, median reported. Target: detection keeps ≥ 80% of the baseline's lines/s.
import { ErrorDetector } from '../dist/core/detect/detector.js';
import { UrlTracker } from '../dist/core/detect/urls.js';
import { LineSplitter } from '../dist/core/logs/line-splitter.js';
import { LogStore } from '../dist/core/logs/log-store.js';
import { floodLines, toChunks } from './lib/flood-text.mjs';
import { fmt } from './lib/measure.mjs';
import { collectGarbage, median, quick, verdict } from './lib/stats.mjs';

const total = Number(process.env.BENCH_DETECT_LINES ?? (quick ? 300_000 : 2_000_000));
const RUNS = 3;
const flood = floodLines(total);
const chunks = toChunks(flood.lines);
const bytes = chunks.reduce((n, c) => n + c.length, 0);
flood.lines = []; // only the chunks are needed from here on

/** Feeds every chunk through one fresh pipeline; returns seconds and what detection found. */
function run(detect, input = chunks) {
  const splitter = new LineSplitter();
  const store = new LogStore();
  const detector = detect ? new ErrorDetector() : undefined;
  const urls = detect ? new UrlTracker() : undefined;
  let raws = [];
  let cuts = [];
  const collect = (line, cut) => {
    raws.push(line);
    cuts.push(cut);
  };
  let stored = 0;
  collectGarbage();
  const t0 = process.hrtime.bigint();
  for (const chunk of input) {
    splitter.push(chunk, collect);
    const lines = store.append('flood-1', 'stdout', raws, cuts);
    raws = [];
    cuts = [];
    stored += lines.length;
    if (!detector) continue;
    const update = detector.ingest(lines);
    for (const mark of update.levels) store.setLevel(mark.seq, mark.level);
    for (const line of lines) urls.add(line);
  }
  splitter.end(collect);
  if (raws.length > 0) stored += store.append('flood-1', 'stdout', raws, cuts).length;
  detector?.flush('flood-1');
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const records = detector?.list({ includeResolved: true, includeWarnings: true }) ?? [];
  return {
    seconds,
    stored,
    records: records.length,
    occurrences: records.reduce((n, r) => n + r.count, 0),
    urls: urls?.list().length ?? 0,
  };
}

console.log(
  `\n## Detection cost: ${total.toLocaleString('en')} lines (${fmt.mb(bytes)}) in 64 KiB chunks, in-process, median of ${RUNS}\n`,
);
// Warm-up on a slice, so the first measured run does not pay for compilation alone.
run(false, chunks.slice(0, 300));
run(true, chunks.slice(0, 300));
const base = [];
const det = [];
let found;
for (let i = 0; i < RUNS; i++) {
  base.push(run(false).seconds);
  const r = run(true);
  det.push(r.seconds);
  found = r;
}
const baseRate = total / median(base);
const detRate = total / median(det);
const ratio = detRate / baseRate;
const row = (name, rate, s) =>
  `| ${name.padEnd(36)} | ${fmt.rate(rate).padStart(7)} lines/s | ${median(s).toFixed(3)} s (runs: ${s.map((x) => x.toFixed(3)).join(', ')}) |`;
console.log('| pipeline | throughput | time |');
console.log('| --- | ---: | --- |');
console.log(row('LineSplitter → LogStore (baseline)', baseRate, base));
console.log(row('+ ErrorDetector + UrlTracker', detRate, det));
console.log('');
console.log(
  `detection vs baseline: ${(ratio * 100).toFixed(1)}% of the lines/s (target ≥ 80%: ${verdict(ratio >= 0.8)})`,
);
console.log(
  `found: ${found.records} distinct error records, ${found.occurrences} occurrences ` +
    `(injected ${flood.nodeReports} Node error reports + ${flood.tscReports} tsc lines = ${flood.nodeReports + flood.tscReports}); ` +
    `${found.urls} distinct URLs (injected ${Math.min(20, flood.urlLines)})`,
);
