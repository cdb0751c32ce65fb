// Preloaded into brum by bench/tui-keys.mjs (`node --import`): records, per view-switch key, the time
// from brum reading the key off stdin to brum writing the first frame that shows the new view — the
// latency inside brum, without the terminal's share. One line per key: `<key> <ms>`.
import { openSync, writeSync } from 'node:fs';

const fd = openSync(process.env.BRUM_BENCH_KEYLOG, 'w');
const shows = { 2: /STATUS|No processes yet/, 3: /all processes/ };
let pending;
const read = process.stdin.read.bind(process.stdin);
process.stdin.read = (...args) => {
  const chunk = read(...args);
  const key = chunk == null ? '' : String(chunk);
  if (key in shows) pending = { key, t: performance.now() };
  return chunk;
};
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  if (pending && shows[pending.key].test(String(chunk))) {
    writeSync(fd, `${pending.key} ${(performance.now() - pending.t).toFixed(2)}\n`);
    pending = undefined;
  }
  return write(chunk, ...rest);
};
