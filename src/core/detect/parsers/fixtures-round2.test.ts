/**
 * The formats of issue 11 ("formats that are missed") against output captured from the real tools on
 * this machine (test/fixtures/output/, see its README for versions and how each was made).
 */
import { describe, expect, it } from 'vitest';
import { batches, fixtureLines, toLines } from '../../../../test/fixtures/output/lines.js';
import { ErrorDetector } from '../detector.js';
import {
  describeFixtures,
  detectFixture,
  type Expected,
  type FixtureCase,
} from './fixture-detect.test-helper.js';

const OXLINT: Expected[] = [
  {
    kind: 'oxlint',
    severity: 'warning',
    code: 'eslint(no-unused-vars)',
    message: "Variable 'unused' is declared but never used. Unused variables should start with a '_'.",
    file: 'src/dbg.ts',
    line: 3,
    column: 9,
  },
  {
    kind: 'oxlint',
    severity: 'error',
    code: 'eslint(no-debugger)',
    message: '`debugger` statement is not allowed',
    file: 'src/dbg.ts',
    line: 2,
    column: 3,
  },
  { kind: 'oxlint', severity: 'error', code: 'eslint(eqeqeq)', file: 'src/dbg.ts', line: 4, column: 9 },
];

const BIOME: Expected[] = [
  {
    kind: 'biome',
    severity: 'warning',
    code: 'lint/correctness/noUnusedVariables',
    message: 'This variable unused is unused.',
    file: 'src/dbg.ts',
    line: 3,
    column: 9,
  },
  {
    kind: 'biome',
    severity: 'error',
    code: 'lint/suspicious/noDebugger',
    message: 'This is an unexpected use of the debugger statement.',
    file: 'src/dbg.ts',
    line: 2,
    column: 3,
  },
  { kind: 'biome', severity: 'error', code: 'lint/suspicious/noDoubleEquals', line: 4, column: 9 },
];

const NODE_TEST: Expected[] = [
  {
    kind: 'node-test',
    code: 'ERR_ASSERTION',
    message: 'adds: Expected values to be strictly equal: 2 !== 3',
    file: '/home/dev/app/test/math.test.mjs',
    line: 3,
    column: 29,
    count: 1,
  },
  {
    kind: 'node-test',
    code: 'TypeError',
    message: 'throws: boom: db unavailable',
    file: '/home/dev/app/test/math.test.mjs',
    line: 5,
    column: 30,
    count: 1,
  },
];

