import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BrumError, isBrumError } from '../errors.js';
import { parsePackageJson, readPackageJson, readScripts } from './package-json.js';

const projects = fileURLToPath(new URL('../../../test/fixtures/projects/', import.meta.url));

function thrown(fn: () => unknown): BrumError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BrumError) return error;
    throw error;
  }
  throw new Error('expected a BrumError');
}

describe('readPackageJson', () => {
  it('says which directory has no package.json and suggests --dir', () => {
    const dir = join(projects, 'no-package-json');
    const error = thrown(() => readPackageJson(dir));
    expect(error.code).toBe('NO_PACKAGE_JSON');
    expect(error.message).toContain(`No package.json in ${dir}`);
    expect(error.message).toContain('--dir');
  });

  it('says when the directory itself does not exist', () => {
    const error = thrown(() => readPackageJson(join(projects, 'does-not-exist')));
    expect(error.code).toBe('NO_PACKAGE_JSON');
    expect(error.message).toMatch(/directory .*does-not-exist does not exist/);
  });

  it('names the file, line and column of invalid JSON', () => {
    const file = join(projects, 'broken-json', 'package.json');
    const error = thrown(() => readPackageJson(join(projects, 'broken-json')));
    expect(error.code).toBe('INVALID_PACKAGE_JSON');
    expect(error.message).toBe(
      `${file} is not valid JSON at line 5, column 5: Expected ',' or '}' after property value. Fix the file and try again.`,
    );
    expect(error.details).toEqual({ file, line: 5, column: 5 });
    // The parser's own error stays attached, for whoever needs more than the message.
    expect(error.cause).toBeInstanceOf(SyntaxError);
    expect((error.cause as SyntaxError).message).toMatch(/after property value/);
  });

  it('locates errors whose engine message has no position', () => {
    const error = thrown(() => parsePackageJson('{\n  "name": nope\n}', 'x/package.json'));
    expect(error.message).toBe(
      "x/package.json is not valid JSON at line 2, column 12: Unexpected token 'o'. Fix the file and try again.",
    );
    expect(thrown(() => parsePackageJson('', 'p.json')).message).toContain('line 1, column 1');
  });

  it('rejects JSON that is not an object and tolerates a byte order mark', () => {
    expect(thrown(() => parsePackageJson('[]', 'p.json')).message).toBe(
      'p.json must contain a JSON object, but it holds an array.',
    );
    expect(
      isBrumError(
        thrown(() => parsePackageJson('null', 'p.json')),
        'INVALID_PACKAGE_JSON',
      ),
    ).toBe(true);
    expect(parsePackageJson('\uFEFF{"name":"bom"}', 'p.json')).toEqual({ name: 'bom' });
  });
});

describe('readScripts', () => {
  it('keeps string scripts in file order and warns about the rest', () => {
    const warnings: string[] = [];
    const pkg = { scripts: { dev: 'vite', lint: ['eslint'], test: 42, build: 'tsc', empty: null } };
    expect(readScripts(pkg, 'p.json', warnings)).toEqual([
      ['dev', 'vite'],
      ['build', 'tsc'],
    ]);
    expect(warnings).toEqual([
      'p.json: script "lint" should be a string, but it is an array; skipped.',
      'p.json: script "test" should be a string, but it is a number; skipped.',
      'p.json: script "empty" should be a string, but it is null; skipped.',
    ]);
  });

  it('warns when scripts is not an object', () => {
    const warnings: string[] = [];
    expect(readScripts({ scripts: 'vite' }, 'p.json', warnings)).toEqual([]);
    expect(readScripts({}, 'p.json', warnings)).toEqual([]);
    expect(warnings).toEqual([
      'p.json: "scripts" should be an object of strings, but it is a string; ignored.',
    ]);
  });
});
