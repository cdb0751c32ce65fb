/**
 * The new formats of issue 11 through the real pipeline (pipe chunks, the chunk-level byte checks that
 * pick the prefilter, the detector's candidate path): a process prints a captured tool output and the
 * engine's error list has its records, files keyed from the project root.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestEngine, shutdownEngines } from '../../../test/helpers/engine.js';

afterEach(shutdownEngines);

const CASES: [
  fixture: string,
  expected: [kind: string, file: string | undefined, line: number | undefined][],
][] = [
  [
    'oxlint/v1.94-graphical-color',
    [
      ['oxlint', 'src/dbg.ts', 2],
      ['oxlint', 'src/dbg.ts', 3],
      ['oxlint', 'src/dbg.ts', 4],
    ],
  ],
  [
    'oxlint/v1.94-graphical-plain',
    [
      ['oxlint', 'src/dbg.ts', 2],
      ['oxlint', 'src/dbg.ts', 3],
      ['oxlint', 'src/dbg.ts', 4],
    ],
  ],
  [
    'biome/v2.6-check-color',
    [
      ['biome', 'src/dbg.ts', 2],
      ['biome', 'src/dbg.ts', 3],
      ['biome', 'src/dbg.ts', 4],
      ['biome', 'src/dbg.ts', undefined],
    ],
  ],
  [
    'vitest/v4.1-failed-suites',
    [
      ['vitest', 'src/lib.ts', 1],
      ['vitest', 'src/sum.test.ts', 2],
      ['vitest', 'src/syntax.test.ts', 2],
    ],
  ],
  [
    'playwright/v1.65-list',
    [
      ['playwright', '/home/dev/app/tests/home.spec.mjs', 11],
      ['playwright', '/home/dev/app/tests/home.spec.mjs', 8],
    ],
  ],
  [
    'pytest/v7.2-failures',
    [
      ['pytest', 'test_calc.py', 11],
      ['pytest', 'test_calc.py', 5],
    ],
  ],
];

describe('captured formats through a real process and the engine pipeline', () => {
  it.each(CASES)('%s', async (fixture, expected) => {
    const engine = createTestEngine('test/fixtures/procs');
    const { process } = engine.start('cat-fixture', { args: [fixture] });
    await engine.waitFor(process.id, 'exit', 15_000);
    const records = engine
      .errors({ processId: process.id, includeWarnings: true })
      .map((r) => [r.kind, r.file, r.line] as const);
    const sortKey = (r: readonly unknown[]) => JSON.stringify(r);
    expect([...records].sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(
      [...expected].sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
    );
  });
});