const CASES: FixtureCase[] = [
  ['oxlint', 'v1.94-graphical-plain', OXLINT],
  ['oxlint', 'v1.94-graphical-color', OXLINT],
  ['oxlint', 'v1.94-clean', []],
  ['biome', 'v2.6-lint-plain', BIOME],
  [
    'biome',
    'v2.6-check-color',
    [
      ...BIOME,
      {
        kind: 'biome',
        severity: 'error',
        code: 'format',
        message: 'Formatter would have printed the following content:',
        file: 'src/dbg.ts',
        line: undefined,
      },
    ],
  ],
  [
    'eslint',
    'eslint9-stylish',
    [
      {
        kind: 'eslint',
        severity: 'error',
        code: 'no-debugger',
        file: '/home/dev/app/src/dbg.js',
        line: 2,
        column: 3,
      },
      { kind: 'eslint', severity: 'warning', code: 'no-unused-vars', line: 3, column: 9 },
      { kind: 'eslint', severity: 'error', code: 'eqeqeq', line: 4, column: 9 },
    ],
  ],
  [
    'vitest',
    'v4.1-failed-suites',
    [
      {
        kind: 'vitest',
        code: 'Error',
        message: "Cannot find module './x' imported from /home/dev/app/src/lib.ts",
        file: 'src/lib.ts',
        line: 1,
        column: 1,
      },
      {
        kind: 'vitest',
        code: 'PARSE_ERROR',
        message: 'Unexpected token',
        file: 'src/syntax.test.ts',
        line: 2,
        column: 29,
      },
      { kind: 'vitest', code: 'AssertionError', file: 'src/sum.test.ts', line: 2, column: 36 },
    ],
  ],
  [
    'vite',
    'v8.4-pre-transform',
    [
      // 2 Pre-transform errors and 3 Internal server errors of the same import: one record seen 5 times.
      {
        kind: 'vite',
        message: 'Failed to resolve import "./text-utils" from "src/Greeting.tsx". Does the file exist?',
        file: '/home/dev/app/src/Greeting.tsx',
        line: 1,
        column: 22,
        count: 5,
        resolved: false,
      },
      {
        kind: 'vite',
        code: 'PARSE_ERROR',
        message: 'Unexpected token',
        file: 'src/bad.ts',
        line: 1,
        column: 23,
        count: 3,
      },
    ],
  ],
  [
    'playwright',
    'v1.65-list',
    [
      {
        kind: 'playwright',
        code: 'Error',
        message: '[chromium] shows welcome: expect(locator).toHaveText(expected) failed',
        file: '/home/dev/app/tests/home.spec.mjs',
        line: 8,
        column: 43,
      },
      {
        kind: 'playwright',
        message: '[chromium] math: expect(received).toBe(expected) // Object.is equality',
        line: 11,
        column: 17,
      },
    ],
  ],
  // The spec reporter's closing "failing tests" list repeats both failures: still one sighting each.
  ['node-test', 'node20-spec', NODE_TEST],
  ['node-test', 'node20-tap', NODE_TEST],
  [
    'bun',
    'v1.4-test',
    [
      {
        kind: 'bun',
        message: 'adds: expect(received).toBe(expected)',
        file: '/home/dev/app/t/sum.test.ts',
        line: 2,
        column: 36,
      },
    ],
  ],
  [
    'bun',
    'v1.4-crash',
    [{ kind: 'node', code: 'TypeError', file: '/home/dev/app/t/crash.ts', line: 1, column: 19 }],
  ],
  [
    'pytest',
    'v7.2-failures',
    [
      {
        kind: 'pytest',
        code: 'AssertionError',
        message: 'test_add: assert 2 == 3',
        file: 'test_calc.py',
        line: 5,
      },
      {
        kind: 'pytest',
        code: 'ValueError',
        message: 'test_raises: ValueError: boom: db unavailable',
        file: 'test_calc.py',
        line: 11,
      },
    ],
  ],
  [
    'go',
    'test-fail',
    [
      { kind: 'go', code: 'FAIL', message: 'TestAdd: Add(1, 1) = 2, want 3', file: 'calc_test.go', line: 7 },
      { kind: 'go', code: 'FAIL', message: 'TestSub: Sub not implemented', file: 'calc_test.go', line: 14 },
    ],
  ],
  [
    'go',
    'test-panic',
    [
      { kind: 'go', code: 'FAIL', message: 'TestAdd: Add(1, 1) = 2, want 3', line: 7 },
      // The panicking test is reported once, by its panic (which names the line).
      { kind: 'go', code: 'panic', message: 'assignment to entry in nil map [recovered]', line: 15 },
    ],
  ],
  [
    'next',
    'v16.4-dev-runtime',
    [
      { kind: 'next', message: 'boom: db unavailable', file: 'app/api/db/route.ts', line: 2, column: 9 },
      {
        kind: 'next',
        code: 'TypeError',
        message: "Cannot read properties of undefined (reading 'name')",
        file: 'app/page.tsx',
        line: 3,
        column: 21,
        count: 2,
      },
    ],
  ],
];

describeFixtures('detection on captured output of the current generation of tools', CASES);

describe('pass lines and repeats', () => {
  it('`Found N warnings and M errors.` ends a pass: a later clean pass resolves the earlier records', () => {
    const detector = new ErrorDetector();
    const failing = fixtureLines('oxlint', 'v1.94-graphical-color');
    for (const batch of batches(failing, 3)) detector.ingest(batch);
    expect(detector.list({ includeWarnings: true })).toHaveLength(3);
    const clean = toLines(
      'Found 0 warnings and 0 errors.\nFinished in 9ms on 1 file with 97 rules using 2 threads.\n',
      {
        firstSeq: failing.length + 1,
      },
    );
    detector.ingest(clean);
    expect(detector.list({ includeWarnings: true })).toHaveLength(0);
    expect(detector.list({ includeWarnings: true, includeResolved: true }).every((r) => r.resolved)).toBe(
      true,
    );
  });

  it('counts each failure of a fixture once whatever else a test reporter repeats', () => {
    expect(detectFixture('node-test', 'node20-spec').map((r) => r.count)).toEqual([1, 1]);
  });
});
