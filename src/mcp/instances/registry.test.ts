import { spawn, spawnSync, execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  findInstance,
  instancesDir,
  listInstances,
  registerInstance,
  RegistryRefusedError,
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

/** Another local user, simulated: as root we can hand files to `nobody`. */
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

/** A pid that certainly belongs to no process: one that just exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid ?? 999_999;
}

/** Writes an instance file the way an attacker (or an older brum) would: plain writeFile. */
function plant(dir: string, entry: InstanceInfo, mode = 0o600, uid?: number): string {
  const file = path.join(dir, `${entry.pid}.json`);
  writeFileSync(file, JSON.stringify(entry));
  chmodSync(file, mode);
  if (uid !== undefined) chownSync(file, uid, uid);
  return file;
}

describe('instance registry', () => {
  let root: string;
  let dir: string;
  let logs: string[];
  const log = (m: string) => logs.push(m);
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'brum-registry-'));
    dir = path.join(root, 'brummer', 'instances');
    logs = [];
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes a 0600 file in 0700 folders, and removes it on unregister', () => {
    const unregister = registerInstance(info(), dir);
    const file = path.join(dir, `${process.pid}.json`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(path.dirname(dir)).mode & 0o777).toBe(0o700);
    expect(findInstance('/some/project', dir)?.token).toBe('secret');
    unregister();
    unregister();
    expect(existsSync(file)).toBe(false);
    expect(findInstance('/some/project', dir)).toBeUndefined();
  });

  it('creates its folders 0700 whatever the umask', () => {
    const saved = process.umask(0);
    try {
      registerInstance(info(), dir);
    } finally {
      process.umask(saved);
    }
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(path.dirname(dir)).mode & 0o777).toBe(0o700);
  });

  it('ignores and removes stale files of dead processes and unreadable files', () => {
    registerInstance(info({ pid: deadPid() }), dir);
    plant(dir, info({ pid: deadPid() }));
    writeFileSync(path.join(dir, '13.json'), '{not json', { mode: 0o600 });
    expect(findInstance('/some/project', dir)).toBeUndefined();
    expect(listInstances(dir)).toEqual([]);
    expect(existsSync(path.join(dir, '13.json'))).toBe(false);
  });

  it('matches the project by resolved path and prefers the newest', () => {
    registerInstance(info({ projectDir: '/some/project/', startedAt: 1 }), dir);
    expect(findInstance('/some/other', dir)).toBeUndefined();
    expect(findInstance('/some/project', dir)?.startedAt).toBe(1);
  });

  it('lives under XDG_RUNTIME_DIR when that folder is private, else under the temp dir per user', () => {
    expect(instancesDir({ XDG_RUNTIME_DIR: root })).toBe(path.join(root, 'brummer', 'instances'));
    const perUser = new RegExp(`brummer-[^/]+${path.sep}instances$`);
    expect(instancesDir({})).toMatch(perUser);
    expect(instancesDir({ XDG_RUNTIME_DIR: 'relative/run' })).toMatch(perUser);
    expect(instancesDir({ XDG_RUNTIME_DIR: path.join(root, 'missing') })).toMatch(perUser);
    chmodSync(root, 0o777);
    expect(instancesDir({ XDG_RUNTIME_DIR: root })).toMatch(perUser);
  });

  describe('another local user', () => {
    /** The attack: the shared folder made first by someone else, open to everyone. */
    function attackerFolders(owner?: number): void {
      mkdirSync(dir, { recursive: true });
      for (const d of [path.dirname(dir), dir]) {
        chmodSync(d, 0o777);
        if (owner !== undefined) chownSync(d, owner, owner);
      }
    }

    it('cannot make brum write its token through a link planted at a future entry name', () => {
      attackerFolders(isRoot ? NOBODY : undefined);
      const stolen = path.join(root, 'stolen.json');
      symlinkSync(stolen, path.join(dir, `${process.pid}.json`));
      expect(() => registerInstance(info({ token: 'root-token' }), dir)).toThrow(RegistryRefusedError);
      expect(() => registerInstance(info(), dir)).toThrow(/mode 0777; expected 0700|not to you/);
      expect(existsSync(stolen)).toBe(false);
    });

    it.skipIf(!isRoot)('a registry folder owned by someone else is refused even with mode 0700', () => {
      attackerFolders(NOBODY);
      chmodSync(dir, 0o700);
      chmodSync(path.dirname(dir), 0o700);
      expect(() => registerInstance(info(), dir)).toThrow(/belongs to uid 65534, not to you/);
      expect(readdir(dir)).toEqual([]);
    });

    it('a folder that is a link is refused', () => {
      const elsewhere = path.join(root, 'elsewhere');
      mkdirSync(elsewhere, { mode: 0o700 });
      mkdirSync(path.dirname(dir), { mode: 0o700 });
      symlinkSync(elsewhere, dir);
      expect(() => registerInstance(info(), dir)).toThrow(/symbolic link/);
      expect(readdir(elsewhere)).toEqual([]);
    });

    it('a link at the entry name in our own folder is replaced, not followed', () => {
      registerInstance(info({ pid: deadPid() }), dir); // creates the private folders
      const target = path.join(root, 'target.json');
      writeFileSync(target, 'untouched');
      symlinkSync(target, path.join(dir, `${process.pid}.json`));
      registerInstance(info(), dir);
      expect(lstatSync(path.join(dir, `${process.pid}.json`)).isFile()).toBe(true);
      expect(execFileSync('cat', [target]).toString()).toBe('untouched');
    });

    it('a planted instance in a shared folder is not read at all', () => {
      attackerFolders(isRoot ? NOBODY : undefined);
      plant(dir, info({ url: 'http://127.0.0.1:9999/mcp', port: 9999 }), 0o600, isRoot ? NOBODY : undefined);
      expect(findInstance('/some/project', dir, log)).toBeUndefined();
      expect(logs.join('\n')).toMatch(/instance registry folder .* Not using it/);
    });

    it.skipIf(!isRoot)('an instance file that is not ours is ignored (and left alone)', () => {
      registerInstance(info({ pid: deadPid() }), dir);
      const file = plant(dir, info(), 0o600, NOBODY);
      expect(findInstance('/some/project', dir, log)).toBeUndefined();
      expect(logs.join('\n')).toMatch(/belongs to uid 65534/);
      expect(existsSync(file)).toBe(true);
    });

    it('an instance file readable by others, a link, or a FIFO is ignored without blocking', () => {
      registerInstance(info({ pid: deadPid() }), dir);
      plant(dir, info(), 0o644);
      const real = path.join(root, 'real.json');
      writeFileSync(real, JSON.stringify(info({ pid: process.ppid })), { mode: 0o600 });
      symlinkSync(real, path.join(dir, `${process.ppid}.json`));
      execFileSync('mkfifo', ['-m', '600', path.join(dir, '1.json')]);
      expect(listInstances(dir, log)).toEqual([]);
      const text = logs.join('\n');
      expect(text).toMatch(/has mode 0644; expected 0600/);
      expect(text).toMatch(/is a symbolic link/);
      expect(text).toMatch(/is not a regular file/);
    });

    it.skipIf(!isRoot)('an instance whose pid runs as another user is not trusted', async () => {
      const foreign = spawn('sleep', ['30'], { uid: NOBODY, gid: NOBODY, stdio: 'ignore' });
      try {
        await new Promise((resolve) => foreign.once('spawn', resolve));
        registerInstance(info({ pid: foreign.pid ?? 0 }), dir);
        expect(findInstance('/some/project', dir)).toBeUndefined();
      } finally {
        foreign.kill('SIGKILL');
      }
    });

    it('pids that address groups and URLs off loopback are not trusted', () => {
      registerInstance(info({ pid: deadPid() }), dir);
      writeFileSync(path.join(dir, '0.json'), JSON.stringify(info({ pid: 0 })), { mode: 0o600 });
      registerInstance(info({ url: 'http://evil.example:7777/mcp' }), dir);
      expect(listInstances(dir)).toEqual([]);
    });
  });
});

function readdir(dir: string): string[] {
  return execFileSync('ls', ['-A', dir]).toString().split('\n').filter(Boolean);
}
