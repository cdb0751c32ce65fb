import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  findInstance,
  instancesDir,
  listInstances,
  registerInstance,
  type InstanceInfo,
} from './registry.js';

const info = (over: Partial<InstanceInfo> = {}): InstanceInfo => ({
  pid: process.pid,
  projectDir: '/some/project',
  port: 7777,
  token: 'secret',
  startedAt: Date.now(),
  version: '0.1.0',
  url: 'http://127.0.0.1:7777/mcp',
  ...over,
});

/** A pid that certainly belongs to no process: one that just exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid ?? 999_999;
}

describe('instance registry', () => {
  let root: string;
  let dir: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'brum-registry-'));
    dir = path.join(root, 'brummer', 'instances');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes a 0600 file in a 0700 folder, and removes it on unregister', () => {
    const unregister = registerInstance(info(), dir);
    const file = path.join(dir, `${process.pid}.json`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(findInstance('/some/project', dir)?.token).toBe('secret');
    unregister();
    unregister();
    expect(existsSync(file)).toBe(false);
    expect(findInstance('/some/project', dir)).toBeUndefined();
  });

  it('ignores and removes stale files of dead processes and unreadable files', () => {
    registerInstance(info({ pid: deadPid() }), dir);
    writeFileSync(path.join(dir, '12.json'), '{not json');
    expect(findInstance('/some/project', dir)).toBeUndefined();
    expect(listInstances(dir)).toEqual([]);
    expect(existsSync(path.join(dir, '12.json'))).toBe(false);
  });

  it('matches the project by resolved path and prefers the newest', () => {
    registerInstance(info({ projectDir: '/some/project/', startedAt: 1 }), dir);
    expect(findInstance('/some/other', dir)).toBeUndefined();
    expect(findInstance('/some/project', dir)?.startedAt).toBe(1);
  });

  it('lives under XDG_RUNTIME_DIR when set, else under the temp dir per user', () => {
    expect(instancesDir({ XDG_RUNTIME_DIR: '/run/user/1000' })).toBe('/run/user/1000/brummer/instances');
    expect(instancesDir({})).toMatch(new RegExp(`brummer-[^/]+${path.sep}instances$`));
  });
});
