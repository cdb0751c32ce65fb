import { describe, expect, it } from 'vitest';
import { commandBaseName, uniqueCommandName } from './command-names.js';

describe('ad-hoc command names', () => {
  it('come from the program the line runs', () => {
    expect(commandBaseName('npx tsc -w')).toBe('tsc');
    expect(commandBaseName('npx eslint .')).toBe('eslint');
    expect(commandBaseName('NODE_ENV=test FOO=1 npx vitest')).toBe('vitest');
    expect(commandBaseName('./node_modules/.bin/vite --port 3000')).toBe('vite');
    expect(commandBaseName('  python3 -m http.server ')).toBe('python3');
    expect(commandBaseName('$(echo x)')).toBe('echo');
    expect(commandBaseName('"')).toBe('command');
  });

  it('never take a name that is taken (a script, a configured command, an earlier command)', () => {
    const taken = new Set(['dev', 'dev#2', 'tsc']);
    expect(uniqueCommandName('dev --port 4000', (n) => taken.has(n))).toBe('dev#3');
    expect(uniqueCommandName('npx tsc -w', (n) => taken.has(n))).toBe('tsc#2');
    expect(uniqueCommandName('npx eslint .', (n) => taken.has(n))).toBe('eslint');
  });
});
