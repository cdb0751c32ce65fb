// "Detection adds little to ingestion, whatever the output looks like": each bench text
// (bench/lib/mixes.mjs: access, hmr, errors, ansi; BENCH_MIX=a,b picks some) fed as 64 KiB chunks
// through the real core classes, in-process, two ways:
//   baseline:  LineSplitter → LogStore.append
//   detection: the real OutputPipeline.ingest per batch (one shared prefilter pass for level and
//              detector, ErrorDetector.ingest, setLevel for report lines, UrlTracker.add behind a
//              chunk-level `://` gate, the error summary folded into the process snapshot), with the
//              engine's snapshot/readiness/event hooks as no-ops.
// Modes alternate, 3 runs each, median reported. Per mix: detection's lines/s as a share of the
// baseline's (target ≥ 80%) and what detection adds per line in ns (median detection − median baseline).
// Both are computed from the process's CPU time (process.cpuUsage: this thread plus V8's GC helpers),
// which a shared machine disturbs far less than wall time; wall times are printed too.
import { ErrorDetector } from '../dist/core/detect/detector.js';
import { UrlTracker } from '../dist/core/detect/urls.js';
import { LineSplitter } from '../dist/core/logs/line-splitter.js';
import { LogStore } from '../dist/core/logs/log-store.js';
import { OutputPipeline } from '../dist/core/engine/output-pipeline.js';
import { feedChunks, toChunks } from './lib/flood-text.mjs';
import { fmt } from './lib/measure.mjs';
import { chosenMixes, takeLines } from './lib/mixes.mjs';
import { collectGarbage, median, quick, verdict } from './lib/stats.mjs';

const base = Number(process.env.BENCH_DETECT_LINES ?? (quick ? 300_000 : 1_000_000));
// The ansi mix averages ~500 bytes a line: a fifth of the lines, similar bytes (as in ingest.mjs).
const linesFor = (mix) => (mix === 'ansi' ? Math.round(base / 5) : base);
const RUNS = 3;

// What the engine wires around OutputPipeline, reduced to no-ops: process snapshots, readiness (only
// configured patterns or probes cost anything there) and event listeners are not detection.
const manager = { annotate() {}, get: () => undefined };
const readiness = { onLines() {}, onUrl() {} };
const events = { emit() {} };
const ESC = 0x1b;
const CSI = 0x9b;

/**
 * Feeds every chunk through fresh core objects the way child-output.ts does (`pushBatch`, with the
 * chunk and the decoded text as the lines' source); returns seconds and what detection found.
 * Baseline: `LogStore.append` with the same chunk-level "no escape bytes" hint the pipeline computes.
 * Detection: the real `OutputPipeline.ingest`.
 */
function run(detect, chunks) {
  const store = new LogStore();
  // As in brum: records' files are made relative to the project root (issue 11's paths).
  const detector = new ErrorDetector({ paths: { root: '/app', cwdOf: () => '/app' } });
  const urls = new UrlTracker();
  const pipeline = detect ? new OutputPipeline(store, detector, urls, manager, readiness, events) : undefined;
  collectGarbage();
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const stored = feedChunks(LineSplitter, chunks, (lines, truncated, source) => {
    if (pipeline) return pipeline.ingest('flood-1', 'stdout', lines, truncated, source);
    const first = lines[0];
    const plain =
      source !== undefined &&
      (!source.carried || (first.indexOf('\x1b') === -1 && first.indexOf('\x9b') === -1)) &&
      source.bytes.indexOf(ESC) === -1 &&
      source.bytes.indexOf(CSI) === -1;
    store.append('flood-1', 'stdout', lines, truncated, Date.now(), { plain, joined: source?.joined });
  });
  if (pipeline) pipeline.applyDetection('flood-1', detector.flush('flood-1'));
  const cpu = process.cpuUsage(cpu0);
  const seconds = (cpu.user + cpu.system) / 1e6;
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const records = detector.list({ includeResolved: true, includeWarnings: true });
  return {
    seconds,
    wall,
    stored,
    records: records.length,
    current: records.filter((r) => !r.resolved).length,
    occurrences: records.reduce((n, r) => n + r.count, 0),
    urls: urls.list().length,
  };
}

