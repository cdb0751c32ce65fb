// MCP latency under an output flood: one `brum --no-tui` (headless, output to /dev/null) with its MCP
// HTTP server; the SDK client calls `scripts_status` and `logs_stream` (cursor following) alternately,
// one at a time, N times each: the first 30 rounds after brum starts (cold), then, after a warm-up,
// with no process running (baseline), then with four scripts
// flooding output at full speed, then once more with the floods stopped but the store full. Each round
// also times a request brum refuses (no token), a probe of its event loop without MCP work. Reports
// p50/p90/p99/max and the flood's aggregate lines/s (from `latest_seq`). Target: p99 ≤ 10 ms under flood,
// with the floods drained at ≥ 1M lines/s in total (a latency figure with starved floods means nothing).
// The floods print the bench text BENCH_MIX names (one of bench/lib/mixes.mjs; default access).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt } from './lib/measure.mjs';
import { connectMcp } from './lib/mcp-client.mjs';
import { alive, cpuSeconds, freePort, groupAlive, peakRss, signal, sleep, waitUntil } from './lib/proc.mjs';
import { MIXES } from './lib/mixes.mjs';
import { percentile, quick, verdict } from './lib/stats.mjs';

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
// Inside brum: loop delay, GC pauses and the time from request to response (lib/brum-probe.mjs).
// BENCH_BRUM_PROBE=0 measures without it.
const brumProbe = fileURLToPath(new URL('./lib/brum-probe.mjs', import.meta.url));
const PROBE = process.env.BENCH_BRUM_PROBE !== '0';
const probeDir = mkdtempSync(join(tmpdir(), 'brum-bench-probe-'));
const probeFile = join(probeDir, 'probe.json');
const project = fileURLToPath(new URL('./project', import.meta.url));
const CALLS = Number(process.env.BENCH_MCP_CALLS ?? (quick ? 100 : 300));
const COLD_CALLS = 30;
const WARMUP_CALLS = Number(process.env.BENCH_MCP_WARMUP ?? (quick ? 100 : 500));
const ALLOC_CALLS = Number(process.env.BENCH_MCP_ALLOC_CALLS ?? 1000);
// BENCH_MCP_ALLOC_ONLY=1: only the idle rounds and the allocation figures (quick, for iterating).
const ALLOC_ONLY = process.env.BENCH_MCP_ALLOC_ONLY === '1';
const FLOODS = ['flood1', 'flood2', 'flood3', 'flood4'];
const MIX = (process.env.BENCH_MIX ?? 'access').split(',')[0];
if (!MIXES.includes(MIX)) throw new Error(`BENCH_MIX: unknown mix ${MIX}; known: ${MIXES.join(', ')}`);

/** Calls a tool and returns [ms, structuredContent]; a tool error is a benchmark error. */
async function call(client, name, args) {
  const t0 = process.hrtime.bigint();
  const r = await client.callTool({ name, arguments: args });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.isError) throw new Error(`${name} failed: ${JSON.stringify(r.content)}`);
  return [ms, r.structuredContent];
}

/**
 * Time of one request brum refuses before any MCP work (no token: 401): how long brum's event loop takes
 * to get to a request at all, whatever the tool does.
 */
