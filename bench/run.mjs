// `npm run bench [name...]`: runs the benchmarks (all by default). Each prints ratios against a baseline
// measured in the same run, because absolute times drift on shared machines.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs')
  .map((f) => f.replace(/\.mjs$/, ''))
  .sort();
const wanted = process.argv.slice(2);
const chosen = wanted.length > 0 ? all.filter((n) => wanted.includes(n)) : all;
if (chosen.length === 0) {
  console.error(`no benchmark named ${wanted.join(', ')}; available: ${all.join(', ')}`);
  process.exit(2);
}
for (const name of chosen) await import(new URL(`./${name}.mjs`, import.meta.url).href);