const summary = [];
for (const mix of chosenMixes()) {
  const total = linesFor(mix);
  const chunks = toChunks(takeLines(mix, total));
  const bytes = chunks.reduce((n, c) => n + c.length, 0);
  console.log(
    `\n## Detection cost, mix "${mix}": ${total.toLocaleString('en')} lines (${fmt.mb(bytes)}) in 64 KiB chunks, in-process, median of ${RUNS}\n`,
  );
  // Warm-up on a slice, so the first measured run does not pay for compilation alone.
  run(false, chunks.slice(0, 300));
  run(true, chunks.slice(0, 300));
  const baseS = [];
  const detS = [];
  const baseW = [];
  const detW = [];
  let found;
  for (let i = 0; i < RUNS; i++) {
    const b = run(false, chunks);
    baseS.push(b.seconds);
    baseW.push(b.wall);
    const r = run(true, chunks);
    detS.push(r.seconds);
    detW.push(r.wall);
    found = r;
  }
  const baseRate = total / median(baseS);
  const detRate = total / median(detS);
  const ratio = detRate / baseRate;
  const nsPerLine = ((median(detS) - median(baseS)) / total) * 1e9;
  const runs = (s) => s.map((x) => x.toFixed(3)).join(', ');
  const row = (name, rate, s, w) =>
    `| ${name.padEnd(36)} | ${fmt.rate(rate).padStart(7)} lines/CPU s | ${median(s).toFixed(3)} CPU s (runs: ${runs(s)}) | wall ${runs(w)} s |`;
  console.log('| pipeline | throughput | CPU time | wall time |');
  console.log('| --- | ---: | --- | --- |');
  console.log(row('pushBatch → LogStore.append (baseline)', baseRate, baseS, baseW));
  console.log(row('pushBatch → OutputPipeline.ingest', detRate, detS, detW));
  console.log('');
  console.log(
    `detection vs baseline: ${(ratio * 100).toFixed(1)}% of the lines/s (target ≥ 80%: ${verdict(ratio >= 0.8)}); ` +
      `detection adds ${nsPerLine.toFixed(0)} ns per line`,
  );
  console.log(
    `found: ${found.records} error records kept (${found.current} current), ${found.occurrences} occurrences; ` +
      `${found.urls} distinct URLs`,
  );
  summary.push({ mix, ratio, nsPerLine });
}
if (summary.length > 1) {
  console.log('\n| mix | detection / baseline lines/s | detection ns per line |');
  console.log('|---|---|---|');
  for (const s of summary)
    console.log(
      `| ${s.mix} | ${(s.ratio * 100).toFixed(1)}% (${verdict(s.ratio >= 0.8)}) | ${s.nsPerLine.toFixed(0)} |`,
    );
}

// "No per-line cost that grows with stored state", for Vite's rebuild markers: a marker naming
// `/src/otherN/index.ts` while K records of other `index.ts` files are current (a monorepo: one
// `index.ts` per package). Per K, CPU ns per marker line, and the ratio against K = 1 in the same run
// (target: flat, ≈ 1×). Before the store indexed shared names by their last two segments, K = 1000
// cost ~60× K = 1.
function markerCost(sharing) {
  const line = (seq, text) => ({
    seq,
    processId: 'web',
    stream: 'stdout',
    ts: seq,
    raw: text,
    text,
    truncated: false,
    level: 'info',
  });
  const detector = new ErrorDetector({ paths: { root: '/app', cwdOf: () => '/app' } });
  const report = [];
  for (let i = 0; i < sharing; i++)
    report.push(
      `12:00:00 PM [vite] Internal server error: Failed to resolve import "./x" from "src/m${i}/index.ts". Does the file exist?`,
      '  Plugin: vite:import-analysis',
      `  File: /app/src/m${i}/index.ts:2:23`,
    );
  detector.ingest(report.map((t, i) => line(i + 1, t)));
  detector.flush('web');
  const markers = Array.from({ length: quick ? 20_000 : 60_000 }, (_, i) =>
    line(1e6 + i, `12:00:01 PM [vite] (client) hmr update /src/other${i % 100}/index.ts, /src/index.css`),
  );
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < markers.length; i += 500) detector.ingest(markers.slice(i, i + 500));
  const cpu = process.cpuUsage(cpu0);
  if (detector.list({ processId: 'web' }).length !== sharing)
    throw new Error('a marker resolved another file');
  return ((cpu.user + cpu.system) * 1e3) / markers.length;
}
console.log('\n## Vite markers while many records share a file name (index.ts), median of 3\n');
console.log('| records of other index.ts files | CPU ns per marker line | vs 1 record |');
console.log('|---:|---:|---:|');
markerCost(1);
const one = median([markerCost(1), markerCost(1), markerCost(1)]);
for (const sharing of [1, 100, 1000]) {
  const ns = sharing === 1 ? one : median([markerCost(sharing), markerCost(sharing), markerCost(sharing)]);
  console.log(
    `| ${sharing} | ${ns.toFixed(0)} | ${(ns / one).toFixed(2)}× (target ≈ 1×: ${verdict(ns / one < 2)}) |`,
  );
}
