import { afterEach, describe, expect, it } from 'vitest';
import { FakeEngine } from '../../../test/helpers/fake-engine.js';
import { KEY, renderApp } from '../../../test/tui/helpers/render-app.js';
import { createTheme } from '../theme.js';

let app: ReturnType<typeof renderApp> | undefined;
afterEach(() => app?.cleanup());

function engineWithLogs(count: number): FakeEngine {
  const engine = new FakeEngine('/p', ['dev', 'watch']);
  engine.start('dev');
  engine.start('watch');
  for (let i = 1; i <= count; i++) engine.log(i % 2 ? 'dev-1' : 'watch-2', [`line ${i}`]);
  return engine;
}

describe('LogsView', () => {
  it('follows the newest lines of all processes with labels', async () => {
    const engine = engineWithLogs(100);
    app = renderApp(engine, { initialView: 'logs' });
    const frame = await app.waitForText('line 100');
    expect(frame).toContain('all processes · following');
    expect(frame).toMatch(/watch\s+ line 100/);
    expect(frame).toMatch(/dev\s+ line 99/);
    expect(frame).not.toContain('line 70 ');
    engine.log('dev-1', ['fresh line']);
    await app.waitForText('fresh line');
  });

  it('pauses follow when scrolling up and resumes at the bottom', async () => {
    const engine = engineWithLogs(100);
    app = renderApp(engine, { initialView: 'logs' });
    await app.waitForText('line 100');
    await app.press(KEY.pageUp);
    await app.waitForText('paused');
    expect(app.frame()).not.toContain('line 100');
    engine.log('dev-1', ['arrived while paused']);
    await new Promise((r) => setTimeout(r, 50));
    expect(app.frame()).not.toContain('arrived while paused');
    await app.press(KEY.pageDown);
    await app.waitForText('following');
    await app.waitForText('arrived while paused');
    await app.press(KEY.home);
    await app.waitForText(/ line 1\n/);
    await app.press(KEY.end);
    await app.waitForText('following');
  });

  it('reads only a screenful per render, however many lines are stored', async () => {
    const engine = engineWithLogs(20_000);
    let read = 0;
    const tail = engine.tailLogs.bind(engine);
    engine.tailLogs = (id, count) => {
      const lines = tail(id, count);
      read += lines.length;
      return lines;
    };
    app = renderApp(engine, { initialView: 'logs' });
    await app.waitForText('line 20000');
    // Body height at 30 rows is 25 minus the title line; a few renders at most.
    expect(read).toBeLessThan(200);
  });

  it('shows one process with ] and all again with a', async () => {
    const engine = engineWithLogs(10);
    app = renderApp(engine, { initialView: 'logs' });
    await app.waitForText('line 10');
    await app.press(']');
    const frame = await app.waitForText('dev · following');
    expect(frame).toContain('line 9');
    expect(frame).not.toContain('line 10');
    await app.press('a');
    await app.waitForText('all processes');
  });

  it('searches with / and moves between matches with n and N', async () => {
    const engine = engineWithLogs(200);
    engine.log('dev-1', ['needle one']);
    engine.log(
      'dev-1',
      Array.from({ length: 100 }, (_, i) => `filler ${i}`),
    );
    engine.log('dev-1', ['needle two']);
    engine.log(
      'dev-1',
      Array.from({ length: 100 }, (_, i) => `more ${i}`),
    );
    app = renderApp(engine, { initialView: 'logs' });
    await app.waitForText('more 99');
    await app.press('/', 'needle', KEY.enter);
    let frame = await app.waitForText('"needle": 2/2');
    expect(frame).toContain('▶ needle two');
    await app.press('N');
    frame = await app.waitForText('"needle": 1/2');
    expect(frame).toContain('▶ needle one');
    await app.press('n');
    await app.waitForText('"needle": 2/2');
  });

  it('says when a search stopped at its time budget (results are partial)', async () => {
    const engine = engineWithLogs(3);
    const search = engine.searchLogs.bind(engine);
    engine.searchLogs = async (query) => ({ ...(await search(query)), timedOut: true });
    app = renderApp(engine, { initialView: 'logs' });
    await app.waitForText('line 3');
    await app.press('/', '/line [23]/', KEY.enter);
    await app.waitForText('partial: the search hit its time');
  });

  it('reports an invalid pattern from the engine', async () => {
    const engine = engineWithLogs(3);
    engine.searchLogs = () => {
      throw new Error('Invalid pattern: unterminated group');
    };
    app = renderApp(engine, { initialView: 'logs' });
    await app.waitForText('line 3');
    await app.press('/', '/(/', KEY.enter);
    await app.waitForText('Invalid pattern');
  });

  it('filters to error and warning lines with e', async () => {
    const engine = engineWithLogs(50);
    engine.log('dev-1', ['Error: broken'], 'stderr', 'error');
    engine.log('dev-1', ['Warning: odd'], 'stdout', 'warning');
    engine.log('dev-1', ['all good']);
    app = renderApp(engine, { initialView: 'logs' });
    await app.waitForText('all good');
    await app.press('e');
    const frame = await app.waitForText('errors+warnings only');
    expect(frame).toContain('Error: broken');
    expect(frame).toContain('Warning: odd');
    expect(frame).not.toContain('all good');
    expect(frame).not.toContain('line 50');
  });

  it('marks stderr, keeps ANSI colours, and cuts long lines to the width', async () => {
    const engine = new FakeEngine('/p', ['dev']);
    engine.start('dev');
    engine.log('dev-1', ['\u001B[32mgreen text\u001B[39m', `${'x'.repeat(300)}END`]);
    engine.log('dev-1', ['to stderr'], 'stderr');
    app = renderApp(engine, { initialView: 'logs', theme: createTheme(true) });
    const frame = await app.waitForText('to stderr');
    expect(frame).toContain('\u001B[32mgreen text');
    expect(frame).toMatch(/! .*to stderr/);
    expect(frame).not.toContain('END');
    for (const line of frame.split('\n')) {
      // eslint-disable-next-line no-control-regex
      expect(line.replace(/\u001B\[[0-9;]*m/g, '').length).toBeLessThanOrEqual(100);
    }
  });

  it('keeps wide characters within the width (rows are cut by the row, not clipped by the view)', async () => {
    const engine = new FakeEngine('/p', ['dev']);
    engine.start('dev');
    engine.log('dev-1', [
      '漢'.repeat(150),
      `a${'字'.repeat(150)}`,
      `\u001B[31m${'😀'.repeat(120)}\u001B[39m`,
      'last',
    ]);
    app = renderApp(engine, { initialView: 'logs', theme: createTheme(true) });
    const frame = await app.waitForText('last');
    // Two columns for the CJK and emoji used here, one for anything else.
    const columns = (text: string): number =>
      // eslint-disable-next-line no-control-regex
      [...text.replace(/\u001B\[[0-9;]*m/g, '')].reduce(
        (n, ch) => n + ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1),
        0,
      );
    const rows = frame.split('\n');
    expect(rows.some((row) => row.includes('漢漢'))).toBe(true);
    expect(rows.some((row) => row.includes('😀😀'))).toBe(true);
    for (const row of rows) expect(columns(row)).toBeLessThanOrEqual(100);
  });

  it('keeps the screen full when a search hit is among the newest lines', async () => {
    const engine = engineWithLogs(100);
    engine.log('dev-1', ['needle near the end', 'after 1', 'after 2']);
    app = renderApp(engine, { initialView: 'logs' });
    await app.waitForText('after 2');
    await app.press('/', 'needle', KEY.enter);
    const frame = await app.waitForText('"needle": 1/1');
    expect(frame).toContain('▶ needle near the end');
    // 30 rows: 25 for the view, one of them the title; all 24 hold lines.
    const rows = frame.split('\n').filter((l) => /^(dev|watch)\s/.test(l));
    expect(rows).toHaveLength(24);
    expect(frame).toContain('line 100');
  });

  it('says when a search finds nothing', async () => {
    const engine = engineWithLogs(5);
    app = renderApp(engine, { initialView: 'logs' });
    await app.waitForText('line 5');
    await app.press('/', 'absent', KEY.enter);
    const frame = await app.waitForText('"absent": no matches');
    expect(frame).not.toContain('0/0');
  });

  it('opens / empty, with the previous queries on ↑ and ↓', async () => {
    // Reported: the prompt opened pre-filled with the last query, so typing appended to it.
    const engine = engineWithLogs(5);
    app = renderApp(engine, { initialView: 'logs' });
    await app.waitForText('line 5');
    await app.press('/', 'line 2', KEY.enter);
    await app.waitForText('"line 2": 1/1');
    await app.press('/', 'line 3', KEY.enter);
    await app.waitForText('"line 3": 1/1');
    await app.press('/');
    await app.waitForText(/^search>\s*$/m);
    await app.press('4', KEY.enter);
    await app.waitForText('"4": 1/1');
    await app.press('/', KEY.up);
    await app.waitForText('search> 4');
    await app.press(KEY.up, KEY.up);
    await app.waitForText('search> line 2');
    await app.press(KEY.down);
    await app.waitForText('search> line 3');
    await app.press(KEY.enter);
    await app.waitForText('"line 3": 1/1');
  });
});
