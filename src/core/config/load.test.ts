import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useConfigDirs, writeBrumToml } from '../../../test/helpers/config-dirs.js';
import { loadConfig } from './load.js';
import { DEFAULT_CONFIG } from './types.js';

const dirs = useConfigDirs('brum-config-', 'work/org/app');

describe('loadConfig merging and provenance', () => {
  it('returns frozen defaults when there is no file', () => {
    const loaded = dirs.load();
    expect(loaded.config).toEqual(DEFAULT_CONFIG);
    expect(loaded.files).toEqual([]);
    expect(loaded.sourceOf('mcp_port')).toBe('default');
    expect(Object.isFrozen(loaded.config)).toBe(true);
  });

  it('applies home, then root-to-project files, then flags; later wins per key', () => {
    const homeFile = writeBrumToml(
      dirs.home,
      'mcp_port = 1111\nno_mcp = true\n[scripts.dev]\nenv = { A = "home", H = "h" }\n',
    );
    const orgFile = writeBrumToml(
      join(dirs.root, 'work', 'org'),
      'mcp_port = 2222\nlog_buffer_bytes = "1MiB"\n[scripts.dev]\nrestart = "always"\nenv = { A = "org", B = "org" }\n',
    );
    const projectFile = writeBrumToml(
      dirs.project,
      '[scripts.dev]\nenv = { B = "project", PORT = 3000 }\nmax_restarts = 2\nenv_file = ".env.dev"\n' +
        '[commands.db]\nrun = "docker compose up db"\nautostart = true\n',
    );
    const loaded = dirs.load({ flags: { mcpPort: 8080 } });

    expect(loaded.files).toEqual([homeFile, orgFile, projectFile]);
    expect(loaded.config.mcpPort).toBe(8080);
    expect(loaded.sourceOf('mcp_port')).toBe('flag --port');
    expect(loaded.sourceOf('mcpPort')).toBe('flag --port');
    expect(loaded.config.noMcp).toBe(true);
    expect(loaded.sourceOf('no_mcp')).toBe(homeFile);
    expect(loaded.config.logBufferBytes).toBe(1024 * 1024);
    expect(loaded.sourceOf('log_total_bytes')).toBe('default');

    const dev = loaded.config.scripts.dev!;
    expect(dev.env).toEqual({ A: 'org', B: 'project', H: 'h', PORT: '3000' });
    expect(dev.restart).toBe('always');
    expect(dev.maxRestarts).toBe(2);
    expect(dev.autostart).toBe(false);
    expect(dev.envFile).toEqual([join(dirs.project, '.env.dev')]);
    expect(loaded.sourceOf('scripts.dev.env.A')).toBe(orgFile);
    expect(loaded.sourceOf('scripts.dev.env.H')).toBe(homeFile);
    expect(loaded.sourceOf('scripts.dev.env.B')).toBe(projectFile);
    expect(loaded.sourceOf('scripts.dev.restart')).toBe(orgFile);
    expect(loaded.sourceOf('scripts.dev.maxRestarts')).toBe(projectFile);
    expect(loaded.sourceOf('scripts.dev.autostart')).toBe('default');
    expect(loaded.config.commands.db).toMatchObject({
      run: 'docker compose up db',
      autostart: true,
      restart: 'no',
    });
  });

  it('reads the home file once, in its place on the path, when the project is inside home', () => {
    const inside = join(dirs.home, 'code', 'app');
    const homeFile = writeBrumToml(dirs.home, 'mcp_port = 1000\nstop_grace_ms = 100\n');
    const rootFile = writeBrumToml(dirs.root, 'mcp_port = 900\nstop_grace_ms = 50\n');
    const projectFile = writeBrumToml(inside, 'stop_grace_ms = 200\n');
    const loaded = loadConfig({ projectDir: inside, homeDir: dirs.home });
    expect(loaded.files).toEqual([rootFile, homeFile, projectFile]);
    expect(loaded.config.mcpPort).toBe(1000);
    expect(loaded.config.stopGraceMs).toBe(200);
  });

  it('resolves cwd and env_file against the declaring file, and ~ against home', () => {
    writeBrumToml(
      join(dirs.root, 'work'),
      '[scripts.api]\ncwd = "services/api"\nenv_file = ["~/.secrets.env", "/abs/x.env"]\n',
    );
    const { config } = dirs.load();
    expect(config.scripts.api!.cwd).toBe(join(dirs.root, 'work', 'services', 'api'));
    expect(config.scripts.api!.envFile).toEqual([join(dirs.home, '.secrets.env'), '/abs/x.env']);
  });

  it('accepts quoted script names and byte sizes', () => {
    writeBrumToml(
      dirs.project,
      'log_total_bytes = "64MiB"\nlog_buffer_bytes = 2048\n[scripts."web:dev"]\nready_port = 5173\n',
    );
    const loaded = dirs.load();
    expect(loaded.config.logTotalBytes).toBe(64 * 1024 * 1024);
    expect(loaded.config.scripts['web:dev']!.readyPort).toBe(5173);
    expect(loaded.sourceOf('scripts."web:dev".ready_port')).toBe(join(dirs.project, '.brum.toml'));
  });

  it('recognises the home file through a symlinked home directory and reads it once', () => {
    const realHome = join(dirs.root, 'work');
    const homeFile = writeBrumToml(realHome, 'mcp_port = 3000\n');
    const link = join(dirs.root, 'home-link');
    symlinkSync(realHome, link);
    const loaded = loadConfig({ projectDir: dirs.project, homeDir: link });
    expect(loaded.files).toEqual([homeFile]);
    expect(loaded.config.mcpPort).toBe(3000);
  });

  it('deep-freezes the result', () => {
    writeBrumToml(dirs.project, '[scripts.dev]\nenv = { A = "1" }\ndepends_on = ["x"]\n');
    const { config } = dirs.load();
    expect(Object.isFrozen(config.scripts)).toBe(true);
    expect(Object.isFrozen(config.scripts.dev)).toBe(true);
    expect(Object.isFrozen(config.scripts.dev!.env)).toBe(true);
    expect(Object.isFrozen(config.scripts.dev!.dependsOn)).toBe(true);
  });
});
