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
