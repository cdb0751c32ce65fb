// Issue 5: "keypress to visible change stays under ~50 ms while a process prints 100k lines/s".
// brum's TUI in tmux (200×50) with `paced` (100k lines/s) running; we press keys that switch views.
// Two figures per press: end to end (send-keys → the change visible in `capture-pane`, which includes
// tmux's own work and the polling), and inside brum (key read → first frame showing the new view
// written, from a preloaded hook, bench/lib/key-latency-hook.mjs). Baseline in the same run: the same
// presses with nothing running.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alive, signal, sleep, waitUntil } from './lib/proc.mjs';
import { percentile, quick, verdict } from './lib/stats.mjs';
import { Tmux } from './lib/tmux.mjs';

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const hook = fileURLToPath(new URL('./lib/key-latency-hook.mjs', import.meta.url));
const project = fileURLToPath(new URL('./project', import.meta.url));
const presses = quick ? 10 : 40;
// Start with a switch away from the initial view (Scripts, or Processes when a script was given).
const VIEWS = [
  { key: '3', shows: /all processes/ },
  { key: '2', shows: /NAME\s+STATUS|No processes yet/ },
];

async function measure(scripts) {
  const tmux = new Tmux('keys');
  const latencies = [];
  const dir = mkdtempSync(join(tmpdir(), 'brum-keys-'));
  const keylog = join(dir, 'keys.log');
  let brumPid;
  try {
    tmux.start(
      [
        'env',
        '-u',
        'CI',
        'TERM=xterm-256color',
        `BRUM_BENCH_KEYLOG=${keylog}`,
        process.execPath,
        '--import',
        hook,
        main,
        '--no-mcp',
        '--dir',
        project,
        ...scripts,
      ],
      project,
      200,
      50,
    );
    brumPid = tmux.panePid();
    await waitUntil(() => /Scripts|Processes/.test(tmux.screen()), 20_000, 'the TUI');
    await sleep(1000); // let the flood (if any) reach full rate
    for (let i = 0; i < presses; i++) {
      const view = VIEWS[i % VIEWS.length];
      const t0 = performance.now();
      tmux.key(view.key);
      await waitUntil(() => view.shows.test(tmux.screen()), 5_000, `view ${view.key}`, 1);
      latencies.push(performance.now() - t0);
      if (process.env.BENCH_TRACE) console.log(view.key, (performance.now() - t0).toFixed(1));
      await sleep(50);
    }
    tmux.key('q');
    await waitUntil(() => !alive(brumPid), 20_000, 'brum to quit').catch(() => signal(brumPid, 'SIGKILL'));
  } finally {
    tmux.kill();
  }
  const inside = readFileSync(keylog, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => Number(l.split(' ')[1]));
  rmSync(dir, { recursive: true, force: true });
  const stats = (v) => ({ p50: percentile(v, 50), p95: percentile(v, 95), max: Math.max(...v) });
  return { outside: stats(latencies), inside: stats(inside) };
}

console.log(`\n## TUI key latency: ${presses} view switches, 200×50 tmux (ms)\n`);
const idle = await measure([]);
const flood = await measure(['paced']);
const row = (state, where, v) =>
  `| ${state} | ${where} | ${v.p50.toFixed(1)} | ${v.p95.toFixed(1)} | ${v.max.toFixed(1)} |`;
console.log('| brum state | measured | p50 | p95 | max |');
console.log('| --- | --- | ---: | ---: | ---: |');
console.log(row('idle (baseline)', 'end to end (tmux)', idle.outside));
console.log(row('idle (baseline)', 'inside brum', idle.inside));
console.log(row('100k lines/s', 'end to end (tmux)', flood.outside));
console.log(row('100k lines/s', 'inside brum', flood.inside));
console.log('');
console.log(
  `p95 under 100k lines/s vs idle, end to end: ${(flood.outside.p95 / idle.outside.p95).toFixed(2)}×`,
);
console.log(
  `p95 under 100k lines/s: inside brum ${flood.inside.p95.toFixed(1)} ms (target ≤ ~50 ms: ${verdict(flood.inside.p95 <= 50)}), ` +
    `end to end through tmux ${flood.outside.p95.toFixed(1)} ms (${verdict(flood.outside.p95 <= 50)})`,
);
