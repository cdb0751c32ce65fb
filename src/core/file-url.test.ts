import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseV8Frame, splitLocation } from './detect/parsers/location.js';
import { pathFromFileUrl } from './file-url.js';

describe('pathFromFileUrl', () => {
  it('decodes percent-escapes, so a folder with a space is a real path', () => {
    expect(pathFromFileUrl('file:///home/me/my%20app/src/a.js')).toBe('/home/me/my app/src/a.js');
    expect(pathFromFileUrl('file:///a/%C3%A9t%C3%A9.ts')).toBe('/a/été.ts');
  });

  it('leaves paths and non-file URLs unchanged', () => {
    expect(pathFromFileUrl('/a/b.js')).toBe('/a/b.js');
    expect(pathFromFileUrl('src/my%20x.ts')).toBe('src/my%20x.ts');
    expect(pathFromFileUrl('http://localhost/a')).toBe('http://localhost/a');
    expect(pathFromFileUrl('file://remote-host/a.js')).toBe('file://remote-host/a.js');
  });

  it('is what the location parsers use', () => {
    expect(splitLocation('file:///p/my%20app/a.ts:3:4')).toEqual({
      file: '/p/my app/a.ts',
      line: 3,
      column: 4,
    });
    expect(parseV8Frame('    at main (file:///p/my%20app/a.js:1:7)')?.file).toBe('/p/my app/a.js');
  });
});

describe('an ESM stack from a folder with a space', () => {
  const dir = mkdtempSync(join(tmpdir(), 'brum file url '));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parses to a file that exists (so the editor can open it)', () => {
    const app = join(dir, 'my app');
    mkdirSync(app);
    const script = join(app, 'boom.mjs');
    writeFileSync(script, "throw new Error('boom');\n");
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 10_000 });
    const frame = run.stderr.split('\n').find((line) => line.includes('file://'));
    expect(frame, run.stderr).toContain('%20');
    const location = splitLocation(frame!.trim()) ?? parseV8Frame(frame!);
    expect(location?.file).toBe(script);
    expect(existsSync(location!.file)).toBe(true);
  });
});
