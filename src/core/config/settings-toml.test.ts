import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { useConfigDirs } from '../../../test/helpers/config-dirs.js';
import { loadConfig } from './load.js';
import { formatSettings } from './settings-toml.js';

const dirs = useConfigDirs('brum-settings-', 'my project');

const PROJECT_TOML = `
log_total_bytes = "16MiB"
[scripts.dev]
restart = "on-failure"
ready_pattern = 'ready in \\d+ ?ms'
env = { PORT = "3000", API_KEY = "sk-123", INLINE_PASS = "inline-pass-4444", DATABASE_URL = "postgres://u:hunter2@db/app", MQ = "amqp://u:p@ss@mq/", QUOTE = "a\\"b\\nc" }
ready_url = "http://admin:urlpw@localhost:3000/health"
env_file = [".env.local"]
[scripts."web:build"]
depends_on = ["dev"]
[commands.db]
run = "docker compose up db && psql postgres://me:runpw@db/app"
autostart = true
`;

describe('formatSettings', () => {
  it('prints valid TOML with a source comment on every value, masking secrets', () => {
    writeFileSync(join(dirs.home, '.brum.toml'), 'stop_grace_ms = 2000\n');
    const projectFile = join(dirs.project, '.brum.toml');
    writeFileSync(projectFile, PROJECT_TOML);
    const loaded = dirs.load({ flags: { mcpPort: 9000 } });
    const text = formatSettings(loaded);

    const parsed = parse(text) as Record<string, unknown>;
    expect(parsed).toMatchObject({ mcp_port: 9000, stop_grace_ms: 2000, log_total_bytes: '16MiB' });
    expect(text).toContain('mcp_port = 9000 # flag --port');
    expect(text).toContain(`stop_grace_ms = 2000 # from ${join(dirs.home, '.brum.toml')}`);
    expect(text).toContain('no_mcp = false # default');
    expect(text).toContain('log_buffer_bytes = "8MiB" # default (8388608 bytes)');
    expect(text).toContain('# preferred_package_manager is not set');
    expect(text).toContain(`restart = "on-failure" # from ${projectFile}`);
    expect(text).toContain('autostart = false # default');
    expect(text).toContain('[scripts."web:build"]');
    expect(text).toContain('API_KEY = "••••" # from');
    expect(text).toContain('DATABASE_URL = "postgres://u:••••@db/app" # from');
    expect(text).not.toContain('sk-123');
    expect(text).not.toContain('hunter2');
    expect(text).toContain('INLINE_PASS = "••••" # from');
    expect(text).toContain('MQ = "amqp://u:••••@mq/" # from');
    expect(text).toContain('ready_url = "http://admin:••••@localhost:3000/health" # from');
    expect(text).toContain('psql postgres://me:••••@db/app" # from');
    for (const secret of ['inline-pass-4444', 'p@ss', 'ss@mq', 'urlpw', 'runpw'])
      expect(text).not.toContain(secret);
    for (const valueLine of text.split('\n').filter((l) => l.includes(' = ') && !l.startsWith('#'))) {
      expect(valueLine).toMatch(/ # (from |default|flag )/);
    }
  });

  it('round-trips: the printed settings load back to the same configuration', () => {
    writeFileSync(join(dirs.project, '.brum.toml'), PROJECT_TOML);
    const loaded = dirs.load({ flags: { noMcp: true } });
    const text = formatSettings(loaded, { revealSecrets: true });
    expect(text).toContain('API_KEY = "sk-123"');

    const copy = join(dirs.root, 'copy');
    mkdirSync(copy);
    writeFileSync(join(copy, '.brum.toml'), text);
    const reloaded = loadConfig({ projectDir: copy, homeDir: dirs.home });
    expect(reloaded.config).toEqual(loaded.config);
  });

  it('says when no file was read', () => {
    const text = formatSettings(dirs.load());
    expect(text).toContain('# No .brum.toml file was found.');
    expect(parse(text)).toMatchObject({ mcp_port: 7777 });
  });
});
