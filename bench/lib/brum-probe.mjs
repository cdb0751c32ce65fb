// Loaded into the brum under test (`node --import brum-probe.mjs dist/cli/main.js …`) by the MCP
// latency benchmark: what brum's own process saw while the client measured, so a slow call can be told
// apart as "brum's event loop was blocked" (loop delay, GC pauses), "brum took long to answer" (time
// from the request to the end of its response, inside brum) or "the time went elsewhere" (the client,
// the OS scheduler). SIGUSR2 writes the figures gathered since the previous SIGUSR2 as JSON to the file
// BRUM_BENCH_PROBE names, then starts over. Nothing here changes what brum does.
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { GCProfiler, getHeapSpaceStatistics, getHeapStatistics, writeHeapSnapshot } from 'node:v8';
import { Server } from 'node:http';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const out = process.env.BRUM_BENCH_PROBE;
// With BRUM_BENCH_HEAPPROF=<prefix>, each period also records a sampling allocation profile that keeps
// the objects GC collected (so short-lived garbage counts), written to <prefix>.<seq>.heapprofile
// (Chrome DevTools format). It costs CPU: figures taken with it are not latency figures.
const heapProfilePrefix = process.env.BRUM_BENCH_HEAPPROF;
const heapProfileLive = process.env.BRUM_BENCH_HEAPPROF_LIVE === '1';
let heapProfiler;
function startHeapProfile() {
  if (!heapProfilePrefix) return;
  heapProfiler ??= (() => {
    const session = new Session();
    session.connect();
    return session;
  })();
  heapProfiler.post('HeapProfiler.startSampling', {
    samplingInterval: 1024,
    // BRUM_BENCH_HEAPPROF_LIVE=1: only what is still on the heap when the period ends (what survived
    // or awaits a full GC in the old space), to find what per-call garbage gets promoted.
    includeObjectsCollectedByMajorGC: !heapProfileLive,
    includeObjectsCollectedByMinorGC: !heapProfileLive,
  });
}
function writeHeapProfile(seq) {
  if (!heapProfiler) return;
  heapProfiler.post('HeapProfiler.stopSampling', (error, result) => {
    if (!error) writeFileSync(`${heapProfilePrefix}.${seq}.heapprofile`, JSON.stringify(result.profile));
  });
}
const GC_KINDS = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental marking',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

/** The loop-delay timer's period; the histogram counts it in, so it is taken out of the figures. */
const RESOLUTION_MS = 2;
/** How often memory is sampled; the sample with the highest RSS is reported with its breakdown. */
const MEMORY_SAMPLE_MS = 25;

const MB = 2 ** 20;
/** `/proc/self/status` fields in MB (Linux; empty elsewhere). */
function procStatus() {
  try {
    const text = readFileSync('/proc/self/status', 'latin1');
    const field = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(text)?.[1] ?? 0) / 1024;
    return { rssAnon: field('RssAnon'), rssFile: field('RssFile'), hwm: field('VmHWM') };
  } catch {
    return {};
  }
}

/**
 * Where the RSS goes at its sampled peak: V8's spaces (committed physical size), array buffers
 * (slabs, pipe chunks), and the rest of the anonymous memory ("malloc": freed blocks glibc keeps,
 * compiler zones, libuv, OpenSSL…). The Node binary's mapped text is `rssFile`.
 */
function memorySample() {
  const m = process.memoryUsage();
  const spaces = {};
  for (const s of getHeapSpaceStatistics()) spaces[s.space_name] = s.physical_space_size / MB;
  const heap = Object.values(spaces).reduce((a, x) => a + x, 0);
  return {
    rss: m.rss / MB,
    heapUsed: m.heapUsed / MB,
    heapPhysical: heap,
    external: m.external / MB,
    arrayBuffers: m.arrayBuffers / MB,
    spaces,
  };
}

/**
 * Bytes allocated on V8's heap and bytes that survived scavenges between `startHeapCount()` and
 * `stopHeapCount()`, exactly (not sampled): V8's GC profiler reports the heap before and after every
 * GC, so allocated = used at the end − used at the start + Σ (used before − used after) over the GCs.
 * A scavenge's survivors are what it copied within the young generation plus what it promoted to the
 * old one. Deterministic for a given sequence of calls, whatever the machine's load.
 */
