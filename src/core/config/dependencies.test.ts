import { describe, expect, it } from 'vitest';
import { isBrumError } from '../errors.js';
import { findCycle, startOrder } from './dependencies.js';
import { DEFAULT_PROCESS_CONFIG } from './types.js';
import type { BrumConfig } from './types.js';

function graph(scripts: Record<string, string[]>, commands: Record<string, string[]> = {}) {
  const table = (dependsOn: string[]) => ({ ...DEFAULT_PROCESS_CONFIG, dependsOn });
  return {
    scripts: Object.fromEntries(Object.entries(scripts).map(([n, d]) => [n, table(d)])),
    commands: Object.fromEntries(Object.entries(commands).map(([n, d]) => [n, { ...table(d), run: 'x' }])),
  } satisfies Pick<BrumConfig, 'scripts' | 'commands'>;
}

describe('startOrder', () => {
  it('starts transitive dependencies deepest first, each once, then the name', () => {
    // dev → api, web; api → db; web → api, codegen; db is a command; codegen is a package.json script.
    const config = graph({ dev: ['api', 'web'], api: ['db'], web: ['api', 'codegen'] }, { db: [] });
    expect(startOrder('dev', config)).toEqual(['db', 'api', 'codegen', 'web', 'dev']);
    expect(startOrder('web', config)).toEqual(['db', 'api', 'codegen', 'web']);
  });

  it('returns just the name when it has no table or no dependencies', () => {
    expect(startOrder('lint', graph({}))).toEqual(['lint']);
    expect(startOrder('api', graph({ api: [] }))).toEqual(['api']);
  });

  it('throws INVALID_CONFIG on a cycle in a hand-built configuration', () => {
    let caught: unknown;
    try {
      startOrder('a', graph({ a: ['b'], b: ['a'] }));
    } catch (error) {
      caught = error;
    }
    expect(isBrumError(caught, 'INVALID_CONFIG')).toBe(true);
    expect((caught as Error).message).toBe('depends_on has a cycle: a → b → a');
  });
});

describe('findCycle', () => {
  it('returns undefined for a DAG, including diamonds', () => {
    expect(findCycle(graph({ a: ['b', 'c'], b: ['d'], c: ['d'], d: [] }))).toBeUndefined();
  });

  it('finds a cycle across scripts and commands as a closed path', () => {
    expect(findCycle(graph({ top: ['a'], a: ['b'] }, { b: ['c'], c: ['a'] }))).toEqual(['a', 'b', 'c', 'a']);
  });

  it('finds a self-dependency', () => {
    expect(findCycle(graph({ a: ['a'] }))).toEqual(['a', 'a']);
  });
});
