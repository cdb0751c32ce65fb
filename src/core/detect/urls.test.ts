import { describe, expect, it } from 'vitest';
import { fixtureLines, toLines } from '../../../test/fixtures/output/lines.js';
import { findUrls, UrlTracker } from './urls.js';

describe('findUrls', () => {
  it.each([
    ['  ➜  Local:   http://localhost:5173/', ['http://localhost:5173/']],
    ['- Local:        http://localhost:3000', ['http://localhost:3000']],
    ['Listening on http://0.0.0.0:8080', ['http://localhost:8080']],
    ['Server at http://[::]:4000/api.', ['http://localhost:4000/api']],
    [
      '<i> [webpack-dev-server] Loopback: http://127.0.0.1:8081/, http://[::1]:8081/',
      ['http://127.0.0.1:8081/', 'http://[::1]:8081/'],
    ],
    ['open (http://app.localhost:1355/dash?x=1#top)', ['http://app.localhost:1355/dash?x=1#top']],
    [
      'LAN: https://192.168.1.20:5173/ and http://10.0.0.7:3000, http://172.20.1.2:80',
      ['https://192.168.1.20:5173/', 'http://10.0.0.7:3000', 'http://172.20.1.2:80'],
    ],
    ['docs http://localhost:3000/wiki/Foo_(bar) here', ['http://localhost:3000/wiki/Foo_(bar)']],
  ])('%s', (text, expected) => {
    expect(findUrls(text)).toEqual(expected);
  });

  it.each([
    'see https://vitejs.dev/config/',
    'http://localhost.example.com:3000/',
    'http://172.32.0.1:80/ is public',
    'http://192.0.2.2:5199/',
    'http://8.8.8.8/',
    'no url here',
  ])('ignores %s', (text) => {
    expect(findUrls(text)).toEqual([]);
  });
});

describe('UrlTracker', () => {
  it('finds the URL in real, colour-bolded Vite output (stripped first)', () => {
    const lines = fixtureLines('vite', 'v8-dev-session');
    expect(lines.some((l) => l.raw.includes('http://localhost:\x1b[1m5199\x1b[22m/'))).toBe(true);
    const tracker = new UrlTracker();
    const found = lines.flatMap((l) => tracker.add(l));
    // The Network address of this capture machine is a documentation-range IP, not a LAN one.
    expect(found.map((r) => r.url)).toEqual(['http://localhost:5199/']);
    expect(found[0]).toMatchObject({ processId: 'p1', seq: 4 });
  });

  it('finds Next.js URLs', () => {
    const tracker = new UrlTracker();
    fixtureLines('next', 'dev-session').forEach((l) => tracker.add(l));
    expect(tracker.list('p1').map((r) => r.url)).toEqual(['http://localhost:3099']);
  });

  it('deduplicates per process in order of first appearance, lists all, clears one', () => {
    const tracker = new UrlTracker();
    const a = toLines(
      'at http://localhost:3000\nagain http://localhost:3000/\napi http://localhost:3000/api',
      { processId: 'a' },
    );
    const b = toLines('b http://localhost:5173/', { processId: 'b', firstSeq: 2 });
    expect(tracker.add(a[0]!)).toHaveLength(1);
    expect(tracker.add(b[0]!)).toHaveLength(1);
    expect(tracker.add(a[1]!)).toHaveLength(0);
    expect(tracker.add(a[2]!)).toHaveLength(1);
    expect(tracker.list('a').map((r) => r.url)).toEqual([
      'http://localhost:3000',
      'http://localhost:3000/api',
    ]);
    expect(tracker.list().map((r) => r.url)).toEqual([
      'http://localhost:3000',
      'http://localhost:5173/',
      'http://localhost:3000/api',
    ]);
    tracker.clear('a');
    expect(tracker.list().map((r) => r.processId)).toEqual(['b']);
  });
});
