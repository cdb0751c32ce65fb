import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  root = mkdtempSync(join(tmpdir(), 'brum-proxy-config-'));
  home = join(root, 'home');
  project = join(root, 'work', 'app');
  mkdirSync(home, { recursive: true });
  mkdirSync(project, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('[proxy] configuration', () => {
  it('defaults to on, from port 7601, nothing pinned', () => {
    const { config } = loadConfig({ projectDir: project, homeDir: home });
    expect(config.proxy).toEqual({ enabled: true, port: 7601, ports: {} });
  });

  it('merges per key across files (ports per script), flags win, and says where each came from', () => {
    write(home, '[proxy]\nport = 8000\nports = { web = 8100 }\n');
    const projectFile = write(project, '[proxy]\nports = { api = 8200 }\n');
    const loaded = loadConfig({ projectDir: project, homeDir: home, proxyFlags: { enabled: false } });
    expect(loaded.config.proxy).toEqual({ enabled: false, port: 8000, ports: { web: 8100, api: 8200 } });
    expect(loaded.sourceOf('proxy.enabled')).toBe('flag --no-proxy');
    expect(loaded.sourceOf('proxy.ports.api')).toBe(projectFile);
    const settings = formatSettings(loaded);
    expect(settings).toContain('enabled = false # flag --no-proxy');
    expect(settings).toMatch(/\[proxy\.ports\]\nweb = 8100 # from .*\napi = 8200 # from /);
    const flagged = loadConfig({ projectDir: project, homeDir: home, proxyFlags: { port: 0 } });
    expect(flagged.config.proxy.port).toBe(0);
  });

  it('refuses a bad value with the key and the expected form', () => {
    write(project, '[proxy]\nports = { web = 70000 }\n');
    expect(() => loadConfig({ projectDir: project, homeDir: home })).toThrow(
      /proxy\.ports\.web.*port from 1 to 65535/,
    );
    write(project, '[proxy]\nenable = true\n');
    expect(() => loadConfig({ projectDir: project, homeDir: home })).toThrow(/enable/);
  });
});
