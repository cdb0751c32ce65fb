import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PROCESS_CONFIG } from '../config/types.js';
import type { StartResult } from '../engine-api.js';
import { isPidAlive } from '../process/process-group.js';
import { createTestEngine, eventually, shutdownEngines } from '../../../test/helpers/engine.js';

afterEach(shutdownEngines);

describe('engine with real processes', () => {
  it('starts a script through the package manager and records its output and exit', async () => {
    const engine = createTestEngine('test/fixtures/procs');
    const { process, duplicate } = engine.start('quick');
    expect(duplicate).toBe(false);
    expect(process.id).toMatch(/^quick-\d+$/);
    const done = await engine.waitFor(process.id, 'exit', 15_000);
    expect(done.outcome).toBe('exited');
    expect(done.process.status).toBe('succeeded');
    expect(done.process.exitCode).toBe(0);
    const texts = engine.tailLogs(process.id, 50).map((l) => l.text);
    expect(texts).toContain('done');
  });

  it('keeps a final line without a newline', async () => {
    const engine = createTestEngine('test/fixtures/procs');
    const { process } = engine.start('partial');
    await engine.waitFor(process.id, 'exit', 15_000);
    expect(engine.tailLogs(process.id, 5).map((l) => l.text)).toContain('no newline at the end');
  });

  it('marks a non-zero exit as failed, and finds the script by name', async () => {
    const engine = createTestEngine('test/fixtures/procs');
    engine.start('crash');
    const done = await engine.waitFor('crash', 'exit', 15_000);
    expect(done.process.status).toBe('failed');
    expect(done.process.exitCode).toBe(3);
    expect(engine.get('crash')?.id).toBe(done.process.id);
  });

  it('starts exactly one process when starts keep arriving while the first is still starting', async () => {
    // `start` is synchronous, so starts only interleave between turns of the event loop: fire them at
    // every turn that matters — while the run waits for its dependency (pending, no pid), on every
    // status change of either process (from an engine listener, as a front-end would), on a timer
    // while it spawns — until it runs and prints.
    const engine = createTestEngine('test/fixtures/procs', {
      scripts: { ticker: { ...DEFAULT_PROCESS_CONFIG, dependsOn: ['quick'] } },
    });
    const results: StartResult[] = [engine.start('ticker')];
    expect(results[0]!.process.status).toBe('pending');
    const phases = new Set<string>();
    const again = (): void => {
      if (results.length >= 500) return; // bounded, should a broken check start a process per call
      const r = engine.start('ticker');
      phases.add(`${r.process.status}${r.process.pid === undefined ? '' : '+pid'}`);
      results.push(r);
    };
    const off = engine.on('process', (e) => {
      if (e.process.name === 'quick' || e.process.name === 'ticker') queueMicrotask(again);
    });
    const timer = setInterval(again, 10);
    try {
      await eventually(
        () => engine.tailLogs('ticker', 5).some((l) => l.text === 'tick 1'),
        15_000,
        'ticker to tick',
      );
    } finally {
      clearInterval(timer);
      off();
    }
    const last = engine.start('ticker');
    phases.add(`${last.process.status}${last.process.pid === undefined ? '' : '+pid'}`);
    results.push(last);
    // Starts did arrive while it was pending and once it ran.
    expect(phases).toContain('pending');
    expect(phases).toContain('running+pid');
    expect(new Set(results.map((r) => r.process.id)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(engine.snapshot().processes.filter((p) => p.name === 'ticker')).toHaveLength(1);
    expect(engine.snapshot().processes.filter((p) => p.name === 'quick')).toHaveLength(1);
  });

  it('stops a tree whose child and grandchild ignore SIGTERM, within the grace period', async () => {
    const engine = createTestEngine('test/fixtures/procs', { stopGraceMs: 500 });
    const { process } = engine.start('stubborn');
    const pidsLine = await eventually(
      () => engine.tailLogs(process.id, 20).find((l) => l.text.startsWith('pids ')),
      15_000,
      'the stubborn tree to report its pids',
    );
    const pids = pidsLine.text.split(' ').slice(1).map(Number);
    expect(pids).toHaveLength(3);
    expect(pids.every(isPidAlive)).toBe(true);
    // While the group dies, the run reads `stopping`; it reads `stopped` only once every member is gone.
    const seen: { status: string; alive: number }[] = [];
    const off = engine.on('process', (e) => {
      if (e.process.id === process.id)
        seen.push({ status: e.process.status, alive: pids.filter(isPidAlive).length });
    });
    const stopped = await engine.stop(process.id);
    off();
    expect(stopped.process.status).toBe('stopped');
    expect(seen.map((s) => s.status)).toEqual(['stopping', 'stopped']);
    expect(seen.find((s) => s.status === 'stopped')?.alive).toBe(0);
    expect(pids.filter(isPidAlive)).toEqual([]);
    expect(isPidAlive(process.pid ?? stopped.process.pid ?? -1)).toBe(false);
    // A second stop is a clear no-op.
    const again = await engine.stop(process.id);
    expect(again.alreadyFinished).toBe(true);
    expect(again.process.status).toBe('stopped');
  });

  it('restarts under the same id with a visible marker, keeping the history', async () => {
    const engine = createTestEngine('test/fixtures/procs', { stopGraceMs: 2000 });
    const { process } = engine.start('ticker');
    await eventually(() => engine.tailLogs(process.id, 5).some((l) => l.text === 'tick 2'), 15_000, 'ticks');
    const restarted = await engine.restart(process.id);
    expect(restarted.id).toBe(process.id);
    expect(restarted.restartCount).toBe(1);
    expect(restarted.status).toBe('running');
    expect(restarted.pid).not.toBe(process.pid);
    const texts = engine.readLogs({ processId: process.id, limit: 1000 }).lines.map((l) => l.text);
    expect(texts).toContain('tick 2');
    expect(texts.some((t) => t.includes('restarted (#1)'))).toBe(true);
  });

  it('reports an unknown script with suggestions and keeps running', () => {
    const engine = createTestEngine('test/fixtures/procs');
    expect(() => engine.start('tiker')).toThrowError(/ticker/);
    expect(engine.snapshot().processes).toHaveLength(0);
  });

  it('emits one process event per revision, in order', async () => {
    const engine = createTestEngine('test/fixtures/procs');
    const revisions: number[] = [];
    const off = engine.on('process', (e) => revisions.push(e.revision));
    engine.start('quick');
    await engine.waitFor('quick', 'exit', 15_000);
    off();
    expect(revisions.length).toBeGreaterThanOrEqual(3);
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    expect(new Set(revisions).size).toBe(revisions.length);
    expect(engine.snapshot().revision).toBe(revisions.at(-1));
    expect(engine.changesSince(revisions.at(-1) ?? 0).processes).toHaveLength(0);
    expect(engine.changesSince(0).processes).toHaveLength(1);
  });
});

describe('typed (ad-hoc) commands', () => {
  it('get names of their own: two different commands are two processes, and none shadows a script', async () => {
    const engine = createTestEngine('test/fixtures/procs');
    const slow = 'node -e "setInterval(() => {}, 1000)"';
    const first = engine.startCommand(slow);
    const second = engine.startCommand('node ticker.mjs');
    expect(first.duplicate).toBe(false);
    expect(second.duplicate).toBe(false);
    expect([first.process.name, second.process.name]).toEqual(['node', 'node#2']);
    // The same line again is that process, as with scripts.
    expect(engine.startCommand(slow)).toMatchObject({ duplicate: true, process: { id: first.process.id } });
    // A typed line whose first word is a script's name does not take the script's name...
    const typed = engine.startCommand('ticker --fast');
    expect(typed.process.name).toBe('ticker#2');
    // ...so the script still starts (not reported as a duplicate) and is found by its name.
    const script = engine.start('ticker');
    expect(script.duplicate).toBe(false);
    expect(script.process.kind).toBe('script');
    expect(engine.get('ticker')?.id).toBe(script.process.id);
    await eventually(() => engine.tailLogs(second.process.id, 5).some((l) => l.text === 'tick 1'), 15_000);
  });
});
