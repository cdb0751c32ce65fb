import { afterEach, describe, expect, it } from 'vitest';
import { ProcessSnapshot } from '../../core/process/snapshot.js';
import { FakeEngine, waitFor } from '../../../test/helpers/fake-engine.js';
import { KEY, renderApp } from '../../../test/tui/helpers/render-app.js';

let app: ReturnType<typeof renderApp> | undefined;
afterEach(() => app?.cleanup());

function engineWithProcesses(): FakeEngine {
  const engine = new FakeEngine('/p', ['dev', 'fail']);
  const dev = engine.start('dev').process;
  engine.put(dev.with({ ready: true, urls: ['http://localhost:3000/'] }));
  engine.put(
    new ProcessSnapshot({
      id: 'fail-9',
      name: 'fail',
      kind: 'script',
      command: 'npm run fail',
      cwd: '/p',
      status: 'failed',
      exitCode: 1,
      startedAt: Date.now() - 5000,
      endedAt: Date.now(),
      errorCount: 1,
      lastError: 'TypeError: boom',
    }),
  );
  return engine;
}

describe('ProcessesView', () => {
  it('shows status with icon and word, pid, restarts, URL and last error', async () => {
    app = renderApp(engineWithProcesses(), { initialView: 'processes' });
    const frame = await app.waitForText('http://localhost:3000/');
    expect(frame).toMatch(/dev\s+● ready\s+1001/);
    expect(frame).toMatch(/fail\s+✖ failed \(1\)/);
    expect(frame).toContain('✖ TypeError: boom');
    expect(frame).toContain('1 running');
    expect(frame).toContain('1 error');
  });

  it('shows a run whose command exited while a process of it still runs as running, with what is left', async () => {
    const engine = new FakeEngine('/p', ['serve']);
    const serve = engine.start('serve').process;
    engine.put(serve.with({ exitCode: 0, membersLeft: 1 }));
    app = renderApp(engine, { initialView: 'processes' });
    const frame = await app.waitForText('1 left');
    expect(frame).toMatch(/serve\s+\S running, 1 left/);
    expect(frame).toContain('leader exited · 1 process left (s stops them)');
    expect(frame).not.toContain('succeeded');
  });

  it('stops with s, restarts with r, restarts all with Ctrl+R', async () => {
    const engine = engineWithProcesses();
    app = renderApp(engine, { initialView: 'processes' });
    await app.waitForText('http://localhost:3000/');
    await app.press('r');
    await waitFor(() => engine.calls.includes('restart:dev-1'));
    await app.press('s');
    await waitFor(() => engine.calls.includes('stop:dev-1'));
    await app.waitForText('stopped dev-1');
    await app.waitForText(/dev\s+■ stopped/);
    await app.press(KEY.ctrlR);
    await waitFor(() => engine.calls.includes('restart-all'));
  });

  it('Enter opens the logs of the selected process', async () => {
    const engine = engineWithProcesses();
    engine.log('dev-1', ['server listening']);
    app = renderApp(engine, { initialView: 'processes' });
    await app.waitForText('http://localhost:3000/');
    await app.press(KEY.enter);
    const frame = await app.waitForText('server listening');
    expect(frame).toContain('dev · following');
  });
});

describe('ProcessesView selection', () => {
  it('keeps the selected process selected when the list reorders', async () => {
    const engine = new FakeEngine('/p', ['a', 'b', 'c']);
    engine.start('a');
    engine.start('b');
    engine.start('c');
    app = renderApp(engine, { initialView: 'processes' });
    await app.waitForText(/c\s+◐ running/);
    await app.press(KEY.down);
    await app.waitForText(/› b/);
    await engine.stop('a-1');
    await app.waitForText(/a\s+■ stopped/);
    expect(app.frame()).toMatch(/› b/);
    await app.press('s');
    await waitFor(() => engine.calls.includes('stop:b-2'));
  });

  it('moves once per key when keys arrive in one chunk', async () => {
    const engine = new FakeEngine('/p', ['a', 'b', 'c']);
    for (const name of ['a', 'b', 'c']) engine.start(name);
    app = renderApp(engine, { initialView: 'processes' });
    await app.waitForText(/c\s+◐ running/);
    await app.press('jj');
    await app.waitForText(/› c/);
  });
});

