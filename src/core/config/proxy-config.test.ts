import { describe, expect, it } from 'vitest';
import { useConfigDirs, writeBrumToml } from '../../../test/helpers/config-dirs.js';
import { formatSettings } from './settings-toml.js';

const dirs = useConfigDirs('brum-proxy-config-', 'work/app');

describe('[proxy] configuration', () => {
  it('defaults to on, from port 7601, nothing pinned', () => {
    const { config } = dirs.load();
    expect(config.proxy).toEqual({ enabled: true, port: 7601, ports: {} });
  });

  it('merges per key across files (ports per script), flags win, and says where each came from', () => {
    writeBrumToml(dirs.home, '[proxy]\nport = 8000\nports = { web = 8100 }\n');
    const projectFile = writeBrumToml(dirs.project, '[proxy]\nports = { api = 8200 }\n');
    const loaded = dirs.load({ proxyFlags: { enabled: false } });
    expect(loaded.config.proxy).toEqual({ enabled: false, port: 8000, ports: { web: 8100, api: 8200 } });
    expect(loaded.sourceOf('proxy.enabled')).toBe('flag --no-proxy');
    expect(loaded.sourceOf('proxy.ports.api')).toBe(projectFile);
    const settings = formatSettings(loaded);
    expect(settings).toContain('enabled = false # flag --no-proxy');
    expect(settings).toMatch(/\[proxy\.ports\]\nweb = 8100 # from .*\napi = 8200 # from /);
    const flagged = dirs.load({ proxyFlags: { port: 0 } });
    expect(flagged.config.proxy.port).toBe(0);
  });

  it('refuses a bad value with the key and the expected form', () => {
    writeBrumToml(dirs.project, '[proxy]\nports = { web = 70000 }\n');
    expect(() => dirs.load()).toThrow(/proxy\.ports\.web.*port from 1 to 65535/);
    writeBrumToml(dirs.project, '[proxy]\nenable = true\n');
    expect(() => dirs.load()).toThrow(/enable/);
  });
});
