/**
 * Paths (issue 11): every record's `file` is relative to the project root when inside it (absolute
 * otherwise), resolved against the printing process's working directory, so the same file has the
 * same key whichever tool printed it — and rebuild markers of a workspace match only its own files.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { toLines } from '../../../test/fixtures/output/lines.js';
import { createTestEngine, repoPath, shutdownEngines } from '../../../test/helpers/engine.js';
import { ErrorDetector } from './detector.js';
import fc from 'fast-check';
import { projectRelative, projectRelativeFast, scopeOf } from './paths.js';

afterEach(shutdownEngines);

describe('projectRelativeFast (string operations for plain names)', () => {
  // Segments that stress the path arithmetic: dots, doubled and trailing slashes, backslashes, URLs.
  const segment = fc.constantFrom(
    'src',
    'a.ts',
    '.',
    '..',
    '',
    'p',
    'web',
    'x\\y',
    'node:fs',
    'file:',
    '<anonymous>',
    '[eval]',
    'App.tsx',
  );
  const name = fc
    .tuple(fc.boolean(), fc.array(segment, { minLength: 1, maxLength: 5 }))
    .map(([absolute, parts]) => (absolute ? '/' : '') + parts.join('/'));
  const cwd = fc.constantFrom('/p', '/p/apps/web', '/q', '/p/apps', '/');

  it('answers exactly what projectRelative answers, whenever it answers', () => {
    fc.assert(
      fc.property(name, cwd, fc.constantFrom('/p', '/'), (file, dir, root) => {
        const fast = projectRelativeFast(file, scopeOf(dir, root), root);
        if (fast !== undefined) expect(fast).toBe(projectRelative(file, dir, root));
      }),
      { numRuns: 3000 },
    );
  });

  it('answers for the plain names error storms are made of', () => {
    expect(projectRelativeFast('src/a.ts', 'apps/web/', '/p')).toBe('apps/web/src/a.ts');
    expect(projectRelativeFast('src/a.ts', '', '/p')).toBe('src/a.ts');
    expect(projectRelativeFast('/p/apps/web/src/a.ts', '', '/p')).toBe('apps/web/src/a.ts');
    expect(projectRelativeFast('./src/a.ts', '', '/p')).toBeUndefined();
    expect(projectRelativeFast('/usr/lib/x.js', '', '/p')).toBe('/usr/lib/x.js');
    expect(projectRelativeFast('/p', '', '/p')).toBeUndefined();
  });
});

describe('projectRelative', () => {
  it('resolves against the cwd and keys files by their path from the root', () => {
    expect(projectRelative('src/a.ts', '/p/apps/web', '/p')).toBe('apps/web/src/a.ts');
    expect(projectRelative('./src/a.ts', '/p/apps/web', '/p')).toBe('apps/web/src/a.ts');
    expect(projectRelative('/p/apps/web/src/a.ts', '/p/apps/web', '/p')).toBe('apps/web/src/a.ts');
    expect(projectRelative('file:///p/apps/web/src/a.ts', '/p', '/p')).toBe('apps/web/src/a.ts');
    expect(projectRelative('../../packages/ui/b.ts', '/p/apps/web', '/p')).toBe('packages/ui/b.ts');
    expect(projectRelative('/usr/lib/x.js', '/p', '/p')).toBe('/usr/lib/x.js');
    expect(projectRelative('../other/x.js', '/p', '/p')).toBe('/other/x.js');
    expect(projectRelative('node:fs', '/p', '/p')).toBe('node:fs');
    expect(projectRelative('<anonymous>', '/p', '/p')).toBe('<anonymous>');
    expect(projectRelative('webpack://app/./src/x.js', '/p', '/p')).toBe('webpack://app/./src/x.js');
  });

  it('names a process folder relative to the root', () => {
    expect(scopeOf('/p', '/p')).toBe('');
    expect(scopeOf('/p/apps/web', '/p')).toBe('apps/web/');
    expect(scopeOf('/elsewhere', '/p')).toBeUndefined();
  });
});

describe('records in a workspace', () => {
  const VITE_ERROR = (file: string) =>
    `3:10:01 PM [vite] Internal server error: Failed to resolve import "./text-utils" from "src/Greeting.tsx". Does the file exist?
  Plugin: vite:import-analysis
  File: ${file}:2:23
      at TransformPluginContext._formatLog (file:///p/node_modules/vite/dist/node/chunks/node.js:8865:39)`;

  function detector(): ErrorDetector {
    const cwds: Record<string, string> = { web: '/p/apps/web', root: '/p' };
    return new ErrorDetector({ paths: { root: '/p', cwdOf: (id) => cwds[id] } });
  }

  it('tsc (relative), Vite (absolute) and a root process name one file the same way', () => {
    const d = detector();
    d.ingest(
      toLines("src/Greeting.tsx(2,23): error TS2307: Cannot find module './text-utils'.", {
        processId: 'web',
      }),
    );
    d.ingest(toLines(VITE_ERROR('/p/apps/web/src/Greeting.tsx'), { processId: 'web', firstSeq: 10 }));
    d.ingest(
      toLines("apps/web/src/Greeting.tsx(2,23): error TS2307: Cannot find module './text-utils'.", {
        processId: 'root',
        firstSeq: 20,
      }),
    );
    d.flush('web');
    expect(new Set(d.list().map((r) => r.file))).toEqual(new Set(['apps/web/src/Greeting.tsx']));
    expect(d.list().every((r) => r.line === 2 && r.column === 23)).toBe(true);
  });

  it("a Vite marker resolves only files in its own folder; a file outside Vite's root by its /@fs/ path", () => {
    const d = detector();
    d.ingest(toLines(VITE_ERROR('/p/apps/web/src/Greeting.tsx'), { processId: 'web' }));
    d.ingest(toLines(VITE_ERROR('/p/packages/ui/src/Greeting.tsx'), { processId: 'web', firstSeq: 10 }));
    d.flush('web');
    expect(
      d
        .list()
        .map((r) => r.file)
        .sort(),
    ).toEqual(['apps/web/src/Greeting.tsx', 'packages/ui/src/Greeting.tsx']);
    // `/src/Greeting.tsx` is apps/web's file (Vite's root is the process's folder): ui's stays current.
    d.ingest(
      toLines('3:10:05 PM [vite] (client) hmr update /src/Greeting.tsx', { processId: 'web', firstSeq: 30 }),
    );
    expect(d.list().map((r) => r.file)).toEqual(['packages/ui/src/Greeting.tsx']);
    d.ingest(
      toLines('3:10:06 PM [vite] (client) hmr update /@fs/p/packages/ui/src/Greeting.tsx', {
        processId: 'web',
        firstSeq: 31,
      }),
    );
    expect(d.list()).toEqual([]);
  });

  it('a Vite root below the process folder still matches by the path tail within the folder', () => {
    const d = detector();
    d.ingest(toLines(VITE_ERROR('/p/apps/web/client/src/Greeting.tsx'), { processId: 'web' }));
    d.flush('web');
    d.ingest(
      toLines('3:10:05 PM [vite] (client) hmr update /src/Greeting.tsx', { processId: 'web', firstSeq: 30 }),
    );
    expect(d.list()).toEqual([]);
  });

  it('a real workspace script: its relative and absolute paths become paths from the project root', async () => {
    const engine = createTestEngine('test/fixtures/projects/paths-workspace');
    const { process } = engine.start('web:check');
    await engine.waitFor(process.id, 'exit', 15_000);
    // (npm's own failure epilogue is a record too, with no file.)
    const records = engine.errors({ processId: process.id }).filter((r) => r.kind !== 'npm');
    expect(records.map((r) => [r.kind, r.file, r.line]).sort()).toEqual([
      ['node', 'apps/web/src/server.js', 4],
      ['typescript', 'apps/web/src/math.test.ts', 2],
    ]);
    expect(engine.projectDir).toBe(repoPath('test/fixtures/projects/paths-workspace').replace(/\/$/, ''));
  });
});
