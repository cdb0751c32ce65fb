// Loaded into the brum under test (`node --import brum-probe.mjs dist/cli/main.js …`) by the MCP
// latency benchmark: what brum's own process saw while the client measured, so a slow call can be told
// apart as "brum's event loop was blocked" (loop delay, GC pauses), "brum took long to answer" (time
// from the request to the end of its response, inside brum) or "the time went elsewhere" (the client,
// the OS scheduler). SIGUSR2 writes the figures gathered since the previous SIGUSR2 as JSON to the file
// BRUM_BENCH_PROBE names, then starts over. Nothing here changes what brum does.
import { writeFileSync } from 'node:fs';
import { Server } from 'node:http';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const out = process.env.BRUM_BENCH_PROBE;
const GC_KINDS = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental marking',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

/** The loop-delay timer's period; the histogram counts it in, so it is taken out of the figures. */
const RESOLUTION_MS = 2;

if (out) {
  const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  loop.enable();
  let gc = {};
  let answers = { tool: [], refused: [] };
  let cpu = process.cpuUsage();
  let seq = 0;

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
    };
    writeFileSync(out, JSON.stringify(report));
    loop.reset();
    gc = {};
    answers = { tool: [], refused: [] };
    cpu = process.cpuUsage();
  });
}
