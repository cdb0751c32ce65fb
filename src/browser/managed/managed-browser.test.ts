/** The managed browser's life with a real Chromium: lazy launch, records, idle close, close, killNow. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requireChromium } from '../../../test/helpers/chromium.js';
import { eventually } from '../../../test/helpers/engine.js';
import { groupMembers } from '../../core/process/process-group.js';
import { ManagedBrowser } from './managed-browser.js';
import { recordsDir } from './pid-file.js';

let executable: string;
beforeAll(() => {
  executable = requireChromium();
});

const browsers: ManagedBrowser[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const browser of browsers.splice(0)) await browser.dispose();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function create(idleTimeoutMs = 60_000, configured?: string): { browser: ManagedBrowser; project: string } {
  const project = mkdtempSync(join(tmpdir(), 'brum-managed-test-'));
  dirs.push(project);
  const browser = new ManagedBrowser({
    projectDir: project,
    config: { idleTimeoutMs, executable: configured ?? executable },
  });
  browsers.push(browser);
  return { browser, project };
}

/** What the browser leaves: live group members, its folder, its record. */
function traces(pid: number, project: string, root: string) {
  return {
    members: groupMembers(pid).length,
    folder: existsSync(root),
    records: existsSync(recordsDir(project)) ? readdirSync(recordsDir(project)).length : 0,
  };
}

function rootOf(project: string): string {
  const [file] = readdirSync(recordsDir(project));
  const record = JSON.parse(readFileSync(join(recordsDir(project), file!), 'utf8')) as { root: string };
  return record.root;
}

describe('ManagedBrowser', () => {
  it('launches only on first use, in its own process group, and records itself under .brum/', async () => {
    const { browser, project } = create();
    expect(browser.status().running).toBe(false);
    expect(existsSync(join(project, '.brum'))).toBe(false);
    const title = await browser.use(async (context) => {
      const page = await context.newPage();
      await page.setContent('<title>hi</title>');
      const t = await page.title();
      await page.close();
      return t;
    });
    expect(title).toBe('hi');
    const pid = browser.pid!;
    expect(pid).toBeGreaterThan(0);
    expect(groupMembers(pid).length).toBeGreaterThan(1); // the browser and its helpers, one group
    const root = rootOf(project);
    expect(traces(pid, project, root)).toMatchObject({ folder: true, records: 1 });
    await browser.close();
    expect(traces(pid, project, root)).toEqual({ members: 0, folder: false, records: 0 });
    // Used again: a new browser.
    await browser.use(async () => undefined);
    expect(browser.pid).not.toBe(pid);
    expect(browser.status().launches).toBe(2);
  });

  it('closes after its idle period, leaving nothing', async () => {
    const { browser, project } = create(300);
    await browser.use(async () => undefined);
    const pid = browser.pid!;
    const root = rootOf(project);
    await eventually(() => !browser.status().running, 10_000, 'the idle close');
    // Closing takes a moment after it starts (the browser exits, then its folder goes).
    await eventually(
      () =>
        JSON.stringify(traces(pid, project, root)) ===
        JSON.stringify({ members: 0, folder: false, records: 0 }),
      10_000,
      'no group members, folder or record left',
    );
  });

  it('killNow (the synchronous last resort) kills the whole group and removes the profile', async () => {
    const { browser, project } = create();
    await browser.use(async () => undefined);
    const pid = browser.pid!;
    const root = rootOf(project);
    browser.killNow();
    expect(existsSync(root)).toBe(false);
    await eventually(() => groupMembers(pid).length === 0, 10_000, 'the group gone');
    await expect(browser.use(async () => undefined)).rejects.toThrow(/shutting down/);
  });

  it('without a browser, says how to get one in one line', async () => {
    const { browser } = create(60_000, '/nonexistent/chromium');
    await expect(browser.use(async () => undefined)).rejects.toThrow(/is not an executable file/);
  });
});
