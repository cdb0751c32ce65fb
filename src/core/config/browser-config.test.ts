/** `[browser]` in `.brum.toml`: the managed browser's executable and idle timeout. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from './load.js';
import { formatSettings } from './settings-toml.js';

let root: string;
let home: string;
let project: string;

function write(dir: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, '.brum.toml');
  writeFileSync(file, text);
  return file;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'brum-config-browser-'));
  home = join(root, 'home');
  project = join(root, 'work', 'app');
  mkdirSync(home, { recursive: true });
  mkdirSync(project, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('[browser]', () => {
  it('defaults to autodetection and a 5 minute idle timeout', () => {
    const { config, sourceOf } = loadConfig({ projectDir: project, homeDir: home });
    expect(config.browser).toEqual({ idleTimeoutMs: 300_000 });
    expect(sourceOf('browser.idle_timeout')).toBe('default');
  });

  it('merges per key across files, resolves the path against its file, and says where each came from', () => {
    const homeFile = write(home, '[browser]\nexecutable = "bin/chrome"\n');
    const projectFile = write(project, '[browser]\nidle_timeout = "90s"\n');
    const loaded = loadConfig({ projectDir: project, homeDir: home });
    expect(loaded.config.browser).toEqual({ executable: join(home, 'bin/chrome'), idleTimeoutMs: 90_000 });
    expect(loaded.sourceOf('browser.executable')).toBe(homeFile);
    expect(loaded.sourceOf('browser.idle_timeout')).toBe(projectFile);
  });

  it.each([
    ['300', 300_000],
    ['"5m"', 300_000],
    ['"1h"', 3_600_000],
    ['"1500ms"', undefined],
    ['"forever"', undefined],
    ['2', undefined],
  ])('idle_timeout = %s', (value, ms) => {
    write(project, `[browser]\nidle_timeout = ${value}\n`);
    const load = () => loadConfig({ projectDir: project, homeDir: home });
    if (ms === undefined) expect(load).toThrow(/browser\.idle_timeout.*expected a duration from 5s to 24h/);
    else expect(load().config.browser.idleTimeoutMs).toBe(ms);
  });

  it('suggests the key for a typo', () => {
    write(project, '[browser]\nidle_timout = 60\n');
    expect(() => loadConfig({ projectDir: project, homeDir: home })).toThrow(/idle_timeout/);
  });

  it('--settings prints a [browser] table that loads back', () => {
    write(project, '[browser]\nexecutable = "/opt/chrome/chrome"\nidle_timeout = 120\n');
    const text = formatSettings(loadConfig({ projectDir: project, homeDir: home }));
    const parsed = parse(text) as { browser: { executable: string; idle_timeout: string } };
    expect(parsed.browser).toEqual({ executable: '/opt/chrome/chrome', idle_timeout: '120s' });
  });
});
