import { afterEach, describe, expect, it } from 'vitest';
import { FakeEngine, waitFor } from '../../test/helpers/fake-engine.js';
import { KEY, renderApp } from '../../test/tui/helpers/render-app.js';

let app: ReturnType<typeof renderApp> | undefined;
afterEach(() => app?.cleanup());

describe('App', () => {
  it('shows the header, the Scripts view and its footer keys', async () => {
    app = renderApp(new FakeEngine('/p', ['dev', 'build']));
    const frame = await app.waitForText('Enter start');
    expect(frame).toContain('brum demo');
    expect(frame).toContain('0 running');
    expect(frame).toContain('1 Scripts');
    expect(frame).toContain('Enter start');
    expect(frame).toContain('q quit');
  });

  it('counts the open browser tabs in the header', async () => {
    const engine = new FakeEngine('/p', ['dev']);
    app = renderApp(engine);
    expect(await app.waitForText('0 tabs')).toContain('◎ 0 tabs');
    const tab = { url: 'http://127.0.0.1:7601/', title: 'x', processId: 'dev-1' };
    engine.browser.tabConnected({ ...tab, tab: 't-a', load: 'l-1' });
    engine.browser.tabConnected({ ...tab, tab: 't-b', load: 'l-2' });
    await app.waitForText('◎ 2 tabs');
    engine.browser.tabDisconnected('t-a', 'l-1');
    expect(await app.waitForText('◎ 1 tab')).not.toContain('◎ 1 tabs');
  });

  it('switches views with Tab, Shift+Tab and number keys', async () => {
    app = renderApp(new FakeEngine('/p', ['dev']));
    await app.waitForText('dev');
    await app.press(KEY.tab);
    await app.waitForText('No processes yet');
    await app.press('5');
    await app.waitForText('No URLs yet');
    await app.press(KEY.shiftTab);
    await app.waitForText('No errors yet');
    await app.press('6');
    await app.waitForText('No proxies yet');
    await app.press('7');
    await app.waitForText('Package manager');
  });

  it('shows the keys of the current view on ?', async () => {
    app = renderApp(new FakeEngine('/p', ['dev']));
    await app.waitForText('dev');
    await app.press('2', '?');
    const frame = await app.waitForText('Processes keys');
    expect(frame).toContain('Ctrl+R');
    expect(frame).toContain('restart all');
    expect(frame).toContain('Everywhere');
    await app.press(KEY.escape);
    await app.waitForText('No processes yet');
  });

  it('quits on q and on Ctrl+C, showing what it stops', async () => {
    const engine = new FakeEngine('/p', ['dev']);
    engine.start('dev');
    app = renderApp(engine);
    await app.waitForText('1 running');
    await app.press('q');
    await app.waitForText('Stopping 1 process…');
    expect(app.quits()).toBe(1);
    // No key but Ctrl+C does anything now, so the footer offers none.
    expect(app.frame()).not.toContain('q quit');
    await app.press(KEY.ctrlC);
    expect(app.quits()).toBe(1);
    // Once the process has exited but shutdown still waits (its group), say so instead of "0".
    await engine.stop('dev-1');
    await app.waitForText('waiting for the last child processes to exit');
    expect(app.frame()).not.toContain('Stopping 0');
  });

  it('lets Ctrl+C quit even while typing in a prompt', async () => {
    app = renderApp(new FakeEngine('/p', ['dev']));
    await app.waitForText('dev');
    await app.press('/', 'q');
    await app.waitForText('filter> q');
    expect(app.quits()).toBe(0);
    await app.press(KEY.ctrlC);
    await app.waitForText('Stopping');
    expect(app.quits()).toBe(1);
  });

  it('fits 80×24 in every view: never wider, always one row short of the screen', async () => {
    const engine = new FakeEngine('/p', ['dev', 'a-very-long-script-name-that-goes-on-and-on']);
    const dev = engine.start('dev').process;
    engine.put(dev.with({ urls: ['http://localhost:5173/'], lastError: 'x'.repeat(200), errorCount: 1 }));
    engine.log(dev.id, ['y'.repeat(500)]);
    engine.proxyListening(dev.id);
    for (let i = 0; i < 40; i++) {
      engine.proxiedRequest(dev.id, `/${'z'.repeat(200)}`, {
        status: 200,
        durationMs: 3,
        bytes: 10,
        warning: 'w'.repeat(100),
      });
    }
    app = renderApp(engine, { size: { columns: 80, rows: 24 } });
    // Each view's own footer hint and the long content it must cut: the frame is measured once the
    // view has drawn that, not after a guessed delay.
    const views: [key: string, drawn: RegExp][] = [
      ['1', /a-very-long-script-name-that…[^]*Enter start/],
      ['2', /✖ x+…[^]*s stop/],
      ['3', /dev {4}y{20}[^]*End\/G follow/],
      ['4', /Enter details/],
      ['5', /Enter\/o open/],
      ['6', /\/z{20}[^]*errors only/],
      ['7', /Authorization[^]*w write config/],
    ];
    for (const [key, drawn] of views) {
      await app.press(key);
      await app.waitForText(drawn);
      const lines = app.frame().split('\n');
      expect(lines.length).toBeLessThanOrEqual(23);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    }
  });

  it('clears a notice after a while, so it does not linger over later views', async () => {
    const engine = new FakeEngine('/p', ['dev']);
    app = renderApp(engine, { noticeMs: 200 });
    await app.waitForText('1 of 1 scripts');
    await app.press(KEY.enter);
    await app.waitForText('started dev-1');
    await app.press('2');
    await waitFor(() => !app!.frame().includes('started dev-1'));
  });
});
