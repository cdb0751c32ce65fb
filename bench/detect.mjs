// "Detection adds little to ingestion": a realistic flood (≈1% of lines in error reports) fed as 64 KiB
// chunks through the real core classes, in-process, two ways:
//   baseline:  LineSplitter → LogStore.append
//   detection: the real OutputPipeline.ingest per batch (one shared prefilter pass for level and
//              detector, ErrorDetector.ingest, setLevel for report lines, UrlTracker.add behind a
//              chunk-level `://` gate), with the engine's snapshot/readiness/event hooks as no-ops.
// Modes alternate, 3 runs each, median reported. Target: detection keeps ≥ 80% of the baseline's lines/s.
import { ErrorDetector } from '../dist/core/detect/detector.js';
import { UrlTracker } from '../dist/core/detect/urls.js';
import { LineSplitter } from '../dist/core/logs/line-splitter.js';
import { LogStore } from '../dist/core/logs/log-store.js';
import { OutputPipeline } from '../dist/core/engine/output-pipeline.js';
import { floodLines, toChunks } from './lib/flood-text.mjs';
import { fmt } from './lib/measure.mjs';
import { collectGarbage, median, quick, verdict } from './lib/stats.mjs';

const total = Number(process.env.BENCH_DETECT_LINES ?? (quick ? 300_000 : 2_000_000));
const RUNS = 3;
const flood = floodLines(total);
const chunks = toChunks(flood.lines);
const bytes = chunks.reduce((n, c) => n + c.length, 0);
flood.lines = []; // only the chunks are needed from here on

// What the engine wires around OutputPipeline, reduced to no-ops: process snapshots, readiness (only
// configured patterns or probes cost anything there) and event listeners are not detection.
const manager = { annotate() {}, get: () => undefined };
const readiness = { onLines() {}, onUrl() {} };
const events = { emit() {} };
const ESC = 0x1b;
const CSI = 0x9b;

/**
 * Feeds every chunk through fresh core objects the way child-output.ts does (`pushBatch`, with the
 * chunk and the decoded text as the lines' source); returns seconds and what detection found. Baseline: `LogStore.append`
 * with the same chunk-level "no escape bytes" hint the pipeline computes. Detection: the real
 * `OutputPipeline.ingest` (shared prefilter, ErrorDetector, setLevel, UrlTracker behind its `://` gate).
 */
function run(detect, input = chunks) {
  const splitter = new LineSplitter();
  const store = new LogStore();
  const detector = new ErrorDetector();
  const urls = new UrlTracker();
  const pipeline = detect ? new OutputPipeline(store, detector, urls, manager, readiness, events) : undefined;
  let stored = 0;
  collectGarbage();
  const t0 = process.hrtime.bigint();
  for (const chunk of input) {
    const carried = splitter.pending;
    const lines = [];
    const cuts = {};
    if (splitter.pushBatch(chunk, lines, cuts) === 0) continue;
    stored += lines.length;
    if (pipeline) {
      pipeline.ingest('flood-1', 'stdout', lines, cuts.truncated, {
        bytes: chunk,
        carried,
        joined: cuts.joined,
      });
      continue;
    }
    const first = lines[0];
    const plain =
      (!carried || (first.indexOf('\x1b') === -1 && first.indexOf('\x9b') === -1)) &&
      chunk.indexOf(ESC) === -1 &&
      chunk.indexOf(CSI) === -1;
    store.append('flood-1', 'stdout', lines, cuts.truncated, Date.now(), { plain, joined: cuts.joined });
  }
  const rest = [];
  splitter.end((line) => rest.push(line));
  if (rest.length > 0) {
    stored += rest.length;
    if (pipeline) pipeline.ingest('flood-1', 'stdout', rest, undefined, undefined);
    else store.append('flood-1', 'stdout', rest);
  }
  if (pipeline) pipeline.applyDetection('flood-1', detector.flush('flood-1'));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const records = detector.list({ includeResolved: true, includeWarnings: true });
  return {
    seconds,
    stored,
    records: records.length,
    occurrences: records.reduce((n, r) => n + r.count, 0),
    urls: urls.list().length,
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
console.log(row('pushBatch → LogStore.append (baseline)', baseRate, base));
console.log(row('pushBatch → OutputPipeline.ingest', detRate, det));
console.log('');
console.log(
  `detection vs baseline: ${(ratio * 100).toFixed(1)}% of the lines/s (target ≥ 80%: ${verdict(ratio >= 0.8)})`,
);
console.log(
  `found: ${found.records} distinct error records, ${found.occurrences} occurrences ` +
    `(injected ${flood.nodeReports} Node error reports + ${flood.tscReports} tsc lines = ${flood.nodeReports + flood.tscReports}); ` +
    `${found.urls} distinct URLs (injected ${Math.min(20, flood.urlLines)})`,
);
