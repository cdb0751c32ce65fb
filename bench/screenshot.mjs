// `npm run bench screenshot`: what a browser_screenshot costs, cold (the managed browser launched for
// it) and warm (already running), through brum's BrowserControl (dist/) against a local page.
// Baseline in the same run: plain playwright-core with the same Chromium and flags (launch + newPage +
// goto + page.screenshot, one context like brum's), no brum. Reports medians and the ratio brum / baseline.
// Cold runs: BENCH_COLD (default 3, 2 with BENCH_QUICK); warm: BENCH_WARM (default 10, 5 quick).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ManagedBrowserControl } from '../dist/browser/managed/control.js';
import { findBrowserExecutable } from '../dist/browser/managed/executable.js';
import { CHROMIUM_ARGS } from '../dist/browser/managed/managed-browser.js';
import { median, quick } from './lib/stats.mjs';

const COLD = Number(process.env.BENCH_COLD ?? (quick ? 2 : 3));
const WARM = Number(process.env.BENCH_WARM ?? (quick ? 5 : 10));

let executable;
try {
  executable = findBrowserExecutable().path;
} catch (error) {
  console.log(`screenshot: skipped: ${error.message}`);
  process.exit(0);
}

const PAGE = `<!doctype html><title>bench</title><style>body{font:16px sans-serif}</style>
<h1>Dashboard</h1><ul>${Array.from({ length: 60 }, (_, i) => `<li>row ${i} <b>value</b> <i>${i * 7}</i></li>`).join('')}</ul>`;
const server = createServer((_q, r) => {
  r.writeHead(200, { 'content-type': 'text/html' });
  r.end(PAGE);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;
const project = mkdtempSync(join(tmpdir(), 'brum-bench-shot-'));
const view = { sessions: () => [], proxyUrlFor: () => undefined };
const ms = (start) => performance.now() - start;

/** Baseline: plain playwright-core, one screenshot like brum's (fresh page, goto, viewport PNG→JPEG). */
async function baselineShot(context) {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.screenshot({ type: 'jpeg', quality: 85 });
  await page.close();
}

const base = { cold: [], warm: [] };
const brum = { cold: [], coldLaunch: [], warm: [], warmNoInline: [] };
for (let i = 0; i < COLD; i++) {
  // Cold, each from nothing: the baseline launch + one shot, then brum's first call (which launches).
  let start = performance.now();
  const browser = await chromium.launch({
    executablePath: executable,
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await baselineShot(context);
  base.cold.push(ms(start));
  const control = new ManagedBrowserControl({
    projectDir: project,
    config: { idleTimeoutMs: 600_000 },
    view,
  });
  start = performance.now();
  const shot = await control.screenshot({ url });
  brum.cold.push(ms(start));
  brum.coldLaunch.push(shot.launchMs);
  if (i === 0) {
    // Warm, interleaved (both browsers running), so load on the machine hits both alike.
    for (let w = 0; w < WARM; w++) {
      start = performance.now();
      await baselineShot(context);
      base.warm.push(ms(start));
      start = performance.now();
      await control.screenshot({ url });
      brum.warm.push(ms(start));
      start = performance.now();
      await control.screenshot({ url, inline: false });
      brum.warmNoInline.push(ms(start));
    }
  }
  await browser.close();
  await control.close();
}
server.close();
rmSync(project, { recursive: true, force: true });

const f = (n) => `${Math.round(n)} ms`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
console.log(`screenshot (${COLD} cold, ${WARM} warm; medians; Chromium at ${executable})`);
console.log(
  `  cold  brum ${f(median(brum.cold))} (launch ${f(median(brum.coldLaunch))})  baseline playwright ${f(median(base.cold))}  ratio ${ratio(median(brum.cold), median(base.cold))}`,
);
console.log(
  `  warm  brum ${f(median(brum.warm))} with inline copy, ${f(median(brum.warmNoInline))} inline:false  baseline ${f(median(base.warm))}  ratio ${ratio(median(brum.warm), median(base.warm))} / ${ratio(median(brum.warmNoInline), median(base.warm))}`,
);
