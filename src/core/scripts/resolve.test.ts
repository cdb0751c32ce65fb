import { describe, expect, it } from 'vitest';
import { BrumError } from '../errors.js';
import { resolveScript, suggestScriptNames } from './resolve.js';
import type { ScriptInfo } from './types.js';

const script = (name: string): ScriptInfo => ({
  name,
  script: name.slice(name.lastIndexOf(':') + 1),
  command: `run ${name}`,
  cwd: '/repo',
  kind: 'script',
});
const catalog = (...names: string[]) => ({ scripts: names.map(script) });

function failure(names: string[], wanted: string): BrumError {
  try {
    resolveScript(catalog(...names), wanted);
  } catch (error) {
    if (error instanceof BrumError) return error;
    throw error;
  }
  throw new Error('expected UNKNOWN_SCRIPT');
}

describe('resolveScript', () => {
  it('finds a script by its exact name', () => {
    expect(resolveScript(catalog('dev', 'web:dev'), 'web:dev').name).toBe('web:dev');
  });

  it('suggests the closest name and lists what exists', () => {
    const error = failure(['dev', 'build', 'test'], 'dve');
    expect(error.code).toBe('UNKNOWN_SCRIPT');
    expect(error.message).toBe('Unknown script `dve`. Did you mean `dev`? Available: dev, build, test.');
    expect(error.details).toEqual({ name: 'dve', suggestions: ['dev'], available: ['dev', 'build', 'test'] });
  });

  it('suggests workspace scripts by their own name', () => {
    const error = failure(['lint', 'web:dev', 'api:dev', 'web:build'], 'dev');
    expect(error.message).toContain('Did you mean `web:dev` or `api:dev`?');
  });

  it('says nothing is close when nothing is', () => {
    const error = failure(['dev', 'build'], 'deploy-production');
    expect(error.message).toBe('Unknown script `deploy-production`. Available: dev, build.');
    expect(error.details?.['suggestions']).toEqual([]);
  });

  it('cuts a long list to twenty names', () => {
    const many = Array.from({ length: 25 }, (_, i) => `task-${String(i).padStart(2, '0')}`);
    const error = failure(many, 'zzz');
    expect(error.message).toContain('task-19 and 5 more.');
    expect(error.message).not.toContain('task-20');
    expect(error.details?.['available']).toHaveLength(25);
  });

  it('handles a project without scripts', () => {
    expect(failure([], 'dev').message).toBe('Unknown script `dev`. This project has no scripts.');
  });
});

describe('suggestScriptNames', () => {
  it('ranks suffix matches first, then by distance, at most three', () => {
    expect(suggestScriptNames(['web:dev', 'dev:all', 'de', 'deb'], 'dev')).toEqual(['web:dev', 'de', 'deb']);
    expect(suggestScriptNames(['a:x', 'b:x', 'c:x', 'd:x'], 'x')).toHaveLength(3);
  });

  it('is case-insensitive and tolerates typos in the script part', () => {
    expect(suggestScriptNames(['build', 'web:test'], 'BUILD')).toEqual(['build']);
    expect(suggestScriptNames(['build', 'web:test'], 'tset')).toEqual(['web:test']);
  });
});
