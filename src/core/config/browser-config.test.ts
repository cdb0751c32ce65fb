/** `[browser]` in `.brum.toml`: the managed browser's executable and idle timeout. */
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { useConfigDirs, writeBrumToml } from '../../../test/helpers/config-dirs.js';
import { formatSettings } from './settings-toml.js';

const dirs = useConfigDirs('brum-config-browser-', 'work/app');

describe('[browser]', () => {
  it('defaults to autodetection and a 5 minute idle timeout', () => {
    const { config, sourceOf } = dirs.load();
    expect(config.browser).toEqual({ idleTimeoutMs: 300_000 });
    expect(sourceOf('browser.idle_timeout')).toBe('default');
  });

  it('merges per key across files, resolves the path against its file, and says where each came from', () => {
    const homeFile = writeBrumToml(dirs.home, '[browser]\nexecutable = "bin/chrome"\n');
    const projectFile = writeBrumToml(dirs.project, '[browser]\nidle_timeout = "90s"\n');
    const loaded = dirs.load();
    expect(loaded.config.browser).toEqual({
      executable: join(dirs.home, 'bin/chrome'),
      idleTimeoutMs: 90_000,
    });
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
    writeBrumToml(dirs.project, `[browser]\nidle_timeout = ${value}\n`);
    if (ms === undefined)
      expect(() => dirs.load()).toThrow(/browser\.idle_timeout.*expected a duration from 5s to 24h/);
    else expect(dirs.load().config.browser.idleTimeoutMs).toBe(ms);
  });

  it('suggests the key for a typo', () => {
    writeBrumToml(dirs.project, '[browser]\nidle_timout = 60\n');
    expect(() => dirs.load()).toThrow(/idle_timeout/);
  });

  it('--settings prints a [browser] table that loads back', () => {
    writeBrumToml(dirs.project, '[browser]\nexecutable = "/opt/chrome/chrome"\nidle_timeout = 120\n');
    const text = formatSettings(dirs.load());
    const parsed = parse(text) as { browser: { executable: string; idle_timeout: string } };
    expect(parsed.browser).toEqual({ executable: '/opt/chrome/chrome', idle_timeout: '120s' });
  });
});
