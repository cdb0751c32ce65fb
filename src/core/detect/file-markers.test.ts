/**
 * Vite's rebuild markers name files: a marker about one file must not resolve another file's error
 * (issue 11, item 2). The lines are Vite 8's dev output as captured in test/fixtures/output/vite/
 * (same formats, other files): an import error in src/Greeting.tsx, then rebuilds of other files and
 * a reload caused by brum writing `.mcp.json` into the project.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toLines } from '../../../test/fixtures/output/lines.js';
import { ErrorDetector } from './detector.js';
import {
  baseName,
  lastTwoSegments,
  MARKERS,
  markerPath,
  recordPath,
  sameFile,
  viteMarkerFiles,
} from './markers.js';

const IMPORT_ERROR = `3:10:01 PM [vite] Internal server error: Failed to resolve import "./text-utils" from "src/Greeting.tsx". Does the file exist?
  Plugin: vite:import-analysis
  File: /home/dev/app/web/src/Greeting.tsx:2:23
  1  |  import { useState } from 'react';
  2  |  import { shout } from './text-utils';
     |                        ^
  3  |
      at TransformPluginContext._formatLog (file:///home/dev/app/node_modules/vite/dist/node/chunks/node.js:8865:39)
      at TransformPluginContext.error (file:///home/dev/app/node_modules/vite/dist/node/chunks/node.js:8862:14)`;

function session(...after: string[]): ErrorDetector {
  const d = new ErrorDetector();
  d.ingest(toLines(`${IMPORT_ERROR}\n${after.join('\n')}\n3:10:30 PM [vite] (client) ok`, { firstSeq: 1 }));
  d.flush('p1');
  return d;
}

describe('file-scoped resolution by Vite rebuild markers', () => {
  it('reads the files a marker names', () => {
    expect(viteMarkerFiles('3:10:05 PM [vite] (client) hmr update /src/App.tsx, /src/index.css')).toEqual([
      '/src/App.tsx',
      '/src/index.css',
    ]);
    expect(viteMarkerFiles('3:10:05 PM [vite] (client) hmr update /src/App.tsx (x2)')).toEqual([
      '/src/App.tsx',
    ]);
    expect(viteMarkerFiles('3:10:06 PM [vite] (client) page reload .mcp.json')).toEqual(['.mcp.json']);
    expect(viteMarkerFiles('3:07:41 PM [vite] page reload src/math.ts (x3)')).toEqual(['src/math.ts']);
    expect(sameFile('/home/dev/app/web/src/Greeting.tsx', '/src/Greeting.tsx')).toBe(true);
    expect(sameFile('src/Greeting.tsx', '/src/Greeting.tsx')).toBe(true);
    expect(sameFile('./src/Greeting.tsx', 'src/Greeting.tsx')).toBe(true);
    expect(sameFile('/home/dev/app/web/src/Greeting.tsx', '/src/App.tsx')).toBe(false);
    expect(sameFile('/home/dev/app/web/src/MyGreeting.tsx', '/src/Greeting.tsx')).toBe(false);
  });

  it('keeps the import error current through rebuilds of other files and a reload for .mcp.json', () => {
    const d = session(
      '3:10:05 PM [vite] (client) hmr update /src/App.tsx, /src/index.css',
      '3:10:06 PM [vite] (client) page reload .mcp.json',
      '3:10:08 PM [vite] (client) hmr update /src/App.tsx (x2)',
    );
    expect(d.list()).toMatchObject([
      {
        kind: 'vite',
        file: '/home/dev/app/web/src/Greeting.tsx',
        line: 2,
        resolved: false,
        message: 'Failed to resolve import "./text-utils" from "src/Greeting.tsx". Does the file exist?',
      },
    ]);
    expect(d.summary('p1').errorCount).toBe(1);
  });

  it('resolves it when that file is rebuilt', () => {
    const d = session(
      '3:10:05 PM [vite] (client) hmr update /src/App.tsx',
      '3:10:09 PM [vite] (client) hmr update /src/Greeting.tsx, /src/index.css',
    );
    expect(d.list()).toEqual([]);
    expect(d.list({ includeResolved: true })).toMatchObject([
      { file: '/home/dev/app/web/src/Greeting.tsx', resolved: true },
    ]);
  });

  it('resolves it on a full clean build', () => {
    const d = session('3:10:05 PM [vite] (client) page reload .mcp.json', '✓ built in 412ms');
    expect(d.list()).toEqual([]);
  });

  it('resolves an error that names no file on any rebuild', () => {
    const d = new ErrorDetector();
    d.ingest(
      toLines(
        '3:11:00 PM [vite] Internal server error: Transform failed with 1 error:\n3:11:02 PM [vite] (client) hmr update /src/App.tsx\nok',
        { firstSeq: 1 },
      ),
    );
    d.flush('p1');
    expect(d.list({ includeResolved: true })).toMatchObject([{ kind: 'vite', resolved: true }]);
  });
});

describe('the file index the store resolves markers through', () => {
  const segment = fc.constantFrom('src', 'lib', 'index.ts', 'App.tsx', 'a', '.', '..', '', 'app');
  const lead = fc.constantFrom('', '/', './', '../', 'file://', 'C:', '//');
  const sep = fc.constantFrom('/', '\\');
  // Mostly a marker naming a tail of the record's path (so that `sameFile` often holds), sometimes any.
  const pair = fc
    .tuple(
      lead,
      fc.array(segment, { maxLength: 3 }),
      fc.array(segment, { minLength: 1, maxLength: 3 }),
      lead,
      sep,
      sep,
    )
    .map(([leadR, head, tail, leadM, sepR, sepM]) => ({
      record: leadR + [...head, ...tail].join(sepR),
      marker: leadM + tail.join(sepM),
    }));

  it('finds every record a marker names: same last two segments, or same name for a bare name', () => {
    fc.assert(
      fc.property(pair, fc.constantFrom(undefined, '', 'apps/web/', 'src/'), ({ record, marker }, scope) => {
        fc.pre(sameFile(record, marker, scope));
        const named = markerPath(marker);
        const tail = lastTwoSegments(named);
        if (tail === undefined) expect(baseName(recordPath(record))).toBe(named);
        else expect(lastTwoSegments(recordPath(record))).toBe(tail);
      }),
      { numRuns: 5000, maxSkipsPerRun: 1000 },
    );
  });

  it('keys a path by its last two segments, a bare name by nothing', () => {
    expect(lastTwoSegments('apps/web/src/components/index.ts')).toBe('components/index.ts');
    expect(lastTwoSegments('src/index.ts')).toBe('src/index.ts');
    expect(lastTwoSegments('/src/index.ts')).toBe('src/index.ts');
    expect(lastTwoSegments('index.ts')).toBeUndefined();
    expect(lastTwoSegments('/index.ts')).toBeUndefined();
  });

  it('resolves the rebuilt index.ts only, among many of that name', () => {
    const detector = new ErrorDetector();
    const dirs = Array.from({ length: 50 }, (_, i) => `src/m${i}`);
    const lines = dirs.map(
      (dir) =>
        `12:00:00 PM [vite] Internal server error: Failed to resolve import "./x" from "${dir}/index.ts". Does the file exist?\n` +
        `  Plugin: vite:import-analysis\n  File: /app/${dir}/index.ts:2:23`,
    );
    detector.ingest(toLines(lines.join('\n'), { processId: 'web' }));
    detector.flush('web');
    expect(detector.list({ processId: 'web' })).toHaveLength(50);
    detector.ingest(
      toLines('12:00:01 PM [vite] (client) hmr update /src/m7/index.ts', { processId: 'web', firstSeq: 100 }),
    );
    const current = detector.list({ processId: 'web' }).map((r) => r.file);
    expect(current).toHaveLength(49);
    expect(current).not.toContain('/app/src/m7/index.ts');
  });
});

describe('markerPath', () => {
  it('leaves what the two replaces leave', () => {
    const slow = (file: string) => file.replace(/\\/g, '/').replace(/^\.?\/+/, '');
    fc.assert(
      fc.property(
        fc
          .array(fc.constantFrom('.', '/', '\\', 'a', 'src', '..', ''), { maxLength: 6 })
          .map((p) => p.join('')),
        (file) => {
          expect(markerPath(file)).toBe(slow(file));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('baseName', () => {
  it('is what follows the last `/` or `\\`, as the two lastIndexOf calls it replaced found it', () => {
    const slow = (file: string) => file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
    fc.assert(
      fc.property(
        fc
          .array(fc.constantFrom('.', '/', '\\', 'a', 'index.ts', 'é', ''), { maxLength: 6 })
          .map((p) => p.join('')),
        (file) => {
          expect(baseName(file)).toBe(slow(file));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('the Vite marker rule', () => {
  it('matches exactly the lines the greedy form it replaced matched', () => {
    const rule = MARKERS.find((r) => r.hint === '[vite]')!;
    const greedy = /\[vite\].*(?:hmr update|page reload)/;
    const reference = (text: string) => greedy.test(text);
    fc.assert(
      fc.property(
        fc
          .array(fc.constantFrom('[vite]', 'hmr update', 'page reload', ' ', 'x', '[vite', 'hmr', '\n'), {
            maxLength: 6,
          })
          .map((p) => p.join('')),
        (text) => {
          expect(rule.test.test(text)).toBe(reference(text));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
