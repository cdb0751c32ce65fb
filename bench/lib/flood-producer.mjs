// A flood producer for the benchmarks: writes N lines (argv[2] or FLOOD_LINES; default 10 million) of
// the mix named by FLOOD_MIX (default access; see mixes.mjs) as fast as the pipe takes them, then exits.
// The first 500,000 lines of the mix are generated once, as 1,000-line buffers, and written over and
// over, so producing costs almost nothing and every tool measured reads the same bytes.
import { mixLines } from './mixes.mjs';

const total = Number(process.argv[2] ?? process.env.FLOOD_LINES ?? 10_000_000);
const mix = process.env.FLOOD_MIX ?? 'access';
const PER_CHUNK = 1000;
const PERIOD = Math.min(500_000, Math.max(PER_CHUNK, Math.ceil(total / PER_CHUNK) * PER_CHUNK));

const chunks = [];
let tail = [];
const gen = mixLines(mix);
for (let c = 0; c < PERIOD / PER_CHUNK; c++) {
  const lines = [];
  for (let j = 0; j < PER_CHUNK; j++) lines.push(gen.next().value);
  chunks.push(Buffer.from(lines.join('\n') + '\n'));
  if (c === 0) tail = lines;
}

let written = 0;
let c = 0;
function write() {
  while (written < total) {
    const left = total - written;
    const buf =
      left >= PER_CHUNK ? chunks[c++ % chunks.length] : Buffer.from(tail.slice(0, left).join('\n') + '\n');
    written += Math.min(left, PER_CHUNK);
    if (!process.stdout.write(buf)) return process.stdout.once('drain', write);
  }
}
process.stdout.on('error', () => process.exit(0));
write();
