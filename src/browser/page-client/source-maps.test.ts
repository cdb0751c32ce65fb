import { describe, expect, it } from 'vitest';
import { isProjectFile, projectFile, SourceMapper } from './source-maps.js';

const page = { origin: 'http://127.0.0.1:7601', target: 'http://localhost:5173', root: '/work/app' };

describe('source maps', () => {
  it('names project files relative to the project', () => {
    expect(projectFile('http://localhost:5173/src/App.tsx', '/work/app')).toBe('src/App.tsx');
    expect(projectFile('file:///work/app/src/a.ts', '/work/app')).toBe('src/a.ts');
    expect(projectFile('/work/app/src/b.ts', '/work/app')).toBe('src/b.ts');
    expect(projectFile('http://localhost:5173/@fs/work/app/lib/c.ts', '/work/app')).toBe('lib/c.ts');
    expect(projectFile('/elsewhere/d.ts', '/work/app')).toBe('/elsewhere/d.ts');
    // A workspace's dev server runs in a subfolder; files are still named from the project.
    expect(projectFile('http://localhost:5173/src/App.tsx', '/work/app/packages/web', '/work/app')).toBe(
      'packages/web/src/App.tsx',
    );
    expect(isProjectFile({ file: 'src/App.tsx' })).toBe(true);
    expect(isProjectFile({ file: 'node_modules/react-dom/index.js' })).toBe(false);
    expect(isProjectFile({ file: 'http://x/y.js' })).toBe(false);
  });

  it('maps a page location through the dev server’s map, fetched from the dev server only', async () => {
    // Generated line 1 col 1 → source line 3 col 5 of App.tsx ("AAEI": segment [0,0,2,4]).
    const map = JSON.stringify({ version: 3, sources: ['App.tsx'], names: [], mappings: 'AAEI' });
    const fetched: string[] = [];
    const mapper = new SourceMapper(async (url) => {
      fetched.push(url);
      if (url.startsWith('http://localhost:5173/src/App.tsx'))
        return `x();\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(map).toString('base64')}`;
      throw new Error('no such file');
    });
    const mapped = await mapper.map(
      { url: 'http://127.0.0.1:7601/src/App.tsx?t=171', line: 1, column: 1 },
      page,
    );
    expect(mapped).toEqual({
      file: 'src/App.tsx',
      line: 3,
      column: 5,
      url: 'http://127.0.0.1:7601/src/App.tsx?t=171',
    });
    expect(fetched).toEqual(['http://localhost:5173/src/App.tsx?t=171']);
    const frame = await mapper.mapFrame('at App (http://127.0.0.1:7601/src/App.tsx?t=171:1:1)', page);
    expect(frame.text).toBe('at App (src/App.tsx:3:5)');
    // Another origin is never fetched; the location stays as reported (without its query).
    const foreign = await mapper.map({ url: 'https://cdn.example/lib.js?v=1', line: 1, column: 1 }, page);
    expect(foreign.file).toBe('https://cdn.example/lib.js');
    expect(fetched).toHaveLength(1);
  });
});