async function probe(url) {
  const t0 = process.hrtime.bigint();
  const res = await fetch(url, {
    method: 'POST',
    body: '{}',
    headers: { 'content-type': 'application/json' },
  });
  await res.arrayBuffer();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/**
 * What brum's own process saw since the previous call (lib/brum-probe.mjs): asks for it with SIGUSR2
 * and reads the file it writes; undefined without the probe.
 */
let probeSeq = 0;
async function inside(pid) {
  if (!PROBE) return undefined;
  signal(pid, 'SIGUSR2');
  const want = ++probeSeq;
  return waitUntil(
    () => {
      try {
        const r = JSON.parse(readFileSync(probeFile, 'utf8'));
        return r.seq === want ? r : undefined;
      } catch {
        return undefined; // not written yet, or half written
      }
    },
    5000,
    "brum's probe figures",
    10,
  );
}

/**
 * `calls` rounds of scripts_status + logs_stream + a refused request (event-loop probe). The stream
 * cursor follows `next_cursor`, from the newest line (`from: 'latest'`) or from the oldest kept one.
 */
async function measureRound(client, url, pid, calls, from = 'latest') {
  const status = [];
  const stream = [];
  const refused = [];
  let [, page] = await call(client, 'logs_stream', { since: 0, limit: 1 });
  let cursor = from === 'latest' ? page.latest_seq : 0;
  const seq0 = page.latest_seq;
  await inside(pid); // starts brum's own figures afresh
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  let lines = 0;
  let gaps = 0;
  for (let i = 0; i < calls; i++) {
    const [ms1] = await call(client, 'scripts_status', {});
    status.push(ms1);
    const [ms2, p] = await call(client, 'logs_stream', { since: cursor });
    stream.push(ms2);
    page = p;
    cursor = p.next_cursor;
    lines += p.lines.length;
    if (p.gap) gaps++;
    refused.push(await probe(url));
  }
  const seconds = (performance.now() - t0) / 1000;
  const brumSide = await inside(pid);
  return {
    brumSide,
    status,
    stream,
    refused,
    linesPerCall: lines / calls,
    gaps,
    floodRate: (page.latest_seq - seq0) / seconds,
    cpuShare: (cpuSeconds(pid) - cpu0) / seconds,
  };
}

/**
 * Heap bytes brum allocates per call of one kind, and what survives its scavenges (lib/brum-probe.mjs
 * counts them exactly through V8's GC profiler): `calls` calls of `name` alone (`undefined`: refused
 * requests), after `warm` unmeasured ones. Deterministic for a given build, whatever the machine's load.
 */
async function allocationOf(client, pid, name, calls, warm = 50) {
  let [, page] = await call(client, 'logs_stream', { since: 0, limit: 1 });
  let cursor = page.latest_seq;
  const once = async () => {
    if (name === undefined) return probe(url);
    if (name === 'logs_stream') {
      const [, p] = await call(client, name, { since: cursor });
      cursor = p.next_cursor;
      return;
    }
    await call(client, name, {});
  };
  for (let i = 0; i < warm; i++) await once();
  await inside(pid);
  for (let i = 0; i < calls; i++) await once();
  const { heap } = await inside(pid);
  return {
    kbPerCall: heap.allocated / calls / 1024,
    survivedKbPerCall: heap.survived / calls / 1024,
    promotedKbPerCall: heap.promoted / calls / 1024,
    scavengesPer1000: (heap.scavenges / calls) * 1000,
    majors: heap.majors,
  };
}

function printAllocation(allocation) {
  console.log(
    `\n### Heap allocation inside brum per idle call (${ALLOC_CALLS} calls each, exact: V8's GC profiler)\n`,
  );
  console.log(
    '| call | KB allocated per call | KB surviving a scavenge per call | of which promoted | scavenges per 1,000 calls | full GCs |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [label, a] of allocation) {
    console.log(
      `| ${label} | ${a.kbPerCall.toFixed(1)} | ${a.survivedKbPerCall.toFixed(2)} | ${a.promotedKbPerCall.toFixed(2)} | ${a.scavengesPer1000.toFixed(1)} | ${a.majors} |`,
    );
  }
}

/** Closes `client` and connects a new one (see the idle round). */
async function reconnect(client) {
  await client.close();
  return connectMcp(url, token);
}

const port = await freePort();
const url = `http://127.0.0.1:${port}/mcp`;
const token = randomUUID();
const brum = spawn(
  process.execPath,
  [
    ...(PROBE ? ['--import', brumProbe] : []),
    // Node flags for the brum under test, space-separated (diagnosis, e.g. a larger old generation).
    ...(process.env.BENCH_BRUM_NODE_ARGS ?? '').split(' ').filter(Boolean),
    main,
    '--no-tui',
    '--dir',
    project,
    '-p',
    String(port),
    '--token',
    token,
  ],
  {
    cwd: project,
    // The floods inherit brum's environment: FLOOD_MIX picks their text.
    env: { ...process.env, FLOOD_MIX: MIX, ...(PROBE ? { BRUM_BENCH_PROBE: probeFile } : {}) },
    stdio: ['ignore', 'ignore', 'pipe'],
  },
);
let stderr = '';
brum.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
const groups = new Set();
const killAll = () => {
  signal(brum.pid, 'SIGKILL');
  for (const g of groups) signal(-g, 'SIGKILL');
};
process.on('exit', killAll);
let client;
try {
  // The labelled block lets BENCH_MCP_ALLOC_ONLY stop after the idle figures (and still clean up).
  measure: {
    client = await connectMcp(url, token);

    // The first calls after start run brum's request path cold (lazy compilation, JIT tiers): measured
    // on their own, then a warm-up long enough for the idle figure to be brum's steady state (30 rounds
    // left ~30% more CPU per call in the idle measurement than 600 did).
    const cold = await measureRound(client, url, brum.pid, COLD_CALLS);
    await measureRound(client, url, brum.pid, WARMUP_CALLS);
    // A fresh client for every measured round: on Node 20, the SDK client's transport adds an abort
    // listener to its one long-lived signal per request (`AbortSignal.any`, released only when that
    // signal is collected), so after ~1,500 calls the client itself slows down and grows, and the
    // latency it reports is partly its own.
    client = await reconnect(client);
    const idle = await measureRound(client, url, brum.pid, CALLS);
    const allocation = [];
    if (PROBE) {
      for (const [label, name] of [
        ['scripts_status', 'scripts_status'],
        ['logs_stream (following, no new lines)', 'logs_stream'],
        ['refused request (401)', undefined],
      ]) {
        client = await reconnect(client);
        allocation.push([label, await allocationOf(client, brum.pid, name, ALLOC_CALLS)]);
      }
      if (ALLOC_ONLY) {
        printAllocation(allocation);
        break measure;
      }
    }

    for (const name of FLOODS) {
      const [, r] = await call(client, 'scripts_run', { name });
      if (r.process.pid) groups.add(r.process.pid);
    }
    await sleep(1500); // past the start-up of npm and node: measure the steady flood
    client = await reconnect(client);
    const [, before] = await call(client, 'scripts_status', {});
    const running = before.processes.filter((p) => p.status === 'running').length;
    for (const p of before.processes) if (p.pid) groups.add(p.pid);
    const flood = await measureRound(client, url, brum.pid, CALLS);
    const [, after] = await call(client, 'scripts_status', {});
    const floodRss = peakRss(brum.pid) ?? 0;
    const stillRunning = after.processes.filter((p) => p.status === 'running').length;
    // Same calls once the floods are stopped but the store is full: logs_stream pages of 200 lines
    // again, without the contention, which separates the cost of a full page from that of the flood.
    for (const name of FLOODS) await call(client, 'scripts_stop', { name });
    client = await reconnect(client);
    const full = await measureRound(client, url, brum.pid, CALLS, 'oldest');

    const cell = (xs) =>
      [50, 90, 99].map((p) => percentile(xs, p).toFixed(2)).join(' | ') + ` | ${Math.max(...xs).toFixed(2)}`;
    console.log(
      `\n## MCP latency: ${CALLS} calls of each tool, sequential, over HTTP (ms), after ${WARMUP_CALLS} warm-up rounds; floods print mix "${MIX}"\n`,
    );
    console.log('| brum state | tool | p50 | p90 | p99 | max |');
    console.log('| --- | --- | ---: | ---: | ---: | ---: |');
    console.log(`| first ${COLD_CALLS} calls after start (cold) | scripts_status | ${cell(cold.status)} |`);
    console.log(`| first ${COLD_CALLS} calls after start (cold) | logs_stream | ${cell(cold.stream)} |`);
    console.log(`| idle (baseline) | scripts_status | ${cell(idle.status)} |`);
    console.log(`| idle (baseline) | logs_stream | ${cell(idle.stream)} |`);
    console.log(`| idle (baseline) | refused request (401) | ${cell(idle.refused)} |`);
    console.log(`| 4 floods | scripts_status | ${cell(flood.status)} |`);
    console.log(`| 4 floods | logs_stream | ${cell(flood.stream)} |`);
    console.log(`| 4 floods | refused request (401) | ${cell(flood.refused)} |`);
    console.log(`| stopped, store full | scripts_status | ${cell(full.status)} |`);
    console.log(`| stopped, store full | logs_stream | ${cell(full.stream)} |`);
    console.log('');
    const p99 = Math.max(percentile(flood.status, 99), percentile(flood.stream, 99));
    for (const tool of ['status', 'stream']) {
      const ratio = percentile(flood[tool], 99) / percentile(idle[tool], 99);
      console.log(
        `p99 under flood vs idle, ${tool === 'status' ? 'scripts_status' : 'logs_stream'}: ${fmt.x(ratio)}`,
      );
    }
    console.log(`worst p99 under flood: ${p99.toFixed(2)} ms (target ≤ 10 ms: ${verdict(p99 <= 10)})`);
    const idleP99 = Math.max(percentile(idle.status, 99), percentile(idle.stream, 99));
    console.log(`worst p99 idle: ${idleP99.toFixed(2)} ms (target ≤ 5 ms: ${verdict(idleP99 <= 5)})`);
    console.log(
      `flood during the measurement: ${fmt.rate(flood.floodRate)} lines/s aggregate from ${running} running floods ` +
        `(${stillRunning} still running at the end); brum CPU ${(flood.cpuShare * 100).toFixed(0)}% of a core ` +
        `(idle: ${(idle.cpuShare * 100).toFixed(0)}%)`,
    );
    console.log(
      `brum peak RSS with 4 floods: ${fmt.mb(floodRss)} (target ≤ 150 MB: ${verdict(floodRss <= 150 * 2 ** 20)})`,
    );
    console.log(
      `flood rate during the measurement ≥ 1M lines/s (else the latency figure is not the target's): ` +
        verdict(flood.floodRate >= 1e6),
    );
    if (PROBE) {
      console.log('\n### Inside brum during the same calls (lib/brum-probe.mjs)\n');
      console.log(
        '| brum state | request → response end (tool calls) p50 / p99 | refused (401) p50 / p99 | loop delay p50 / p99 / max | GC pauses: count, total, max by kind | brum CPU s |',
      );
      console.log('| --- | --- | --- | --- | --- | ---: |');
      for (const [label, r] of [
        ['idle', idle],
        ['4 floods', flood],
        ['stopped, store full', full],
      ]) {
        const b = r.brumSide;
        const pp = (xs) =>
          xs.length ? `${percentile(xs, 50).toFixed(2)} / ${percentile(xs, 99).toFixed(2)}` : '–';
        const gc = Object.entries(b.gc)
          .map(
            ([kind, xs]) =>
              `${kind} ${xs.length}, ${xs.reduce((a, x) => a + x, 0).toFixed(0)} ms, max ${Math.max(...xs).toFixed(1)}`,
          )
          .join('; ');
        const d = b.loopDelayMs;
        console.log(
          `| ${label} | ${pp(b.answers.tool)} | ${pp(b.answers.refused)} | ${d.p50.toFixed(2)} / ${d.p99.toFixed(2)} / ${d.max.toFixed(1)} | ${gc || 'none'} | ${b.cpuSeconds.toFixed(2)} |`,
        );
      }
      console.log(
        '\n| brum state | sampled peak RSS | Node binary (file) | V8 new / old / code+large+other (MB) | array buffers | malloc & rest (anon − heap − buffers) |',
      );
      console.log('| --- | ---: | ---: | --- | ---: | ---: |');
      for (const [label, r] of [
        ['idle', idle],
        ['4 floods', flood],
        ['stopped, store full', full],
      ]) {
        const m = r.brumSide.memoryAtPeak;
        if (!m) continue;
        const sp = m.spaces;
        const newSpace = (sp.new_space ?? 0) + (sp.new_large_object_space ?? 0);
        const old = sp.old_space ?? 0;
        const rest = m.heapPhysical - newSpace - old;
        console.log(
          `| ${label} | ${m.rss.toFixed(0)} MB | ${(m.rssFile ?? 0).toFixed(0)} | ${newSpace.toFixed(0)} / ${old.toFixed(0)} / ${rest.toFixed(0)} | ${m.arrayBuffers.toFixed(0)} | ${m.malloc.toFixed(0)} |`,
        );
      }
      printAllocation(allocation);
      console.log(
        '\nloop delay: how late brum came back to a timer that was due (0 when its loop is free). A call slow ' +
          'outside brum but not inside it lost its time to the client or the OS scheduler.\n',
      );
    }
    console.log(
      `logs_stream under flood returned ${flood.linesPerCall.toFixed(0)} lines per call (default limit 200), ` +
        `${flood.gaps} of ${CALLS} pages reported a gap (the cursor fell behind eviction); ` +
        `stopped, store full: ${full.linesPerCall.toFixed(0)} lines per call`,
    );
  }
} catch (error) {
  console.log(`mcp-latency failed: ${error instanceof Error ? error.message : String(error)}\n${stderr}`);
  process.exitCode = 1;
} finally {
  await client?.close().catch(() => {});
  signal(brum.pid, 'SIGTERM');
  await waitUntil(() => !alive(brum.pid), 15_000, 'brum to exit').catch(() => signal(brum.pid, 'SIGKILL'));
  const left = [...groups].filter(groupAlive);
  if (left.length > 0) {
    console.log(`warning: process groups ${left.join(', ')} outlived brum; killing them`);
    for (const g of left) signal(-g, 'SIGKILL');
  }
  process.off('exit', killAll);
  rmSync(probeDir, { recursive: true, force: true });
}
