import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../core/config/load.js';
import { makeConfigDirs, writeBrumToml } from '../../test/helpers/config-dirs.js';
import { configLoaderFor } from './config-loader.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function dirs(): { home: string; project: string } {
  const made = makeConfigDirs('brum-config-loader-');
  roots.push(made.root);
  return made;
}

describe('configLoaderFor', () => {
  it('without files or flags gives exactly what loadConfig gives, without loading the validator', async () => {
    const { home, project } = dirs();
    const load = await configLoaderFor(project, home);
    expect(load).not.toBe(loadConfig);
    const options = { projectDir: project, homeDir: home, proxyFlags: { enabled: false, port: 4100 } };
    const fast = load(options);
    const full = loadConfig(options);
    expect(fast.config).toEqual(full.config);
    expect(fast.files).toEqual(full.files);
    for (const key of ['mcp_port', 'proxy.enabled', 'proxy.port', 'scripts.dev.env.PORT', 'browser.headless'])
      expect(fast.sourceOf(key)).toBe(full.sourceOf(key));
  });

  it('uses the full loader when a .brum.toml is on the way (project, a parent, or home)', async () => {
    for (const where of ['project', 'parent', 'home'] as const) {
      const { home, project } = dirs();
      writeBrumToml(
        where === 'project' ? project : where === 'home' ? home : `${project}/..`,
        'mcp_port = 4321\n',
      );
      const load = await configLoaderFor(project, home);
      expect(load).toBe(loadConfig);
      expect(load({ projectDir: project, homeDir: home }).config.mcpPort).toBe(4321);
    }
  });

  it('checks command-line options without the full loader: same result, same errors', async () => {
    const { home, project } = dirs();
    const load = await configLoaderFor(project, home);
    expect(load).not.toBe(loadConfig);
    const flags = { mcpPort: 4000, noMcp: true, stopGraceMs: 100, preferredPackageManager: 'pnpm' as const };
    const fast = load({ projectDir: project, homeDir: home, flags });
    const full = loadConfig({ projectDir: project, homeDir: home, flags });
    expect(fast.config).toEqual(full.config);
    for (const key of ['mcp_port', 'no_mcp', 'stop_grace_ms', 'preferred_package_manager', 'keep_runs'])
      expect(fast.sourceOf(key)).toBe(full.sourceOf(key));
    const bad = { mcpPort: 70000 };
    const error = (loader: typeof load): unknown => {
      try {
        loader({ projectDir: project, homeDir: home, flags: bad, flagNames: { mcpPort: '-p' } });
      } catch (e) {
        return e;
      }
      throw new Error('no error');
    };
    const fastError = error(load);
    expect(fastError).toEqual(error(loadConfig));
    expect((fastError as Error).message).toBe('flag -p: expected an integer port from 0 to 65535, got 70000');
  });
});
