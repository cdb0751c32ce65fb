// The TUI under a flood: brum's Ink UI in tmux (private socket, 200×50) on the Logs view while the
// `flood` script writes N lines and exits. The flood is started over MCP once the Logs view is showing,
// and timed by polling `scripts_status` until it finished. Measures lines/s, brum's CPU seconds
// (/proc/<pid>/stat of the pane's node process) and frames per second (Ink wraps every frame in a
// synchronized-update block, `ESC[?2026h` … `ESC[?2026l`, counted in the bytes tmux pipes out).
// Baseline in the same run: `brum run flood` headless, stdout to /dev/null. Modes alternate, 3 runs each.
// Targets: TUI lines/s ≥ 50% of headless; fps ≤ ~30.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, measure } from './lib/measure.mjs';
import { connectMcp } from './lib/mcp-client.mjs';
import { alive, cpuSeconds, freePort, groupAlive, signal, sleep, waitUntil } from './lib/proc.mjs';
import { median, quick, verdict } from './lib/stats.mjs';
import { Tmux } from './lib/tmux.mjs';

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const project = fileURLToPath(new URL('./project', import.meta.url));
const lines = Number(process.env.BENCH_TUI_LINES ?? (quick ? 300_000 : 2_000_000));
const RUNS = Number(process.env.BENCH_TUI_RUNS ?? (quick ? 1 : 3));
const MPROCS_REFERENCE = 93_000; // lines/s, from the issue; mprocs cannot be installed here
const FRAME_START = Buffer.from('\x1b[?2026h');
// Extra node flags for the TUI process only (profiling: `--cpu-prof --cpu-prof-dir=/tmp/p`), split on spaces.
const TUI_NODE_ARGS = (process.env.BENCH_TUI_NODE_ARGS ?? '').split(' ').filter(Boolean);

