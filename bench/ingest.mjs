// Engine at scale: a producer writes N lines of each bench text (bench/lib/mixes.mjs: access, hmr,
// errors, ansi; BENCH_MIX=a,b picks some) through
//   (a) `sh -c 'producer | cat > /dev/null'`   — the limit,
//   (b) `concurrently "node producer"`          — a peer tool that only prefixes and prints,
//   (c) `brum run flood`                        — stores, detects and prints.
// Prints, per mix, lines/s, CPU seconds per million lines and peak RSS of the tool's own process, and
// brum's ratios against the pipe and concurrently measured in the same run.
import { fileURLToPath } from 'node:url';
import { measure, fmt } from './lib/measure.mjs';
import { chosenMixes } from './lib/mixes.mjs';
import { quick, verdict } from './lib/stats.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const project = fileURLToPath(new URL('./project', import.meta.url));
const producer = '../lib/flood-producer.mjs';
const concurrentlyBin = `${root}node_modules/concurrently/dist/bin/concurrently.js`;
const base = Number(process.env.BENCH_LINES ?? (quick ? 1_000_000 : 10_000_000));
// The ansi mix averages ~500 bytes a line (long lines every 50): a fifth of the lines, similar bytes.
const linesFor = (mix) => (mix === 'ansi' ? Math.round(base / 5) : base);

const brumArgs = [`${root}dist/cli/main.js`, 'run', 'flood', '--dir', project];
// brum's fixed cost (start-up, module loading, shutdown) with a one-line flood: the per-line figures are
// printed with and without it, since at a few million lines it is a visible share of the total.
const startup = await measure(process.execPath, brumArgs, { cwd: project, env: { FLOOD_LINES: '1' } });
console.log(
  `\nbrum fixed cost (a one-line flood): ${startup.cpuS.toFixed(2)} CPU s, ${fmt.mb(startup.peakRss)} peak RSS`,
);

const summary = [];
for (const mix of chosenMixes()) {
  const lines = linesFor(mix);
  const env = { FLOOD_LINES: String(lines), FLOOD_MIX: mix };
  console.log(`\n## Ingestion, mix "${mix}": ${lines.toLocaleString('en')} lines through each tool\n`);
  const raw = await measure('sh', ['-c', `node ${producer} | cat > /dev/null`], { cwd: project, env });
  const conc = await measure(process.execPath, [concurrentlyBin, `node ${producer}`], { cwd: project, env });
  const brum = await measure(process.execPath, brumArgs, { cwd: project, env });
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
  const vsConc = conc.wallS / brum.wallS;
  const cpu = (brum.cpuS / lines) * 1e6;
  const cpuLines = (Math.max(0, brum.cpuS - startup.cpuS) / lines) * 1e6;
  console.log('');
  console.log(
    `brum vs concurrently: ${fmt.x(vsConc)} lines/s   (target ≥ 1.0×, aim 1.5×: ${verdict(vsConc >= 1)})`,
  );
  console.log(`brum vs raw pipe:     ${fmt.x(raw.wallS / brum.wallS)} of the pipe's lines/s`);
  console.log(
    `brum CPU:             ${cpu.toFixed(3)} s per million lines (target ≤ 0.2: ${verdict(cpu <= 0.2)}); ` +
      `${cpuLines.toFixed(3)} without the fixed cost`,
  );
  console.log(
    `brum peak RSS:        ${fmt.mb(brum.peakRss)} (target ≤ 100 MB: ${verdict(brum.peakRss <= 100 * 2 ** 20)})`,
  );
  summary.push({ mix, vsConc, vsPipe: raw.wallS / brum.wallS, cpu, cpuLines, rss: brum.peakRss });
}
if (summary.length > 1) {
  console.log(
    '\n| mix | brum/concurrently | brum/pipe | brum CPU s/M lines | same, without fixed cost | brum peak RSS |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const s of summary)
    console.log(
      `| ${s.mix} | ${fmt.x(s.vsConc)} | ${fmt.x(s.vsPipe)} | ${s.cpu.toFixed(3)} | ${s.cpuLines.toFixed(3)} | ${fmt.mb(s.rss)} |`,
    );
}