function startHeapCount() {
  const profiler = new GCProfiler();
  profiler.start();
  return { profiler, used0: getHeapStatistics().used_heap_size, old0: oldUsed() };
}

function oldUsed() {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'old_space').space_used_size;
}

function stopHeapCount({ profiler, used0, old0 }) {
  const oldGrowth = oldUsed() - old0;
  const used1 = getHeapStatistics().used_heap_size;
  const stats = profiler.stop()?.statistics ?? [];
  const space = (side, name) =>
    side.heapSpaceStatistics.find((s) => s.spaceName === name)?.spaceUsedSize ?? 0;
  let freed = 0;
  let scavenges = 0;
  let survived = 0;
  let promoted = 0;
  let majors = 0;
  for (const g of stats) {
    freed += g.beforeGC.heapStatistics.usedHeapSize - g.afterGC.heapStatistics.usedHeapSize;
    if (g.gcType === 'Scavenge') {
      scavenges++;
      const young = (side) => space(side, 'new_space') + space(side, 'new_large_object_space');
      const old = (side) => space(side, 'old_space') + space(side, 'large_object_space');
      const p = Math.max(0, old(g.afterGC) - old(g.beforeGC));
      promoted += p;
      survived += young(g.afterGC) + p;
    } else if (g.gcType === 'MarkSweepCompact') majors++;
  }
  return { allocated: used1 - used0 + freed, scavenges, survived, promoted, majors, oldGrowth };
}

if (out) {
  const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  loop.enable();
  let gc = {};
  let answers = { tool: [], refused: [] };
  let cpu = process.cpuUsage();
  let seq = 0;
  let heap = startHeapCount();
  startHeapProfile();
  let memory;
  const sampleMemory = () => {
    const sample = memorySample();
    if (memory === undefined || sample.rss > memory.rss) {
      const status = procStatus();
      memory = {
        ...sample,
        ...status,
        malloc: (status.rssAnon ?? 0) - sample.heapPhysical - sample.arrayBuffers,
      };
    }
  };
  setInterval(sampleMemory, MEMORY_SAMPLE_MS).unref();

  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = GC_KINDS[e.detail?.kind] ?? `kind ${e.detail?.kind}`;
      (gc[kind] ??= []).push(e.duration);
    }
  }).observe({ entryTypes: ['gc'] });

  // Time from a request's arrival (headers parsed) to the end of its response, inside brum.
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (event, req, res) {
    if (event === 'request' && res) {
      const t0 = performance.now();
      res.once('finish', () =>
        (res.statusCode === 401 ? answers.refused : answers.tool).push(performance.now() - t0),
      );
    }
    return emit.apply(this, arguments);
  };

  process.on('SIGUSR2', () => {
    const used = process.cpuUsage(cpu);
    const report = {
      seq: ++seq,
      // How late the loop came back to a timer due now: 0 for an idle loop, the longest block at max.
      loopDelayMs: {
        p50: Math.max(0, loop.percentile(50) / 1e6 - RESOLUTION_MS),
        p99: Math.max(0, loop.percentile(99) / 1e6 - RESOLUTION_MS),
        max: Math.max(0, loop.max / 1e6 - RESOLUTION_MS),
      },
      gc,
      answers,
      cpuSeconds: (used.user + used.system) / 1e6,
      memoryAtPeak: memory,
      heap: stopHeapCount(heap),
    };
    writeHeapProfile(report.seq);
    // BRUM_BENCH_SNAPSHOT=<prefix>: a heap snapshot at the end of each period (what is still reachable).
    if (process.env.BRUM_BENCH_SNAPSHOT)
      writeHeapSnapshot(`${process.env.BRUM_BENCH_SNAPSHOT}.${report.seq}.heapsnapshot`);
    writeFileSync(out, JSON.stringify(report));
    loop.reset();
    gc = {};
    answers = { tool: [], refused: [] };
    cpu = process.cpuUsage();
    memory = undefined;
    heap = startHeapCount();
    startHeapProfile();
  });
}
