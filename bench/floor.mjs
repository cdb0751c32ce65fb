// "How far is brum's per-line cost from the least a JavaScript tool must pay per line?" For each bench
// text (bench/lib/mixes.mjs; BENCH_MIX=a,b picks some), in 64 KiB chunks, in-process, CPU per line of:
//   floor: decode each chunk with one `toString`, split it into lines, run the detection prefilter once
//          per line (the least that can tell a line that may start an error report from one that
//          cannot), and print the lines (one prefix joined in, encoded into a reused buffer) — what any
//          tool that reads, looks at and prints every line pays, with nothing stored and nothing detected;
//   brum:  the same chunks through brum's own path, as child-output.ts and printer.ts drive it:
//          LineSplitter.pushBatch → OutputPipeline.ingest (log store, detection, URLs) →
//          LineFormatter.formatParts → encoding into a reused buffer.
// Each measurement in a fresh process (2 warm-up runs, then the median of 3); modes alternate, 3 processes
// each, medians of CPU time (process.cpuUsage: this thread and V8's GC helpers).
// Printed: both in ns per line, brum / floor, and issue 9's CPU target (0.2 CPU s per million lines, i.e.
// 200 ns a line, start-up included) against the floor. Process start, pipes and writes to a real fd are
// left out of both: they cost every tool the same.
import { isAscii } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { hasRareMarker, PREFILTER, PREFILTER_COMMON } from '../dist/core/detect/prefilter.js';
import { ErrorDetector } from '../dist/core/detect/detector.js';
import { UrlTracker } from '../dist/core/detect/urls.js';
import { OutputPipeline } from '../dist/core/engine/output-pipeline.js';
import { LineSplitter } from '../dist/core/logs/line-splitter.js';
import { LogStore } from '../dist/core/logs/log-store.js';
import { LineFormatter } from '../dist/cli/line-format.js';
import { feedChunks, toChunks } from './lib/flood-text.mjs';
import { chosenMixes, takeLines } from './lib/mixes.mjs';
import { collectGarbage, median, quick } from './lib/stats.mjs';

const base = Number(process.env.BENCH_FLOOR_LINES ?? (quick ? 300_000 : 1_000_000));
// The ansi mix averages ~500 bytes a line: a fifth of the lines, similar bytes (as in ingest.mjs).
const linesFor = (mix) => (mix === 'ansi' ? Math.round(base / 5) : base);
const RUNS = 3;
const WARMUP = 4;
const CHILDREN = 3;
const TARGET_NS = 200;
const LF = 0x0a;
/** A prefix like brum's (clock, label, bar), ASCII as brum keeps it. */
const PREFIX = '12:00:00 flood | ';
const out = Buffer.allocUnsafe(4 * 1024 * 1024);

/** Decode, split, prefilter, print: no storage, no detection. Returns lines seen and prefilter hits. */
function floor(chunks) {
  let carry = '';
  let lines = 0;
  let hits = 0;
  for (const chunk of chunks) {
    const last = chunk.lastIndexOf(LF);
    if (last === -1) {
      carry += chunk.toString('utf8');
      continue;
    }
    const text = chunk.toString('utf8', 0, last);
    const split = text.split('\n');
    if (carry !== '') split[0] = carry + split[0];
    carry = chunk.toString('utf8', last + 1);
    // As brum does: the common prefilter unless the chunk holds one of the rare markers.
    const prefilter = hasRareMarker(chunk) ? PREFILTER : PREFILTER_COMMON;
    for (let i = 0; i < split.length; i++) if (prefilter.test(split[i])) hits++;
    lines += split.length;
    const ascii = isAscii(chunk);
    let at = out.write(PREFIX, 0, 'latin1');
    at += out.write(split.join(`\n${PREFIX}`), at, ascii ? 'latin1' : 'utf8');
    out[at] = LF;
  }
  return { lines, hits };
}

// What the engine wires around OutputPipeline besides the printer, reduced to no-ops (as in detect.mjs).
const manager = { annotate() {}, get: () => undefined };
const readiness = { onLines() {}, onUrl() {} };

