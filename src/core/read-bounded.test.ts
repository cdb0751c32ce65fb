import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { brumErrorOf } from '../../test/helpers/config-dirs.js';
import { resolveEnv } from './config/env.js';
import { loadConfig } from './config/load.js';
import { readPackageJson } from './scripts/package-json.js';
import { readFileBounded } from './read-bounded.js';

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'brum-bounded-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const MiB = 1024 * 1024;

describe('files brum reads are bounded in size', () => {
  it('refuses a .brum.toml over 1 MiB, naming the file, its size and the limit', () => {
    const project = join(root, 'app');
    mkdirSync(project);
    const file = join(project, '.brum.toml');
    // 7.3 MB of valid TOML took 8.7 s and 717 MB of memory to parse before the bound.
    writeFileSync(file, `# ${'x'.repeat(80)}\n`.repeat(Math.ceil((2 * MiB) / 83)));
    const error = brumErrorOf(() => loadConfig({ projectDir: project, homeDir: join(root, 'home') }));
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toMatch(/ is 2 MiB \(\d+ bytes\); brum reads a config file of at most 1 MiB$/);
    expect(error.message.startsWith(`${file} is`)).toBe(true);
  });

  it('refuses an env file over 1 MiB, and one without a size (a device) once it passes the limit', () => {
    const big = join(root, 'big.env');
    writeFileSync(big, `A=${'v'.repeat(MiB + 10)}\n`);
    const error = brumErrorOf(() =>
      resolveEnv({ projectDir: root, processConfig: { envFile: [big], env: {} }, baseEnv: {}, name: 'dev' }),
    );
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toBe(
      `env file ${big} is 1 MiB (${MiB + 13} bytes); brum reads env files of at most 1 MiB (env_file of "dev")`,
    );

    symlinkSync('/dev/zero', join(root, '.env'));
    const endless = brumErrorOf(() =>
      resolveEnv({ projectDir: root, processConfig: { envFile: [], env: {} } }),
    );
    expect(endless.message).toContain('is larger than 1 MiB; brum reads env files of at most 1 MiB');
  });

  it('refuses a package.json over 10 MiB', () => {
    const file = join(root, 'package.json');
    writeFileSync(file, `{"scripts":{},"x":"${'y'.repeat(11 * MiB)}"}`);
    const error = brumErrorOf(() => readPackageJson(root));
    expect(error.code).toBe('INVALID_PACKAGE_JSON');
    expect(error.message).toBe(
      `${file} is 11 MiB (${11 * MiB + 21} bytes); brum reads a package.json of at most 10 MiB.`,
    );
  });

  it('reads files up to the limit exactly, byte for byte', () => {
    const file = join(root, 'exact');
    const bytes = Buffer.alloc(300 * 1024 + 7, 'é');
    writeFileSync(file, bytes);
    expect(readFileBounded(file, bytes.length).equals(bytes)).toBe(true);
    expect(() => readFileBounded(file, bytes.length - 1)).toThrow(/too large/);
  });
});
