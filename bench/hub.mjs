// The cost of agent activity and of the hub, each against a baseline measured in the same run.
//
// 1. Recording: two HTTP MCP servers over one engine in this process, one recording every call into an
//    AgentActivity and one not; the same client calls scripts_status and logs_stream on both, in
//    alternating blocks of 20, so both see the same machine. Reports p50/p99 per server and the ratio.
// 2. The hub: a real `brum --no-tui` for bench/project, called directly over HTTP (baseline) and
//    through `brum --mcp` started outside any project (stdio → hub → HTTP), alternating blocks.
//    Reports p50/p99 per path, the ratio, and the hub process's CPU seconds per 1000 calls.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { connectMcp } from './lib/mcp-client.mjs';
import { cpuSeconds, signal, waitUntil } from './lib/proc.mjs';
import { percentile, quick } from './lib/stats.mjs';

const dist = (p) => import(fileURLToPath(new URL(`../dist/${p}`, import.meta.url)));
const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const project = fileURLToPath(new URL('./project', import.meta.url));
const CALLS = Number(process.env.BENCH_MCP_CALLS ?? (quick ? 200 : 600));
const BLOCK = 20;

async function timed(client, name, args) {
  const t0 = process.hrtime.bigint();
  const r = await client.callTool({ name, arguments: args });
  if (r.isError) throw new Error(`${name} failed: ${JSON.stringify(r.content)}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** `calls` calls per client, alternating blocks; returns the times per client. */
async function alternate(clients, calls) {
  const times = clients.map(() => []);
  for (let done = 0; done < calls; done += BLOCK) {
    for (let c = 0; c < clients.length; c++) {
      for (let i = 0; i < BLOCK; i++) {
        const tool = i % 2 === 0 ? ['scripts_status', {}] : ['logs_stream', { since: 0, limit: 50 }];
        times[c].push(await timed(clients[c], ...tool));
      }
    }
  }
  return times;
}

const row = (label, t) =>
  `  ${label.padEnd(34)} p50 ${percentile(t, 50).toFixed(2)} ms  p99 ${percentile(t, 99).toFixed(2)} ms`;

async function recording() {
  const { BrumEngine } = await dist('core/engine/engine.js');
  const { discoverScripts } = await dist('core/scripts/discover.js');
  const { AgentActivity } = await dist('core/activity/activity.js');
  const { startHttpServer } = await dist('mcp/transports/http/http-server.js');
  const engine = new BrumEngine({ catalog: discoverScripts(project) });
  const plain = await startHttpServer({ engine, port: 0 });
  const activity = new AgentActivity();
  const recorded = await startHttpServer({ engine, port: 0, activity });
  const a = await connectMcp(plain.url, plain.token);
  const b = await connectMcp(recorded.url, recorded.token);
  try {
    await alternate([a, b], 40); // warm-up
    const [base, rec] = await alternate([a, b], CALLS);
    console.log(`hub: recording agent activity (${CALLS} calls each, alternating blocks of ${BLOCK})`);
    console.log(row('without recording (baseline)', base));
    console.log(row('recording every call', rec));
    console.log(
      `  ratio p50 ${(percentile(rec, 50) / percentile(base, 50)).toFixed(2)}×  p99 ${(percentile(rec, 99) / percentile(base, 99)).toFixed(2)}×  (${activity.calls().length} calls kept of ${activity.counts().total})`,
    );
  } finally {
    await a.close();
    await b.close();
    await plain.close();
    await recorded.close();
    await engine.shutdown();
  }
}

async function hub() {
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'brum-bench-hub-'));
  const outside = mkdtempSync(path.join(os.tmpdir(), 'brum-bench-outside-'));
  const env = { ...process.env, XDG_RUNTIME_DIR: runDir };
  const brum = spawn(process.execPath, [main, '--no-tui', '--quiet-mcp', '--dir', project, '-p', '0'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  brum.stderr.resume();
  const registry = path.join(runDir, 'brummer', 'instances');
  let direct;
  let viaHub;
  let hubPid;
  try {
    const entry = await waitUntil(
      () => {
        try {
          const file = readdirSync(registry).find((f) => f === `${brum.pid}.json`);
          return file ? JSON.parse(readFileSync(path.join(registry, file), 'utf8')) : undefined;
        } catch {
          return undefined;
        }
      },
      15_000,
      'brum registered',
    );
    direct = await connectMcp(entry.url, entry.token);
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [main, '--mcp'],
      cwd: outside,
      env,
      stderr: 'ignore',
    });
    viaHub = new Client({ name: 'bench', version: '1.0.0' });
    await viaHub.connect(transport);
    hubPid = transport.pid;
    await alternate([direct, viaHub], 40); // warm-up
    const cpu0 = cpuSeconds(hubPid);
    const [base, hubbed] = await alternate([direct, viaHub], CALLS);
    const cpu = cpuSeconds(hubPid) - cpu0;
    console.log(
      `hub: a call through brum --mcp from outside any project vs straight to the brum's HTTP (${CALLS} calls each)`,
    );
    console.log(row('direct HTTP (baseline)', base));
    console.log(row('stdio → hub → HTTP', hubbed));
    console.log(
      `  ratio p50 ${(percentile(hubbed, 50) / percentile(base, 50)).toFixed(2)}×  p99 ${(percentile(hubbed, 99) / percentile(base, 99)).toFixed(2)}×; hub CPU ${((cpu / CALLS) * 1000).toFixed(2)} s per 1000 calls`,
    );
  } finally {
    await viaHub?.close();
    await direct?.close();
    signal(brum.pid, 'SIGTERM');
    await waitUntil(
      () => (brum.exitCode !== null || brum.signalCode !== null ? true : undefined),
      15_000,
      'brum exit',
    );
    rmSync(runDir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
}

await recording();
await hub();
