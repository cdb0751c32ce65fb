/**
 * The record that lets the next brum remove a browser a SIGKILLed brum left behind: real processes
 * stand in for the browser (a node process whose command line names the recorded profile).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../../test/helpers/engine.js';
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

/** Records the browser `browserPid` (its start time read now unless given) of a brum that is gone. */
async function recordOfGoneBrum(
  project: string,
  record: { browserPid: number; root: string; browserStart?: string },
): Promise<void> {
  writeRecord(project, {
    brumPid: await deadPid(),
    brumStart: '1',
    browserPid: record.browserPid,
    browserStart: record.browserStart ?? processStartTime(record.browserPid)!,
    root: record.root,
  });
}

describe.runIf(process.platform === 'linux')('reapStaleBrowsers', () => {
  it('kills the browser of a brum that is gone and removes its folder and record', async () => {
    const project = tempDir('brum-project-');
    const root = tempDir(ROOT_PREFIX);
    mkdirSync(join(root, 'profile'));
    const browserPid = await standIn(root);
    await recordOfGoneBrum(project, { browserPid, root });
    const result = reapStaleBrowsers(project);
    expect(result.killed).toEqual([browserPid]);
    expect(result.removed).toEqual([root]);
    await eventually(() => !isGroupAlive(browserPid), 3000, 'the browser group gone');
    expect(existsSync(root)).toBe(false);
    expect(readdirSync(recordsDir(project))).toEqual([]);
  });

  it.each([
    ['only has the recorded pid (another start time)', { otherStart: true, otherProfile: false }],
    ['has a command line that does not name the recorded profile', { otherStart: false, otherProfile: true }],
  ])('never kills a process that %s', async (_what, { otherStart, otherProfile }) => {
    const project = tempDir('brum-project-');
    const root = tempDir(ROOT_PREFIX);
    const browserPid = await standIn(otherProfile ? tempDir(ROOT_PREFIX) : root);
    await recordOfGoneBrum(project, { browserPid, root, ...(otherStart ? { browserStart: '12345' } : {}) });
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
    await recordOfGoneBrum(project, { browserPid: 2, browserStart: 'x', root: precious });
    writeFileSync(join(recordsDir(project), '99.json'), '{not json');
    expect(reapStaleBrowsers(project)).toEqual({ killed: [], removed: [] });
    expect(existsSync(precious)).toBe(true);
    expect(readdirSync(recordsDir(project))).toEqual([]);
    expect(isOurRoot(precious)).toBe(false);
    expect(isOurRoot('/')).toBe(false);
  });
});
