import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { quoteForShell } from '../shell-quote.js';
import { buildScriptCommand, detectPackageManager } from './package-manager.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A throwaway project with the given files (empty content unless given). */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'brum-pm-'));
  made.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe('detectPackageManager', () => {
  it('trusts the packageManager field over any lockfile', () => {
    const dir = project({
      'package.json': '{"packageManager":"pnpm@9.1.0"}',
      'yarn.lock': '',
      'bun.lockb': '',
    });
    expect(detectPackageManager(dir)).toEqual({
      name: 'pnpm',
      source: 'packageManager-field',
      detail: 'pnpm@9.1.0',
    });
    const yarnBerry = project({ 'package.json': '{"packageManager":"yarn@4.1.0+sha512.abc"}' });
    expect(detectPackageManager(yarnBerry).name).toBe('yarn');
  });

  it('ignores an unknown packageManager and falls through to lockfiles', () => {
    const dir = project({ 'package.json': '{"packageManager":"deno@2.0.0"}', 'yarn.lock': '' });
    expect(detectPackageManager(dir)).toEqual({ name: 'yarn', source: 'lockfile', detail: 'yarn.lock' });
  });

  it('checks lockfiles in order: bun, pnpm, yarn, npm', () => {
    const all = [
      'bun.lockb',
      'bun.lock',
      'pnpm-lock.yaml',
      'yarn.lock',
      'package-lock.json',
      'npm-shrinkwrap.json',
    ];
    const expected = ['bun', 'bun', 'pnpm', 'yarn', 'npm', 'npm'];
    all.forEach((lockfile, i) => {
      const present = Object.fromEntries(all.slice(i).map((file) => [file, '']));
      expect(detectPackageManager(project({ 'package.json': '{}', ...present }))).toEqual({
        name: expected[i],
        source: 'lockfile',
        detail: lockfile,
      });
    });
  });

  it('uses the preference, then npm, when nothing else decides', () => {
    const dir = project({ 'package.json': '{"name":"x"}' });
    expect(detectPackageManager(dir, 'bun')).toEqual({ name: 'bun', source: 'preference' });
    expect(detectPackageManager(dir)).toEqual({ name: 'npm', source: 'default' });
  });

  it('does not fail on a broken or missing package.json (discovery reports those)', () => {
    expect(detectPackageManager(project({ 'package.json': '{', 'pnpm-lock.yaml': '' })).name).toBe('pnpm');
    expect(detectPackageManager(project({})).name).toBe('npm');
  });
});

describe('buildScriptCommand', () => {
  it('puts -- before npm arguments only when there are arguments', () => {
    expect(buildScriptCommand('npm', 'dev', [])).toEqual({
      file: 'npm',
      args: ['run', 'dev'],
      display: 'npm run dev',
    });
    expect(buildScriptCommand('npm', 'dev', ['--port', '3000'])).toEqual({
      file: 'npm',
      args: ['run', 'dev', '--', '--port', '3000'],
      display: 'npm run dev -- --port 3000',
    });
  });

  it('passes arguments straight after the script for pnpm, yarn and bun', () => {
    for (const pm of ['pnpm', 'yarn', 'bun'] as const) {
      expect(buildScriptCommand({ name: pm, source: 'default' }, 'test', ['--watch'])).toEqual({
        file: pm,
        args: ['run', 'test', '--watch'],
        display: `${pm} run test --watch`,
      });
    }
  });

  it('keeps each argument one argv entry and quotes it only for display', () => {
    const command = buildScriptCommand('npm', 'web:dev', ['a b', "it's", '$(rm -rf /)', '']);
    expect(command.args).toEqual(['run', 'web:dev', '--', 'a b', "it's", '$(rm -rf /)', '']);
    expect(command.display).toBe(`npm run web:dev -- 'a b' 'it'\\''s' '$(rm -rf /)' ''`);
  });

  it('quotes only what a shell would misread', () => {
    expect(quoteForShell('@acme/web:dev')).toBe('@acme/web:dev');
    expect(quoteForShell('--port=3000')).toBe('--port=3000');
    expect(quoteForShell('*.ts')).toBe(`'*.ts'`);
  });
});
