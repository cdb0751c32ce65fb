// Token guessing (issue 10 §4): how many wrong tokens per second an attacker gets compared, and
// whether clients that hold the right token are slowed meanwhile. For each limiter mode ('off' = no
// limit, as before the fix; 'on' = the defaults) a server child (bench/lib/auth-server.mjs) is
// measured three ways, each for the same duration:
//   1. valid: right-token pings, 8 in parallel over kept-alive connections (the baseline rate);
//   2. guesses: wrong-token pings, 64 in parallel, each on a new connection (a refused request
//      closes its connection); a 401 is a compared guess, a 429 was refused without comparing;
//   3. both at once: the valid rate while under attack.
// Figures are ratios to the valid rate measured in the same run, on the same machine.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { fmt } from './lib/measure.mjs';
import { quick } from './lib/stats.mjs';

const SECONDS = Number(process.env.BENCH_AUTH_SECONDS ?? (quick ? 2 : 5));
const PING = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
const serverScript = fileURLToPath(new URL('./lib/auth-server.mjs', import.meta.url));

function post(url, token, agent) {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-protocol-version': '2025-06-18',
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve('error'));
      },
    );
    req.on('error', () => resolve('error'));
    req.end(PING);
  });
}

/**
 * Runs `parallel` loops of `once()` until the deadline; counts each outcome, and `seconds` from the
 * start until the last answer (requests that waited in the limiter's queue finish after the deadline).
 */
async function loops(parallel, until, once) {
  const started = performance.now();
  const counts = {};
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (performance.now() < until) {
        const outcome = await once();
        counts[outcome] = (counts[outcome] ?? 0) + 1;
      }
    }),
  );
  counts.seconds = (performance.now() - started) / 1000;
  return counts;
}

async function measure(mode) {
  const token = randomBytes(24).toString('base64url');
  const child = spawn(process.execPath, [serverScript, mode, token], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve(line);
    });
    child.once('exit', () => reject(new Error('auth server exited')));
  });
  const keepAlive = new Agent({ keepAlive: true, maxSockets: 8 });
  const fresh = new Agent({ keepAlive: false, maxSockets: Infinity });
  const valid = () => post(url, token, keepAlive);
  let n = 0;
  const guess = () => post(url, `guess-${n++}-${token.slice(0, 8)}-xxxxxxxx`, fresh);
  try {
    await loops(8, performance.now() + 300, valid); // warm-up
    const alone = await loops(8, performance.now() + SECONDS * 1000, valid);
    const attack = await loops(64, performance.now() + SECONDS * 1000, guess);
    // Let the limiter's bucket refill between phases, so phase 3 starts like an attack would.
    await new Promise((r) => setTimeout(r, 2500));
    const until = performance.now() + SECONDS * 1000;
    const [during, attack2] = await Promise.all([loops(8, until, valid), loops(64, until, guess)]);
    return {
      validPerS: (alone[200] ?? 0) / alone.seconds,
      guessesPerS: (attack[401] ?? 0) / attack.seconds,
      refusedPerS: (attack[429] ?? 0) / attack.seconds,
      errorsPerS: (attack.error ?? 0) / attack.seconds,
      validDuringPerS: (during[200] ?? 0) / during.seconds,
      guessesDuringPerS: (attack2[401] ?? 0) / attack2.seconds,
      otherValid: Object.entries(alone).filter(([k]) => k !== '200' && k !== 'seconds'),
    };
  } finally {
    keepAlive.destroy();
    fresh.destroy();
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r()));
  }
}

const off = await measure('off');
const on = await measure('on');
const row = (name, m) =>
  `| ${name} | ${m.validPerS.toFixed(0)} | ${m.guessesPerS.toFixed(1)} | ${(m.guessesPerS / m.validPerS).toFixed(4)} | ${m.refusedPerS.toFixed(0)} | ${m.validDuringPerS.toFixed(0)} (${fmt.x(m.validDuringPerS / m.validPerS)}) | ${m.guessesDuringPerS.toFixed(1)} |`;
console.log(`\n## Token guessing: ${SECONDS} s per phase, 64 parallel guessers, 8 parallel valid clients\n`);
console.log(
  '| limiter | valid req/s alone | guesses compared/s | guesses ÷ valid | guesses refused (429)/s | valid req/s under attack (× alone) | guesses compared/s under attack |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
console.log(row('off (before)', off));
console.log(row('on (defaults)', on));
const before = off.guessesPerS / off.validPerS;
const after = on.guessesPerS / on.validPerS;
console.log(
  `\nguesses ÷ valid rate, after vs before: ${after.toFixed(5)} vs ${before.toFixed(3)} = ${fmt.x(after / before)} ` +
    `(${(before / after).toFixed(0)}× fewer guesses per valid request)`,
);
console.log(
  `valid requests under attack, with the limiter: ${fmt.x(on.validDuringPerS / on.validPerS)} of the rate alone ` +
    `(without: ${fmt.x(off.validDuringPerS / off.validPerS)})`,
);
if (off.otherValid.length > 0 || on.otherValid.length > 0) {
  console.log(
    `warning: some valid requests did not answer 200: ${JSON.stringify([off.otherValid, on.otherValid])}`,
  );
}