/** Occurrences of `needle` in `buf`. */
function count(buf, needle) {
  let n = 0;
  for (let i = buf.indexOf(needle); i !== -1; i = buf.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** The bytes appended to `file` since `offset`. */
function readFrom(file, offset) {
  const all = readFileSync(file);
  return all.subarray(Math.min(offset, all.length));
}

async function tool(client, name, args) {
  const r = await client.callTool({ name, arguments: args });
  if (r.isError) throw new Error(`${name} failed: ${JSON.stringify(r.content)}`);
  return r.structuredContent;
}

/** The flood in the TUI: returns seconds, CPU seconds, frames, terminal bytes, and sanity checks. */
async function runTui() {
  const dir = mkdtempSync(join(tmpdir(), 'brum-bench-tui-'));
  const out = join(dir, 'pane.out');
  const tmux = new Tmux('tui');
  const port = await freePort();
  const token = randomUUID();
  const url = `http://127.0.0.1:${port}/mcp`;
  let client;
  let brumPid;
  let group;
  try {
    tmux.start(
      [
        'env',
        '-u',
        'CI',
        'TERM=xterm-256color',
        `FLOOD_LINES=${lines}`,
        process.execPath,
        ...TUI_NODE_ARGS,
        main,
        '--dir',
        project,
        '-p',
        String(port),
        '--token',
        token,
      ],
      project,
      200,
      50,
    );
    tmux.pipeTo(out);
    brumPid = tmux.panePid(); // `env` execs node, so the pane's process is brum itself
    await waitUntil(() => tmux.screen().includes('Enter start'), 20_000, 'the Scripts view');
    tmux.key('3');
    await waitUntil(() => tmux.screen().includes('all processes'), 10_000, 'the Logs view');
    client = await connectMcp(url, token);
    await sleep(300); // let the UI settle: frames before the flood are not counted

    const offset = statSync(out).size;
    const cpu0 = cpuSeconds(brumPid);
    const t0 = performance.now();
    const started = await tool(client, 'scripts_run', { name: 'flood' });
    group = started.process.pid;
    const done = await waitUntil(
      async () => {
        const s = await tool(client, 'scripts_status', { name: 'flood' });
        const p = s.processes[0];
        return p && p.status !== 'running' && p.status !== 'pending' ? p : undefined;
      },
      600_000,
      'the flood to finish',
      50,
    );
    const wallS = (performance.now() - t0) / 1000;
    const cpuS = cpuSeconds(brumPid) - cpu0;
    const bytes = readFrom(out, offset);
    const page = await tool(client, 'logs_stream', { since: 0, limit: 1 });
    // The flood's last line as stored (its number is not `lines - 1`: the mix's error reports and URL
    // lines are counted separately from its request lines), looked for by its first 60 characters,
    // which the Logs view shows whole at 200 columns.
    const tail = await tool(client, 'logs_stream', { since: Math.max(0, page.latest_seq - 10), limit: 10 });
    const last =
      tail.lines
        .filter((l) => l.stream === 'stdout')
        .at(-1)
        ?.text.slice(0, 60) ?? '';
    const shown =
      last !== '' &&
      (await waitUntil(() => tmux.screen().includes(last), 5_000, 'the last line on screen').catch(
        () => false,
      ));
    return {
      wallS,
      processS: (done.ended_at - done.started_at) / 1000,
      status: done.status,
      cpuS,
      frames: count(bytes, FRAME_START),
      bytes: bytes.length,
      stored: page.latest_seq,
      shown,
      brumPid,
      group,
      tmux,
      client,
      dir,
    };
  } catch (error) {
    await client?.close().catch(() => {});
    tmux.kill();
    signal(brumPid, 'SIGKILL');
    if (group) signal(-group, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Quits with `q` and checks that nothing is left: brum gone, the flood's group gone, tmux server gone. */
async function quit(r) {
  await r.client.close().catch(() => {});
  r.tmux.key('q');
  const quitOk = await waitUntil(() => !alive(r.brumPid), 20_000, 'brum to quit').then(
    () => true,
    () => false,
  );
  r.tmux.kill();
  if (!quitOk) signal(r.brumPid, 'SIGKILL');
  const groupLeft = r.group !== undefined && groupAlive(r.group);
  if (groupLeft) signal(-r.group, 'SIGKILL');
  rmSync(r.dir, { recursive: true, force: true });
  return { quitOk, groupLeft };
}

console.log(
  `\n## TUI under a flood: ${lines.toLocaleString('en')} lines, 200×50 tmux, Logs view following; median of ${RUNS} alternating runs\n`,
);
const headless = [];
const tuis = [];
for (let i = 0; i < RUNS; i++) {
  headless.push(
    await measure(process.execPath, [main, 'run', 'flood', '--dir', project], {
      cwd: project,
      env: { FLOOD_LINES: String(lines) },
    }),
  );
  const r = await runTui();
  tuis.push({ ...r, ...(await quit(r)) });
}

const m = (xs, f) => median(xs.map(f));
const headlessRate = m(headless, (r) => lines / r.wallS);
const tuiRate = m(tuis, (r) => lines / r.wallS);
const fps = m(tuis, (r) => r.frames / r.wallS);
const runsOf = (xs) => xs.map((r) => fmt.rate(lines / r.wallS)).join(', ');
console.log(
  '| mode | lines/s | wall s | brum CPU s | CPU s per M lines | fps | terminal bytes/s | lines/s per run |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
console.log(
  `| brum run (headless, stdout → /dev/null) | ${fmt.rate(headlessRate)} | ${m(headless, (r) => r.wallS).toFixed(2)} | ${m(headless, (r) => r.cpuS).toFixed(2)} | ${m(headless, (r) => (r.cpuS / lines) * 1e6).toFixed(2)} | — | — | ${runsOf(headless)} |`,
);
console.log(
  `| brum TUI, Logs view | ${fmt.rate(tuiRate)} | ${m(tuis, (r) => r.wallS).toFixed(2)} | ${m(tuis, (r) => r.cpuS).toFixed(2)} | ${m(tuis, (r) => (r.cpuS / lines) * 1e6).toFixed(2)} | ${fps.toFixed(1)} | ${m(tuis, (r) => r.bytes / r.wallS / 1024).toFixed(0)} KiB/s | ${runsOf(tuis)} |`,
);
console.log(
  `| mprocs (reference from the issue, not measured here) | ${fmt.rate(MPROCS_REFERENCE)} | | | | | | |`,
);
console.log('');
const ratio = tuiRate / headlessRate;
console.log(
  `TUI vs headless: ${(ratio * 100).toFixed(0)}% of the lines/s (target ≥ 50%: ${verdict(ratio >= 0.5)})`,
);
console.log(
  `TUI frames: ${tuis.map((r) => r.frames).join(', ')} per run; median ${fps.toFixed(1)} fps (target ≤ ~30: ${verdict(fps <= 31)})`,
);
console.log(`TUI vs mprocs reference: ${fmt.x(tuiRate / MPROCS_REFERENCE)}`);
console.log(
  `notes: headless wall includes brum's own start and exit; TUI wall runs from scripts_run to the poll that saw the end ` +
    `(the process itself ran ${tuis.map((r) => r.processS.toFixed(2)).join(', ')} s); headless CPU includes start-up, TUI CPU covers the flood only.`,
);
const all = (f) => (tuis.every(f) ? 'yes' : 'NO');
console.log(
  `sanity: all ${lines.toLocaleString('en')} lines stored: ${all((r) => r.stored >= lines)}, flood succeeded: ${all((r) => r.status === 'succeeded')}, ` +
    `last line on screen: ${all((r) => r.shown)}, q quit brum: ${all((r) => r.quitOk)}, ` +
    `no flood group left: ${all((r) => !r.groupLeft)}, headless exit codes: ${headless.map((r) => r.code).join(', ')}`,
);
