import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorRecord } from '../../core/detect/types.js';
import { FakeEngine, waitFor } from '../../../test/tui/helpers/fake-engine.js';
import { KEY, renderApp } from '../../../test/tui/helpers/render-app.js';

let app: ReturnType<typeof renderApp> | undefined;
afterEach(() => app?.cleanup());

function error(over: Partial<ErrorRecord>): ErrorRecord {
  return {
    id: 'e1',
    processId: 'fail-1',
    severity: 'error',
    kind: 'node',
    code: 'TypeError',
    message: 'boom is not a function',
    file: 'src/fail.mjs',
    line: 12,
    column: 5,
    stack: ['at main (src/fail.mjs:12:5)', 'at node:internal/main'],
    firstSeen: Date.now() - 60_000,
    lastSeen: Date.now() - 2000,
    count: 3,
    seqStart: 2,
    seqEnd: 3,
    resolved: false,
    fingerprint: 'f1',
    ...over,
  };
}

function engineWithErrors(): FakeEngine {
  const engine = new FakeEngine('/p', ['fail']);
  engine.start('fail');
  engine.log(
    'fail-1',
    ['starting', 'TypeError: boom is not a function', '    at main (src/fail.mjs:12:5)'],
    'stderr',
  );
  engine.errorList = [
    error({
      id: 'old',
      message: 'fixed already',
      resolved: true,
      lastSeen: Date.now(),
      file: 'src/old.ts',
      line: 1,
    }),
    error({}),
  ];
  return engine;
}

describe('ErrorsView', () => {
  it('lists current errors before resolved ones with kind, file:line, count, last seen', async () => {
    app = renderApp(engineWithErrors(), { initialView: 'errors' });
    const frame = await app.waitForText('fixed already');
    const current = frame.indexOf('src/fail.mjs:12:5');
    expect(current).toBeGreaterThan(0);
    expect(current).toBeLessThan(frame.indexOf('src/old.ts:1'));
    expect(frame).toMatch(/✖ node TypeError\s+src\/fail\.mjs:12:5\s+×3\s+\d+s ago\s+fail/);
    expect(frame).toContain('resolved');
  });

  it('Enter shows the detail with stack and raw lines; Esc goes back', async () => {
    app = renderApp(engineWithErrors(), { initialView: 'errors' });
    await app.waitForText('fixed already');
    await app.press(KEY.enter);
    const frame = await app.waitForText('Output (lines 2–3)');
    expect(frame).toContain('node TypeError: boom is not a function');
    expect(frame).toContain('at main (src/fail.mjs:12:5)');
    expect(frame).toContain('  TypeError: boom is not a function');
    expect(frame).not.toContain('starting');
    await app.press(KEY.escape);
    await app.waitForText('fixed already');
  });

  it('c copies the error (OSC 52 on stdout) and reports it', async () => {
    app = renderApp(engineWithErrors(), { initialView: 'errors' });
    await app.waitForText('fixed already');
    await app.press('c');
    await app.waitForText('copied error');
    const osc = app.stdout.frames.find((f) => f.includes('\u001B]52;c;'));
    expect(osc).toBeDefined();
    // eslint-disable-next-line no-control-regex -- the OSC 52 sequence is what is under test
    const payload = /\u001B]52;c;([^\u0007]+)\u0007/.exec(osc ?? '')?.[1] ?? '';
    expect(Buffer.from(payload, 'base64').toString()).toContain(
      'node TypeError: boom is not a function\n  at src/fail.mjs:12:5',
    );
  });

  it('o explains when $EDITOR is not set', async () => {
    const previous = process.env['EDITOR'];
    delete process.env['EDITOR'];
    try {
      app = renderApp(engineWithErrors(), { initialView: 'errors' });
      await app.waitForText('fixed already');
      await app.press('o');
      await app.waitForText('set $EDITOR to open files');
    } finally {
      if (previous !== undefined) process.env['EDITOR'] = previous;
    }
  });
});

describe('ErrorsView polish', () => {
  it('says so when there are no errors yet', async () => {
    app = renderApp(new FakeEngine('/p', ['dev']), { initialView: 'errors' });
    await app.waitForText('No errors yet.');
  });

  it('shows files inside the project relative to it', async () => {
    const engine = engineWithErrors();
    engine.errorList = [error({ file: '/p/packages/web/src/app.ts', line: 3, column: undefined })];
    app = renderApp(engine, { initialView: 'errors' });
    const frame = await app.waitForText('packages/web/src/app.ts:3');
    expect(frame).not.toContain('/p/packages');
    await app.press(KEY.enter);
    await app.waitForText('at packages/web/src/app.ts:3 ·');
  });

  it('keeps the detail scroll within its content, so ↑ responds at once after many ↓', async () => {
    const engine = engineWithErrors();
    const stack = Array.from({ length: 40 }, (_, i) => `at frame${i} (src/deep.ts:${i + 1}:1)`);
    engine.errorList = [error({ stack })];
    app = renderApp(engine, { initialView: 'errors', size: { columns: 80, rows: 24 } });
    await app.waitForText('boom is not a function');
    await app.press(KEY.enter);
    await app.waitForText('frame0 ');
    // Far past the end: the window stops at the last row.
    await app.press(...Array.from({ length: 60 }, () => 'j'));
    await app.waitForText('Output (lines 2–3)');
    await app.waitForText('at main (src/fail.mjs:12:5)');
    expect(app.frame()).toContain('frame39 ');
    // One ↑ moves the window right away: the last raw line leaves the screen.
    await app.press('k');
    await waitFor(() => !app!.frame().includes('at main (src/fail.mjs:12:5)'));
  });
});