describe('ProcessesView columns', () => {
  function finished(id: string, name: string, over: { exitCode?: number; signal?: string }): ProcessSnapshot {
    return new ProcessSnapshot({
      id,
      name,
      kind: 'script',
      command: `npm run ${name}`,
      cwd: '/p',
      status: 'failed',
      pid: 4_194_301,
      startedAt: Date.now() - 1000,
      endedAt: Date.now(),
      restartCount: 12_345,
      ...over,
    });
  }

  it.each([80, 120, 200])(
    'never run into each other at %i columns, and line up with the header',
    async (columns) => {
      const engine = new FakeEngine('/p', ['dev']);
      engine.start('dev');
      engine.put(finished('f-1', 'fail', { exitCode: 1 }));
      engine.put(finished('f-2', 'exits-with-127', { exitCode: 127 }));
      engine.put(finished('f-3', 'killed', { signal: 'SIGKILL' }));
      engine.put(finished('f-4', `a-very-long-workspace-name:${'x'.repeat(40)}`, { exitCode: 255 }));
      app = renderApp(engine, { initialView: 'processes', size: { columns, rows: 30 } });
      const frame = await app.waitForText('SIGKILL');
      const lines = frame.split('\n');
      const header = lines.find((l) => l.includes('STATUS'))!;
      const rows = lines.filter((l) => /[●◐◌■✔✖…] \S/.test(l) && /\d{3,}/.test(l) && !l.startsWith('    '));
      expect(rows).toHaveLength(5);
      for (const row of rows) {
        expect(row.length).toBeLessThanOrEqual(columns);
        // Each header title starts a column; the cell before it ends in a space.
        for (const title of ['STATUS', 'PID', 'UPTIME', '↻']) {
          const at = header.indexOf(title);
          expect(row[at - 1], `${title} in ${JSON.stringify(row)}`).toBe(' ');
          expect(row[at], `${title} in ${JSON.stringify(row)}`).not.toBe(' ');
        }
      }
      expect(frame).toMatch(/fail\s+✖ failed \(1\)\s+4194301 /);
      expect(frame).toMatch(/✖ failed \(127\)\s+4194301 /);
      expect(frame).toMatch(/✖ failed SIGKILL\s+4194301 /);
      expect(frame).toMatch(/a-very-long-workspace-na…\s+✖ failed \(255\)/);
    },
  );

  it('shows no exit code for a success', async () => {
    const engine = new FakeEngine('/p', ['build']);
    engine.put(finished('b-1', 'build', { exitCode: 0 }).with({ status: 'succeeded' }));
    app = renderApp(engine, { initialView: 'processes' });
    const frame = await app.waitForText('✔ succeeded');
    expect(frame).not.toContain('(0)');
  });

  it('keeps acting on the selected process while the list re-sorts, and when another run is pruned', async () => {
    // Reported: `s` stopped dev, dev moved below the running ones, the cursor stayed on row 1 (now
    // typecheck:watch) and `r` restarted that instead of dev.
    const engine = new FakeEngine('/p', ['dev', 'typecheck:watch', 'lint']);
    const old = engine.start('lint').process;
    engine.put(old.with({ status: 'succeeded', exitCode: 0, endedAt: Date.now() - 60_000 }));
    engine.start('dev');
    engine.start('typecheck:watch');
    app = renderApp(engine, { initialView: 'processes' });
    await app.waitForText(/› dev/);
    await app.press('s');
    await waitFor(() => engine.calls.includes('stop:dev-2'));
    await app.waitForText('stopped dev-2');
    // dev now sorts below the running typecheck:watch; the selection went with it.
    await app.waitForText(/typecheck:watch[\s\S]*› dev/);
    await app.press('r');
    await waitFor(() => engine.calls.some((c) => c.startsWith('restart:')));
    expect(engine.calls.filter((c) => c.startsWith('restart:'))).toEqual(['restart:dev-2']);
    await app.waitForText(/› dev/);
    // A run pruned from above the selection does not move the selection to another process.
    engine.put(
      new ProcessSnapshot({
        id: 'lint-9',
        name: 'lint',
        kind: 'script',
        command: 'npm run lint',
        cwd: '/p',
        status: 'succeeded',
        exitCode: 0,
        startedAt: Date.now() - 20_000,
        endedAt: Date.now() - 10_000,
      }),
    );
    await app.press(KEY.down, KEY.down, KEY.down);
    await app.waitForText(/lint[^\n]*\n[^›]*› lint/);
    engine.prune('lint-9');
    await app.waitForText(/typecheck:watch[^\n]*\n› lint/);
    await app.press('r');
    await waitFor(() => engine.calls.includes('restart:lint-1'));
  });
});
