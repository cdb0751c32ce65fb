// A/B of detection between two builds in ONE process, runs interleaved (A, B, A, B, …), so both see
// the same machine load: `node bench/lib/ab-detect.mjs <dist-A> <dist-B>` (paths to two `dist/`
// folders, e.g. a checkout of main built in a temporary folder and this tree's dist). Per mix
// (BENCH_MIX, default hmr,errors): CPU seconds of the real OutputPipeline.ingest over the same
// chunks, median of BENCH_RUNS (default 5) per build, and B/A.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { feedChunks, toChunks } from './flood-text.mjs';
import { chosenMixes, takeLines } from './mixes.mjs';
import { collectGarbage, median } from './stats.mjs';

const [distA, distB] = process.argv.slice(2).map((p) => pathToFileURL(resolve(p)).href);
if (!distA || !distB) throw new Error('usage: node bench/lib/ab-detect.mjs <dist-A> <dist-B>');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LINES = Number(process.env.BENCH_LINES ?? 300_000);

async function load(dist) {
  const [{ ErrorDetector }, { UrlTracker }, { LineSplitter }, { LogStore }, { OutputPipeline }] =
    await Promise.all([
      import(`${dist}/core/detect/detector.js`),
      import(`${dist}/core/detect/urls.js`),
      import(`${dist}/core/logs/line-splitter.js`),
      import(`${dist}/core/logs/log-store.js`),
      import(`${dist}/core/engine/output-pipeline.js`),
    ]);
  return { ErrorDetector, UrlTracker, LineSplitter, LogStore, OutputPipeline };
}

const manager = { annotate() {}, get: () => undefined };
const readiness = { onLines() {}, onUrl() {} };
const events = { emit() {} };

function run(m, chunks) {
  // As in brum: records' files are made relative to a project root (issue 11's paths).
  const detector = new m.ErrorDetector({ paths: { root: '/app', cwdOf: () => '/app' } });
  const pipeline = new m.OutputPipeline(
    new m.LogStore(),
    detector,
    new m.UrlTracker(),
    manager,
    readiness,
    events,
  );
  collectGarbage();
  const cpu0 = process.cpuUsage();
  feedChunks(m.LineSplitter, chunks, (lines, truncated, source) =>
    pipeline.ingest('flood-1', 'stdout', lines, truncated, source),
  );
  pipeline.applyDetection('flood-1', detector.flush('flood-1'));
  const cpu = process.cpuUsage(cpu0);
  return {
    seconds: (cpu.user + cpu.system) / 1e6,
    records: detector.list({ includeResolved: true, includeWarnings: true }).length,
  };
}

const [A, B] = [await load(distA), await load(distB)];
for (const mix of chosenMixes()) {
  const chunks = toChunks(takeLines(mix, LINES));
  run(A, chunks.slice(0, 100));
  run(B, chunks.slice(0, 100));
  const a = [];
  const b = [];
  let found;
  for (let i = 0; i < RUNS; i++) {
    a.push(run(A, chunks).seconds);
    const r = run(B, chunks);
    b.push(r.seconds);
    found = r.records;
  }
  const ns = (s) => ((median(s) / LINES) * 1e9).toFixed(0);
  console.log(
    `${mix}: A ${median(a).toFixed(3)} CPU s (${ns(a)} ns/line), B ${median(b).toFixed(3)} CPU s (${ns(b)} ns/line), ` +
      `B/A ${(median(b) / median(a)).toFixed(3)}; runs A ${a.map((x) => x.toFixed(2)).join(' ')} | B ${b.map((x) => x.toFixed(2)).join(' ')}; B found ${found} records`,
  );
}