/** brum's path for the same chunks: the real pipeline, its `logs` events printed as printer.ts does. */
function brum(chunks) {
  const store = new LogStore();
  const detector = new ErrorDetector({ paths: { root: '/app', cwdOf: () => '/app' } });
  const formatter = new LineFormatter(false);
  const events = {
    emit(name, event) {
      if (name !== 'logs') return;
      const { parts, ascii } = formatter.formatParts(event.processId, 'flood', event.lines, event.joined);
      let at = 0;
      for (const part of parts) at += out.write(part, at, ascii ? 'latin1' : 'utf8');
    },
  };
  const pipeline = new OutputPipeline(store, detector, new UrlTracker(), manager, readiness, events);
  const lines = feedChunks(LineSplitter, chunks, (batch, truncated, source) =>
    pipeline.ingest('flood-1', 'stdout', batch, truncated, source),
  );
  return { lines, records: detector.list({ includeResolved: true, includeWarnings: true }).length };
}

/** CPU seconds of one run of `fn` over `chunks`, after a full GC. */
function cpuOf(fn, chunks) {
  collectGarbage();
  const cpu0 = process.cpuUsage();
  const result = fn(chunks);
  const cpu = process.cpuUsage(cpu0);
  return { seconds: (cpu.user + cpu.system) / 1e6, result };
}

// Each measurement runs in a fresh process: measured in one process, each mode ran up to 2× slower
// after a run of the other (heap size and GC heuristics left behind), which made the ratio meaningless.
if (process.argv[2] === '--child') {
  const [, , , mode, mix, total] = process.argv;
  const chunks = toChunks(takeLines(mix, Number(total)));
  const fn = mode === 'floor' ? floor : brum;
  for (let i = 0; i < WARMUP; i++) cpuOf(fn, chunks);
  const runs = [];
  let seen;
  for (let i = 0; i < RUNS; i++) {
    const r = cpuOf(fn, chunks);
    runs.push(r.seconds);
    seen = r.result;
  }
  process.stdout.write(JSON.stringify({ seconds: median(runs), lines: seen.lines }));
} else {
  const rows = [];
  for (const mix of chosenMixes()) {
    const total = linesFor(mix);
    const floorS = [];
    const brumS = [];
    for (let i = 0; i < CHILDREN; i++) {
      floorS.push(child('floor', mix, total).seconds);
      const b = child('brum', mix, total);
      if (b.lines !== total) throw new Error(`brum saw ${b.lines} lines of ${total}`);
      brumS.push(b.seconds);
    }
    rows.push({ mix, floorNs: (median(floorS) / total) * 1e9, brumNs: (median(brumS) / total) * 1e9 });
  }
  console.log(
    `\n## Per-line CPU against the JavaScript floor (${base.toLocaleString('en')} lines a mix, ansi a fifth; in-process, a fresh process per measurement, ${WARMUP} warm-up runs, median of ${RUNS} runs × ${CHILDREN} processes)\n`,
  );
  console.log('| mix | floor ns/line | brum ns/line | brum / floor | floor / issue 9 target (200 ns) |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.mix} | ${r.floorNs.toFixed(0)} | ${r.brumNs.toFixed(0)} | ${(r.brumNs / r.floorNs).toFixed(2)}× | ${(r.floorNs / TARGET_NS).toFixed(2)}× |`,
    );
  }
  console.log(
    '\nfloor: decode + split + prefilter + print, nothing stored or detected. A ratio of floor / target above 1× means no ' +
      'JavaScript design that looks at every line can meet 0.2 CPU s per M lines on that mix, before start-up and I/O.',
  );
}

/** One measurement in a fresh node (brum's own young-generation cap: 4 MiB semi-spaces). */
function child(mode, mix, total) {
  const out = execFileSync(
    process.execPath,
    ['--max-semi-space-size=4', fileURLToPath(import.meta.url), '--child', mode, mix, String(total)],
    { encoding: 'utf8', maxBuffer: 1024 * 1024 },
  );
  return JSON.parse(out);
}
