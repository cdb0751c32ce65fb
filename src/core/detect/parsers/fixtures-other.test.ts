/**
 * Test-runner and other-language parsers against output captured from the real tool (test/fixtures/output/, see its README).
 * Fixtures are fed in small batches so multi-line reports span `ingest` calls, as pipe chunks do.
 */
import { describeFixtures, type FixtureCase } from './fixture-detect.test-helper.js';

const CASES: FixtureCase[] = [
  [
    'vitest',
    'failures',
    [
      {
        kind: 'vitest',
        code: 'AssertionError',
        message: 'sum > adds numbers: expected 3 to be 4 // Object.is equality',
        file: 'src/sum.test.js',
        line: 4,
        column: 48,
      },
      { kind: 'vitest', code: 'AssertionError', file: 'src/sum.test.js', line: 5, column: 60 },
      { kind: 'vitest', code: 'SyntaxError', file: 'src/throws.test.js', line: 2, column: 27 },
    ],
  ],
  [
    'jest',
    'failures',
    [
      {
        kind: 'jest',
        message: 'sum › adds numbers: expect(received).toBe(expected) // Object.is equality',
        file: 'sum.test.js',
        line: 4,
        column: 48,
      },
      { kind: 'jest', file: 'sum.test.js', line: 5, column: 60 },
    ],
  ],
  [
    'python',
    'traceback',
    [
      {
        kind: 'python',
        code: 'ValueError',
        message: "invalid literal for int() with base 10: 'not-a-number'",
        file: '/home/dev/app/py/app.py',
        line: 8,
      },
    ],
  ],
  [
    'python',
    'chained',
    [
      { kind: 'python', code: 'KeyError', line: 3 },
      { kind: 'python', code: 'RuntimeError', message: 'config key missing', line: 5 },
    ],
  ],
  [
    'rust',
    'cargo-build-errors',
    [
      {
        kind: 'rust',
        severity: 'error',
        code: 'E0308',
        message: 'mismatched types',
        file: 'src/main.rs',
        line: 3,
        column: 18,
      },
    ],
  ],
  [
    'rust',
    'cargo-run-panic',
    [
      {
        kind: 'rust',
        severity: 'warning',
        code: 'unused_variables',
        message: 'unused variable: `unused`',
        file: 'src/main.rs',
        line: 2,
        column: 9,
      },
      {
        kind: 'rust',
        severity: 'error',
        code: 'panic',
        message: 'index out of bounds: the len is 0 but the index is 3',
        file: 'src/main.rs',
        line: 4,
        column: 21,
      },
    ],
  ],
  [
    'go',
    'build-errors',
    [
      { kind: 'go', message: 'imported and not used: "os"', file: './main.go', line: 3, column: 8 },
      { kind: 'go', message: 'x declared but not used', line: 6, column: 2 },
      { kind: 'go', line: 7, column: 17 },
    ],
  ],
  ['go', 'vet', [{ kind: 'go', file: './main.go', line: 7, column: 17 }]],
  [
    'go',
    'panic',
    [
      {
        kind: 'go',
        code: 'panic',
        message: 'runtime error: index out of range [2] with length 0',
        file: '/home/dev/app/go1/main.go',
        line: 8,
      },
    ],
  ],
  [
    'gcc',
    'errors',
    [
      {
        kind: 'gcc',
        severity: 'error',
        message: 'expected ‘;’ before ‘}’ token',
        file: 'main.c',
        line: 5,
        column: 17,
      },
      { severity: 'warning', code: '-Wunused-variable', line: 4, column: 9 },
      { severity: 'warning', code: '-Wint-conversion', line: 9, column: 28 },
    ],
  ],
  [
    'gcc',
    'warnings',
    [
      { kind: 'gcc', severity: 'warning', code: '-Wformat=', file: 'warn.c', line: 2, column: 39 },
      { severity: 'warning', code: '-Wunused-variable', line: 2, column: 22 },
    ],
  ],
];

describeFixtures('detection on captured test-runner and compiler output', CASES);
