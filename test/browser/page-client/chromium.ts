/**
 * Debian's Chromium through playwright-core, for the page-client tests (never a downloaded browser).
 * A missing browser fails with one line saying how to install it. Every launched browser is closed
 * by `closeBrowsers` (call it in afterAll/afterEach).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../helpers/chromium.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const open = new Set<{ context: BrowserContext; profile: string }>();

export function chromiumPath(): string {
  const found = process.env['BRUM_BROWSER'] ?? CANDIDATES.find((p) => existsSync(p));
  if (found === undefined || !existsSync(found))
    throw new Error('No Chromium found for the browser tests: apt-get install -y chromium');
  return found;
}

/** A headless Chromium with a fresh profile (a persistent context: real tabs, sessionStorage and all). */
export async function launchChromium(): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'brum-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
  open.add({ context, profile });
  return context;
}

export async function closeBrowsers(): Promise<void> {
  for (const entry of [...open]) {
    open.delete(entry);
    await entry.context.close().catch(() => undefined);
    rmSync(entry.profile, { recursive: true, force: true });
  }
}
