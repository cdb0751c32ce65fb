/**
 * Vite's rebuild markers name files: a marker about one file must not resolve another file's error
 * (issue 11, item 2). The lines are Vite 8's dev output as captured in test/fixtures/output/vite/
 * (same formats, other files): an import error in src/Greeting.tsx, then rebuilds of other files and
 * a reload caused by brum writing `.mcp.json` into the project.
 */
import { describe, expect, it } from 'vitest';
import { toLines } from '../../../test/fixtures/output/lines.js';
import { ErrorDetector } from './detector.js';
import { sameFile, viteMarkerFiles } from './markers.js';

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
