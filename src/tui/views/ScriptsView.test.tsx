import { afterEach, describe, expect, it } from 'vitest';
import { FakeEngine, waitFor } from '../../../test/helpers/fake-engine.js';
import { KEY, renderApp } from '../../../test/tui/helpers/render-app.js';

let app: ReturnType<typeof renderApp> | undefined;
afterEach(() => app?.cleanup());

describe('ScriptsView', () => {
  it('lists scripts (workspaces too) and starts the selected one with Enter', async () => {
    const engine = new FakeEngine('/p', ['dev', 'build']);
    engine.scripts.push({
      name: 'web:dev',
      script: 'dev',
      command: 'vite',
      cwd: '/p/web',
      workspace: '@acme/web',
      kind: 'script',
    });
    app = renderApp(engine);
    const frame = await app.waitForText('3 of 3 scripts');
    expect(frame).toContain('web:dev');
    await app.press(KEY.down, KEY.enter);
    await waitFor(() => engine.calls.includes('start:build'));
    await app.waitForText('started build-1');
    await app.waitForText(/build\s+◐ running/);
  });

  it('filters as you type after /, Enter starts the first match, Esc clears', async () => {
    const engine = new FakeEngine('/p', ['dev', 'build', 'lint']);
    app = renderApp(engine);
    await app.waitForText('3 of 3 scripts');
    await app.press('/', 'l', 'i');
    await app.waitForText('1 of 3 scripts');
    expect(app.frame()).toContain('lint');
    expect(app.frame()).not.toContain('build ');
    await app.press(KEY.enter);
    await waitFor(() => engine.calls.includes('start:lint'));
    await app.press('/', 'b', 'u');
    await app.waitForText('1 of 3 scripts');
    // One Esc cancels: the filter is gone and the list keys work again.
    await app.press(KEY.escape);
    await app.waitForText('3 of 3 scripts');
    expect(app.frame()).toContain('/ to filter, n to run a command');
    expect(app.frame()).toContain('Enter start');
    // The selection stays on the script it was on (build, the one match), not on a row number.
    expect(app.frame()).toMatch(/› build/);
    await app.press(KEY.down);
    await app.waitForText(/› lint/);
  });

  it('moves once per key when several keys arrive in one chunk (a held-down j)', async () => {
    const engine = new FakeEngine('/p', ['a', 'b', 'c', 'd']);
    app = renderApp(engine);
    await app.waitForText('4 of 4 scripts');
    await app.press('jjj');
    await app.waitForText(/› d/);
    await app.press('kk');
    await app.waitForText(/› b/);
  });

  it('takes / then a name then Enter arriving in one chunk as keys, in order', async () => {
    // tmux under load delivers `/watch` + Enter in one read: the letters belong to the filter that `/`
    // opened, not to the list under it, and Enter starts what the filter selected.
    const engine = new FakeEngine('/p', ['dev', 'typecheck', 'watch']);
    app = renderApp(engine);
    await app.waitForText('3 of 3 scripts');
    app.stdin.write('/watch\r');
    await waitFor(() => engine.calls.some((c) => c.startsWith('start:')));
    expect(engine.calls.filter((c) => c.startsWith('start:'))).toEqual(['start:watch']);
    await app.waitForText('3 of 3 scripts');
  });

  it('applies several backspaces that arrive in one chunk, and ignores invisible characters', async () => {
    const engine = new FakeEngine('/p', ['dev', 'build', 'lint']);
    app = renderApp(engine);
    await app.waitForText('3 of 3 scripts');
    await app.press('/', 'lintx');
    await app.waitForText('0 of 3 scripts');
    app.stdin.write('\u007F\u007F\u007F\u007F');
    await app.waitForText('filter> l');
    await app.waitForText('2 of 3 scripts'); // build, lint
    // A control character (here Ctrl+B and a DEL inside pasted text) never becomes part of the query.
    app.stdin.write('\u0002');
    app.stdin.write('in\u0000t');
    await app.waitForText('filter> lint');
    await app.waitForText('1 of 3 scripts');
  });

  it('runs an ad-hoc command typed at the n prompt', async () => {
    const engine = new FakeEngine('/p', ['dev']);
    app = renderApp(engine);
    await app.waitForText('1 of 1 scripts');
    await app.press('n');
    await app.waitForText('command>');
    await app.press('echo hi', KEY.enter);
    await waitFor(() => engine.calls.includes('command:echo hi'));
    await app.waitForText('started cmd-1');
  });

  it('reports a start failure in the status line instead of crashing', async () => {
    const engine = new FakeEngine('/p', ['dev']);
    engine.start = () => {
      throw new Error('Unknown script "dev"');
    };
    app = renderApp(engine);
    await app.waitForText('1 of 1 scripts');
    await app.press(KEY.enter);
    await app.waitForText('start dev failed: Unknown script "dev"');
  });
});
