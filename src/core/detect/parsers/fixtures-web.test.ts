/**
 * JavaScript-ecosystem parsers against output captured from the real tool (test/fixtures/output/, see its README).
 * Fixtures are fed in small batches so multi-line reports span `ingest` calls, as pipe chunks do.
 */
import { describeFixtures, type Expected, type FixtureCase } from './fixture-detect.test-helper.js';

const TS_ERRORS: Expected[] = [
  {
    kind: 'typescript',
    code: 'TS2322',
    file: 'src/app.ts',
    line: 2,
    column: 9,
    message: "Type 'number' is not assignable to type 'string'.",
  },
  { code: 'TS2353', file: 'src/user.ts', line: 2, column: 37 },
  {
    code: 'TS2339',
    file: 'src/user.ts',
    line: 3,
    column: 15,
    message: "Property 'nmae' does not exist on type 'User'.",
  },
];

const CASES: FixtureCase[] = [
  ['typescript', 'tsc5-plain', TS_ERRORS],
  ['typescript', 'tsc5-pretty', TS_ERRORS],
  ['typescript', 'tsc7-plain', TS_ERRORS],
  ['typescript', 'tsc7-pretty', TS_ERRORS],
  ...(['tsc5-watch-plain', 'tsc5-watch-pretty'] as const).map((name): [string, string, Expected[]] => [
    'typescript',
    name,
    [
      { code: 'TS2353', count: 1, resolved: true },
      { code: 'TS2322', line: 2, column: 9, count: 2, resolved: true },
      { code: 'TS2339', count: 2, resolved: true },
      { code: 'TS2322', line: 2, column: 3, count: 1, resolved: false },
    ],
  ]),
  [
    'node',
    'uncaught',
    [
      {
        kind: 'node',
        code: 'TypeError',
        message: "Cannot read properties of undefined (reading 'name')",
        file: '/home/dev/app/src/crash.js',
        line: 1,
        column: 39,
      },
    ],
  ],
  [
    'node',
    'unhandled-rejection',
    [
      {
        kind: 'node',
        code: 'Error',
        message: 'connection refused: db at 127.0.0.1:5432',
        file: '/home/dev/app/src/reject.mjs',
        line: 1,
        column: 31,
      },
    ],
  ],
  [
    'node',
    'unhandled-rejection-string',
    [{ kind: 'node', code: 'ERR_UNHANDLED_REJECTION', file: undefined }],
  ],
  ['node', 'module-not-found', [{ kind: 'node', code: 'ERR_MODULE_NOT_FOUND', file: undefined }]],
  [
    'node',
    'logged-error',
    [{ kind: 'node', code: 'SyntaxError', file: '/home/dev/app/src/logged.js', line: 2, column: 12 }],
  ],
  [
    'npm',
    'npm11-workspace-lifecycle',
    // npm's epilogue is context: the program's own last words are the message (issue 11).
    [
      {
        kind: 'npm',
        code: '1',
        message: 'boom',
      },
    ],
  ],
  ['npm', 'npm9-workspace-lifecycle', [{ kind: 'npm', message: 'boom' }]],
  ['npm', 'npm11-missing-script', [{ kind: 'npm', message: 'Missing script: "nope"' }]],
  [
    'npm',
    'npm6-script-failed',
    [
      { kind: 'node', code: 'TypeError' },
      { kind: 'npm', code: 'ELIFECYCLE', message: 'Failed at the detect-scratch@1.0.0 build script.' },
    ],
  ],
  ['npm', 'npm11-script-failed', [{ kind: 'node', code: 'TypeError', file: '/home/dev/app/src/crash.js' }]],
  [
    'eslint',
    'stylish',
    [
      {
        kind: 'eslint',
        severity: 'error',
        code: 'no-unused-vars',
        file: '/home/dev/app/es/src/a.js',
        line: 1,
        column: 7,
      },
      {
        severity: 'error',
        code: 'eqeqeq',
        line: 3,
        column: 9,
        message: "Expected '===' and instead saw '=='",
      },
      { severity: 'warning', code: 'no-console', line: 3, column: 18 },
      { severity: 'error', code: 'no-undef', line: 3, column: 30 },
      { severity: 'warning', code: 'no-console', file: '/home/dev/app/es/src/b.js', line: 1, column: 1 },
      { severity: 'error', code: 'no-debugger', file: '/home/dev/app/es/src/b.js', line: 2 },
    ],
  ],
  [
    'eslint',
    'unix',
    [
      {
        kind: 'eslint',
        severity: 'error',
        code: 'no-unused-vars',
        file: '/home/dev/app/es/src/a.js',
        line: 1,
        column: 7,
      },
      { code: 'eqeqeq' },
      { severity: 'warning', code: 'no-console' },
      { code: 'no-undef', message: "'y' is not defined." },
      { severity: 'warning', code: 'no-console', file: '/home/dev/app/es/src/b.js' },
      { severity: 'error', code: 'no-debugger' },
    ],
  ],
  [
    'vite',
    'v8-dev-errors',
    [
      {
        kind: 'vite',
        code: 'PARSE_ERROR',
        message: 'Unexpected token',
        file: 'src/math.ts',
        line: 1,
        column: 58,
        resolved: true,
      },
      {
        kind: 'vite',
        message: 'Failed to resolve import "./missing.js" from "src/greet.js". Does the file exist?',
        file: '/home/dev/app/vt/src/greet.js',
        line: 1,
        column: 15,
        // The capture ends with `page reload src/math.ts`: a rebuild of another file (issue 11).
        resolved: false,
      },
    ],
  ],
  [
    'vite',
    'v5-dev-errors',
    [
      {
        kind: 'vite',
        message: 'Unexpected ";"',
        file: '/home/dev/app/v5/src/math.ts',
        line: 1,
        column: 57,
        resolved: true,
      },
    ],
  ],
  [
    'vite',
    'v8-build-error',
    [
      {
        kind: 'vite',
        message: 'Unexpected token',
        file: 'src/math.ts',
        line: 1,
        column: 58,
        resolved: false,
      },
    ],
  ],
  [
    'vite',
    'v5-build-error',
    [{ kind: 'vite', message: 'Unexpected ";"', file: '/home/dev/app/v5/src/math.ts', line: 1, column: 57 }],
  ],
  ['vite', 'v8-build-ok', []],
  ['vite', 'v8-dev-session', []],
  [
    'esbuild',
    'errors',
    [
      {
        kind: 'esbuild',
        severity: 'error',
        message: 'Could not resolve "./nothere.js"',
        file: 'src/greet.js',
        line: 1,
        column: 21,
      },
      {
        kind: 'esbuild',
        severity: 'error',
        message: 'Unexpected ";"',
        file: 'src/math.ts',
        line: 1,
        column: 57,
      },
    ],
  ],
  [
    'esbuild',
    'warning',
    [
      {
        kind: 'esbuild',
        severity: 'warning',
        code: 'equals-negative-zero',
        file: 'src/greet.js',
        line: 1,
        column: 39,
      },
    ],
  ],
  [
    'webpack',
    'errors',
    [
      {
        kind: 'webpack',
        message: 'Module parse failed: Unexpected token (1:27)',
        file: './src/broken.js',
        line: 1,
        column: 27,
      },
      {
        kind: 'webpack',
        message: "Module not found: Error: Can't resolve './missing' in '/home/dev/app/wp/src'",
        file: './src/index.js',
        line: 1,
        column: 0,
      },
    ],
  ],
  [
    'next',
    'dev-session',
    [
      {
        kind: 'next',
        message: 'Expression expected',
        file: './nx/app/page.tsx',
        line: 2,
        column: 1,
        resolved: true,
      },
      // Fixed, compiled (resolved), then broken again at the end of the capture: current again, 7 sightings.
      {
        kind: 'next',
        message: "Module not found: Can't resolve './nope'",
        file: './nx/app/page.tsx',
        line: 1,
        column: 1,
        count: 7,
        resolved: false,
      },
    ],
  ],
  [
    'next',
    'build-error',
    [
      {
        kind: 'next',
        message: "Module not found: Can't resolve './nope'",
        file: './nx/app/page.tsx',
        line: 1,
      },
    ],
  ],
];

describeFixtures('detection on captured JS tool output', CASES);
