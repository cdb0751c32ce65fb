/**
 * The record that lets the next brum remove a browser a SIGKILLed brum left behind: real processes
 * stand in for the browser (a node process whose command line names the recorded profile).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isGroupAlive } from '../../core/process/process-group.js';
import { isOurRoot, reapStaleBrowsers, recordsDir, writeRecord, ROOT_PREFIX } from './pid-file.js';
import { processStartTime } from './process-identity.js';

const started: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of started.splice(0)) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** A stand-in browser: its own process group, `--user-data-dir=<root>/profile` on its command line. */
async function standIn(root: string): Promise<number> {
  const child = spawn(
    process.execPath,
    ['-e', 'setInterval(() => {}, 1e9)', '--', `--user-data-dir=${join(root, 'profile')}`],
    {
      detached: true,
      stdio: 'ignore',
    },
  );
  started.push(child);
  await new Promise((resolve) => child.once('spawn', resolve));
  return child.pid!;
}

/** The pid of a process that has exited (a brum that is gone). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.runIf(process.platform === 'linux')('reapStaleBrowsers', () => {
  it('kills the browser of a brum that is gone and removes its folder and record', async () => {
    const project = tempDir('brum-project-');
    const root = tempDir(ROOT_PREFIX);
    mkdirSync(join(root, 'profile'));
    const browserPid = await standIn(root);
    writeRecord(project, {
      brumPid: await deadPid(),
      brumStart: '1',
      browserPid,
      browserStart: processStartTime(browserPid)!,
      root,
    });
    const result = reapStaleBrowsers(project);
    expect(result.killed).toEqual([browserPid]);
    expect(result.removed).toEqual([root]);
    await until(() => !isGroupAlive(browserPid));
    expect(existsSync(root)).toBe(false);
    expect(readdirSync(recordsDir(project))).toEqual([]);
  });

  it('never kills a process that only has the recorded pid (another start time)', async () => {
    const project = tempDir('brum-project-');
    const root = tempDir(ROOT_PREFIX);
    const browserPid = await standIn(root);
    writeRecord(project, {
      brumPid: await deadPid(),
      brumStart: '1',
      browserPid,
      browserStart: '12345',
      root,
    });
    expect(reapStaleBrowsers(project).killed).toEqual([]);
    expect(isGroupAlive(browserPid)).toBe(true);
  });

  it('never kills a process whose command line does not name the recorded profile', async () => {
    const project = tempDir('brum-project-');
    const root = tempDir(ROOT_PREFIX);
    const other = tempDir(ROOT_PREFIX);
    const browserPid = await standIn(other);
    writeRecord(project, {
      brumPid: await deadPid(),
      brumStart: '1',
      browserPid,
      browserStart: processStartTime(browserPid)!,
      root,
    });
    expect(reapStaleBrowsers(project).killed).toEqual([]);
    expect(isGroupAlive(browserPid)).toBe(true);
  });

  it('leaves the browser of a brum that still runs alone', async () => {
    const project = tempDir('brum-project-');
    const root = tempDir(ROOT_PREFIX);
    const browserPid = await standIn(root);
    const brum = await standIn(tempDir(ROOT_PREFIX)); // a live "brum" of another process
    writeRecord(project, {
      brumPid: brum,
      brumStart: processStartTime(brum)!,
      browserPid,
      browserStart: processStartTime(browserPid)!,
      root,
    });
    expect(reapStaleBrowsers(project)).toEqual({ killed: [], removed: [] });
    expect(isGroupAlive(browserPid)).toBe(true);
    expect(existsSync(root)).toBe(true);
  });

  it('removes only folders of the shape brum makes, and drops unreadable records', async () => {
    const project = tempDir('brum-project-');
    const precious = tempDir('precious-');
    writeRecord(project, {
      brumPid: await deadPid(),
      brumStart: '1',
      browserPid: 2,
      browserStart: 'x',
      root: precious,
    });
    writeFileSync(join(recordsDir(project), '99.json'), '{not json');
    expect(reapStaleBrowsers(project)).toEqual({ killed: [], removed: [] });
    expect(existsSync(precious)).toBe(true);
    expect(readdirSync(recordsDir(project))).toEqual([]);
    expect(isOurRoot(precious)).toBe(false);
    expect(isOurRoot('/')).toBe(false);
  });
});
