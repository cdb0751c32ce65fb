// Issue 2 benchmark: a producer writes N realistic log lines (default 10 million) through
//   (a) `sh -c 'producer | cat > /dev/null'`   — the limit,
//   (b) `concurrently "node flood.mjs"`         — a peer tool that only prefixes and prints,
//   (c) `brum run flood`                        — stores, detects and prints.
// Prints lines/s, CPU seconds per million lines and peak RSS of the tool's own process, and ratios.
import { fileURLToPath } from 'node:url';
import { measure, fmt } from './lib/measure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const project = fileURLToPath(new URL('./project', import.meta.url));
const lines = Number(process.env.BENCH_LINES ?? 10_000_000);
const env = { FLOOD_LINES: String(lines) };
const concurrentlyBin = `${root}node_modules/concurrently/dist/bin/concurrently.js`;

console.log(`\n## Ingestion: ${lines.toLocaleString('en')} lines through each tool\n`);
const raw = await measure('sh', ['-c', 'node ../../test/fixtures/procs/flood.mjs | cat > /dev/null'], {
  cwd: project,
  env,
});
const conc = await measure(process.execPath, [concurrentlyBin, 'node ../../test/fixtures/procs/flood.mjs'], {
  cwd: project,
  env,
});
const brum = await measure(process.execPath, [`${root}dist/cli/main.js`, 'run', 'flood', '--dir', project], {
  cwd: project,
  env,
});
if (brum.code !== 0 || conc.code !== 0)
  console.log(`warning: exit codes brum=${brum.code} concurrently=${conc.code}`);

const row = (name, r, own) =>
  `| ${name.padEnd(22)} | ${fmt.rate(lines / r.wallS).padStart(8)} lines/s | ${r.wallS.toFixed(2).padStart(6)} s |` +
  (own
    ? ` ${((r.cpuS / lines) * 1e6).toFixed(3)} CPU s/M lines | ${fmt.mb(r.peakRss).padStart(7)} peak RSS |`
    : ' (producer + cat) |');
console.log(row('raw pipe (cat)', raw, false));
console.log(row('concurrently', conc, true));
console.log(row('brum run', brum, true));
console.log('');
console.log(`brum vs concurrently: ${fmt.x(conc.wallS / brum.wallS)} lines/s   (target ≥ 1.5×)`);
console.log(`brum vs raw pipe:     ${fmt.x(raw.wallS / brum.wallS)} of the pipe's lines/s`);
console.log(
  `brum CPU:             ${((brum.cpuS / lines) * 1e6).toFixed(3)} s per million lines (target ≤ 0.2)`,
);
console.log(`brum peak RSS:        ${fmt.mb(brum.peakRss)} (target ≤ 100 MB)`);
