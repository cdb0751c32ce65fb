import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isBrumError } from '../errors.js';
import { resolveEnv } from './env.js';
import { isSecretName, maskEnv, MASK } from './mask.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'brum-env-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('resolveEnv', () => {
  it('layers environment < .env < env_file in order < env table, and records sources', () => {
    writeFileSync(join(dir, '.env'), 'A=dotenv\nB=dotenv\nC=dotenv\nD=dotenv\n');
    const first = join(dir, 'first.env');
    const second = join(dir, 'second.env');
    writeFileSync(first, 'B=first\nC=first\nD=first\n# comment\nQUOTED="x y"\n');
    writeFileSync(second, 'C=second\nD=second\n');
    const { env, sources } = resolveEnv({
      projectDir: dir,
      processConfig: { envFile: [first, second], env: { D: 'table' } },
      baseEnv: { A: 'base', BASE_ONLY: 'base', UNSET: undefined },
    });
    expect(env).toEqual({
      A: 'dotenv',
      B: 'first',
      C: 'second',
      D: 'table',
      BASE_ONLY: 'base',
      QUOTED: 'x y',
    });
    expect(sources).toEqual({
      A: join(dir, '.env'),
      B: first,
      C: second,
      D: 'env table',
      BASE_ONLY: 'environment',
      QUOTED: first,
    });
  });

  it('does not expand $VAR references', () => {
    writeFileSync(join(dir, '.env'), 'GREETING=hello $USER ${HOME}\n');
    const { env } = resolveEnv({
      projectDir: dir,
      processConfig: { envFile: [], env: {} },
      baseEnv: { USER: 'u', HOME: '/h' },
    });
    expect(env.GREETING).toBe('hello $USER ${HOME}');
  });

  it('works without a .env file and inherits process.env by default', () => {
    const { env, sources } = resolveEnv({ projectDir: dir, processConfig: { envFile: [], env: { X: '1' } } });
    expect(env.X).toBe('1');
    expect(env.PATH).toBe(process.env.PATH);
    expect(sources.PATH).toBe('environment');
  });

  it('fails clearly for a missing env_file, naming the file and the script', () => {
    const missing = join(dir, 'nope.env');
    let caught: unknown;
    try {
      resolveEnv({
        projectDir: dir,
        processConfig: { envFile: [missing], env: {} },
        baseEnv: {},
        name: 'dev',
      });
    } catch (error) {
      caught = error;
    }
    expect(isBrumError(caught, 'INVALID_CONFIG')).toBe(true);
    expect((caught as Error).message).toBe(`env file ${missing} (env_file of "dev") does not exist`);
  });
});

describe('masking', () => {
  it('recognises secret names case-insensitively', () => {
    for (const name of [
      'API_KEY',
      'github_token',
      'Client_Secret',
      'DB_PASSWORD',
      'SMTP_PASSWD',
      'AWS_CREDENTIALS',
      'PRIVATE_PEM',
    ]) {
      expect(isSecretName(name), name).toBe(true);
    }
    for (const name of ['PORT', 'NODE_ENV', 'PATH', 'PWD', 'HOST'])
      expect(isSecretName(name), name).toBe(false);
  });

  it('masks secret values entirely and URL passwords, leaving the rest', () => {
    const masked = maskEnv({
      API_KEY: 'sk-live-123456',
      PORT: '3000',
      DATABASE_URL: 'postgres://admin:s3cr3t@localhost:5432/app',
      PLAIN_URL: 'http://user@localhost/',
    });
    expect(masked).toEqual({
      API_KEY: MASK,
      PORT: '3000',
      DATABASE_URL: `postgres://admin:${MASK}@localhost:5432/app`,
      PLAIN_URL: 'http://user@localhost/',
    });
    expect(JSON.stringify(masked)).not.toMatch(/sk-live|s3cr3t/);
  });
});

describe('resolveEnv when brum is out of file descriptors', () => {
  it('says so, instead of blaming an env file (reproduced in a child with a low fd limit)', async () => {
    const { execFileSync } = await import('node:child_process');
    const { fileURLToPath, pathToFileURL } = await import('node:url');
    const built = fileURLToPath(new URL('../../../dist/core/config/env.js', import.meta.url));
    // Fill the descriptor table, as 21,000 idle connections did, then resolve a project's env.
    const script = `
      import { openSync } from 'node:fs';
      const { resolveEnv } = await import(${JSON.stringify(pathToFileURL(built).href)});
      const held = [];
      try { for (;;) held.push(openSync('/dev/null', 'r')); } catch {}
      try {
        resolveEnv({ projectDir: ${JSON.stringify(dir)}, processConfig: { envFile: [], env: {} }, name: 'dev' });
        console.log(JSON.stringify({ ok: true }));
      } catch (e) {
        console.log(JSON.stringify({ code: e.code, message: e.message }));
      }`;
    const out = execFileSync('sh', [
      '-c',
      'ulimit -n 64 && exec "$0" --input-type=module -e "$1"',
      process.execPath,
      script,
    ]);
    const result = JSON.parse(out.toString()) as { code?: string; message?: string };
    expect(result.code).toBe('RESOURCE_EXHAUSTED');
    expect(result.message).toMatch(/too many files and connections open \(EMFILE\)/);
    expect(result.message).not.toMatch(/INVALID_CONFIG|env file/);
  });
});
