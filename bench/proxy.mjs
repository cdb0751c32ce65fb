// The reverse proxy's cost (issue 13): requests/s and p50/p99 latency through the proxy vs directly to
// the same upstream (the fixture dev server in a child process; the proxy in another child), measured
// with autocannon in this process, direct and proxied alternating, every figure a ratio from the same
// run. Then the cost of injecting the page client into a 1 MiB HTML page (gzip, brotli, identity):
// the same page fetched through the proxy as a navigation (decoded, injected, sent as identity) vs as
// a plain fetch (streamed untouched). CPU seconds of the proxy and upstream children come from /proc.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { median, percentile, quick, verdict } from './lib/stats.mjs';

const SECONDS = Number(process.env.BENCH_PROXY_SECONDS ?? (quick ? 3 : 8));
const ROUNDS = quick ? 1 : 2;
const CONNECTIONS = 10;
const DOC_REQUESTS = quick ? 20 : 60;
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** Starts a node child and resolves with it and the first number it prints (its port). */
function child(script, args) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [fileURLToPath(new URL(script, import.meta.url)), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /(\d{2,5})/.exec(out.split('localhost:').at(-1) ?? out);
      if (/\n/.test(out) && m) resolve({ proc, port: Number(m[1]) });
    });
    proc.on('exit', (code) => reject(new Error(`${script} exited with ${code}: ${out}`)));
  });
}

function load(url, headers = {}) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

function fetchOnce(url, headers) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(url, { headers, agent: false }, (res) => {
      let bytes = 0;
      res.on('data', (c) => (bytes += c.length));
      res.on('end', () => resolve({ ms: performance.now() - t0, bytes, status: res.statusCode }));
    });
    req.on('error', reject);
    req.end();
  });
}

const upstream = await child('../test/fixtures/web/upstream.mjs', ['0']);
const proxy = await child('./lib/proxy-server.mjs', [`http://127.0.0.1:${upstream.port}`]);
const direct = `http://127.0.0.1:${upstream.port}`;
const proxied = `http://127.0.0.1:${proxy.port}`;
const f = (n, d = 0) => n.toFixed(d);

try {
  // /json: a trivial upstream (the proxy then does as much work per request as the upstream, or more);
  // /delay: an upstream that waits 2 ms per response, like a dev server transforming a module.
  for (const path of ['/json', '/delay?ms=2']) {
    console.log(`\n## proxy: ${path}, ${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} round(s)`);
    const pairs = [];
    for (let round = 0; round < ROUNDS; round++) {
      const u0 = cpuSeconds(upstream.proc.pid);
      const d = await load(`${direct}${path}`);
      const upstreamCpu = cpuSeconds(upstream.proc.pid) - u0;
      const cpu0 = cpuSeconds(proxy.proc.pid);
      const p = await load(`${proxied}${path}`);
      const proxyCpu = cpuSeconds(proxy.proc.pid) - cpu0;
      pairs.push({ d, p });
      console.log(
        `round ${round + 1}: direct ${f(d.requests.average)} req/s p50 ${d.latency.p50} ms p99 ${d.latency.p99} ms | ` +
          `proxied ${f(p.requests.average)} req/s p50 ${p.latency.p50} ms p99 ${p.latency.p99} ms | ` +
          `ratio ${f(p.requests.average / d.requests.average, 2)}× | CPU per request: upstream ${f((upstreamCpu / d.requests.total) * 1e6)} µs, proxy ${f((proxyCpu / p.requests.total) * 1e6)} µs`,
      );
    }
    const ratio = median(pairs.map((x) => x.p.requests.average / x.d.requests.average));
    const addedP50 = median(pairs.map((x) => x.p.latency.p50 - x.d.latency.p50));
    const addedP99 = median(pairs.map((x) => x.p.latency.p99 - x.d.latency.p99));
    console.log(
      `${path}: throughput through the proxy ${f(ratio, 2)}× direct (target ≥ 0.8×: ${verdict(ratio >= 0.8)})`,
    );
    console.log(
      `${path}: added latency p50 +${f(addedP50, 1)} ms (target < 2 ms: ${verdict(addedP50 < 2)}), p99 +${f(addedP99, 1)} ms`,
    );
  }

  console.log(
    `\n## injecting into a 1 MiB HTML page: ${DOC_REQUESTS} sequential requests each, through the proxy`,
  );
  const navigation = {
    accept: 'text/html',
    'sec-fetch-dest': 'document',
    'accept-encoding': 'gzip, deflate, br',
  };
  const plain = { accept: 'text/html', 'sec-fetch-dest': 'empty', 'accept-encoding': 'gzip, deflate, br' };
  for (const enc of ['gzip', 'br', 'identity']) {
    const url = `${proxied}/big.html?enc=${enc}`;
    const times = { plain: [], injected: [] };
    let injectedBytes = 0;
    let cpuInjected = 0;
    let cpuPlain = 0;
    for (let i = 0; i < DOC_REQUESTS; i++) {
      let c0 = cpuSeconds(proxy.proc.pid);
      times.plain.push((await fetchOnce(url, plain)).ms);
      cpuPlain += cpuSeconds(proxy.proc.pid) - c0;
      c0 = cpuSeconds(proxy.proc.pid);
      const r = await fetchOnce(url, navigation);
      cpuInjected += cpuSeconds(proxy.proc.pid) - c0;
      times.injected.push(r.ms);
      injectedBytes = r.bytes;
    }
    const p50 = { plain: percentile(times.plain, 50), injected: percentile(times.injected, 50) };
    console.log(
      `${enc.padEnd(8)} untouched p50 ${f(p50.plain, 2)} ms · injected p50 ${f(p50.injected, 2)} ms ` +
        `(+${f(p50.injected - p50.plain, 2)} ms, ${f(p50.injected / p50.plain, 2)}×; sent ${injectedBytes} bytes identity) · ` +
        `proxy CPU ${f((cpuPlain / DOC_REQUESTS) * 1000, 1)} → ${f((cpuInjected / DOC_REQUESTS) * 1000, 1)} ms/page`,
    );
  }
} finally {
  proxy.proc.kill();
  upstream.proc.kill();
}
