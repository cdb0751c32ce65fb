import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock, systemClock } from '../clock.js';
import { DEFAULT_PROCESS_CONFIG, type ProcessConfig } from '../config/types.js';
import { createTestEngine, eventually, shutdownEngines } from '../../../test/helpers/engine.js';

afterEach(shutdownEngines);

/** A loopback port nothing listens on at the moment. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise((r) => server.close(r));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const table = (fields: Partial<ProcessConfig>): ProcessConfig => ({ ...DEFAULT_PROCESS_CONFIG, ...fields });

describe('restart policies (real processes)', () => {
  it('restarts a crashing script with backoff and gives up after max_restarts, saying why', async () => {
    // The backoff runs on a fake clock: each restart waits for the clock, not for wall time.
    const clock = new FakeClock(Date.now());
    const engine = createTestEngine(
      'test/fixtures/procs',
      { scripts: { crash: table({ restart: 'on-failure', maxRestarts: 2 }) } },
      { clock },
    );
    const { process } = engine.start('crash');
    const scheduled = (restarts: number): boolean => {
      const p = engine.get(process.id);
      return p?.restartCount === restarts && p.isFinished && clock.pending === 1;
    };
    await eventually(() => scheduled(0), 15_000, 'the first crash and its scheduled restart');
    expect(engine.get(process.id)?.reason).toMatch(/restarting in 500 ms/);
    expect(clock.nextDue()).toBe(clock.now() + 500);
    clock.advance(499);
    expect(engine.get(process.id)?.restartCount).toBe(0);
    clock.advance(1);
    await eventually(() => scheduled(1), 15_000, 'the second crash and its scheduled restart');
    expect(engine.get(process.id)?.reason).toMatch(/restarting in 1000 ms/);
    clock.advance(1000);
    const final = await eventually(
      () => {
        const p = engine.get(process.id);
        return p && p.restartCount === 2 && p.isFinished && p.reason?.includes('restart') ? p : undefined;
      },
      15_000,
      'two restarts and a final failure',
    );
    expect(final.status).toBe('failed');
    expect(final.exitCode).toBe(3);
    expect(final.reason).toMatch(/2/);
    // Said where people look, not only in the structured field (issue 11, item 4): a line in the
    // run's log (headless output, TUI and MCP logs) and the status text scripts_status prints.
    const said = 'not restarted: 2 restarts in a row without a healthy run (max_restarts = 2)';
    const system = engine.tailLogs(process.id, 50).filter((l) => l.stream === 'system');
    expect(system.map((l) => l.text)).toContain(`brum: ${said}`);
    expect(final.toString()).toContain(said);
    // It stays given up: no further restart is scheduled, however long one waits.
    expect(clock.pending).toBe(0);
    clock.advance(60_000);
    expect(engine.get(process.id)?.restartCount).toBe(2);
    expect(engine.get(process.id)?.status).toBe('failed');
  });

  it('never restarts after a user stop, even with restart = "always"', async () => {
    const clock = new FakeClock(Date.now());
    const engine = createTestEngine(
      'test/fixtures/procs',
      { scripts: { ticker: table({ restart: 'always' }) } },
      { clock },
    );
    const { process } = engine.start('ticker');
    await eventually(() => engine.tailLogs(process.id, 3).some((l) => l.text === 'tick 1'), 15_000, 'a tick');
    const stopped = await engine.stop(process.id);
    expect(stopped.process.status).toBe('stopped');
    expect(clock.pending).toBe(0);
    clock.advance(60_000);
    expect(engine.get(process.id)?.status).toBe('stopped');
    expect(engine.get(process.id)?.restartCount).toBe(0);
  });
});

describe('depends_on (real processes)', () => {
  it('starts dependencies first and the dependent once they are ready or done', async () => {
    const engine = createTestEngine('test/fixtures/procs', {
      scripts: { ticker: table({ dependsOn: ['quick'] }) },
    });
    const { process } = engine.start('ticker');
    expect(process.status).toBe('pending');
    expect(process.reason).toMatch(/waiting for quick/);
    const running = await eventually(
      () => (engine.get('ticker')?.status === 'running' ? engine.get('ticker') : undefined),
      15_000,
      'ticker to run',
    );
    const quick = engine.get('quick');
    expect(quick?.status).toBe('succeeded');
    expect((quick?.endedAt ?? Infinity) <= (running?.startedAt ?? 0)).toBe(true);
  });

  it('does not start a script whose dependency failed, and says why', async () => {
    const engine = createTestEngine('test/fixtures/procs', {
      scripts: { ticker: table({ dependsOn: ['crash'] }) },
    });
    const { process } = engine.start('ticker');
    const done = await engine.waitFor(process.id, 'exit', 15_000);
    expect(done.process.status).toBe('failed');
    expect(done.process.pid).toBeUndefined();
    expect(done.process.reason).toMatch(/dependency "crash" failed \(exit 3\)/);
  });
});

describe('readiness', () => {
  it('a dev server is ready when it prints its URL; the URL is on the snapshot', async () => {
    const engine = createTestEngine('examples/basic');
    const { process } = engine.start('dev');
    const result = await engine.waitFor(process.id, 'ready', 15_000);
    expect(result.outcome).toBe('ready');
    expect(result.process.urls[0]).toMatch(/^http:\/\/localhost:\d+\/$/);
    expect(result.process.readyAt).toBeGreaterThanOrEqual(result.process.startedAt ?? 0);
    expect(engine.urls(process.id).map((u) => u.url)).toEqual(result.process.urls);
  });

  it('waiting ends when the process exits (it will never be ready), and times out otherwise', async () => {
    const engine = createTestEngine('test/fixtures/procs');
    const crash = engine.start('crash').process;
    expect((await engine.waitFor(crash.id, 'ready', 15_000)).outcome).toBe('exited');
    const ticker = engine.start('ticker').process;
    const timedOut = await engine.waitFor(ticker.id, 'ready', 300);
    expect(timedOut.outcome).toBe('timeout');
    expect(timedOut.process.ready).toBe(false);
  });

  it('a watcher that prints no URL is ready at its first completed pass; its dependents start', async () => {
    const engine = createTestEngine('test/fixtures/procs', {
      scripts: { ticker: table({ dependsOn: ['watch-like'] }) },
    });
    engine.start('ticker');
    const running = await eventually(
      () => (engine.get('ticker')?.status === 'running' ? engine.get('ticker') : undefined),
      15_000,
      'ticker to run after the watcher’s first pass',
    );
    const watcher = engine.get('watch-like');
    expect(watcher?.status).toBe('running');
    expect(watcher?.ready).toBe(true);
    expect((watcher?.readyAt ?? Infinity) <= (running.startedAt ?? 0)).toBe(true);
  });

  it('uses ready_pattern instead of the first URL when configured', async () => {
    const engine = createTestEngine('test/fixtures/procs', {
      scripts: { ticker: table({ readyPattern: 'tick [3-9]' }) },
    });
    const { process } = engine.start('ticker');
    const result = await engine.waitFor(process.id, 'ready', 15_000);
    expect(result.outcome).toBe('ready');
    const texts = engine.tailLogs(process.id, 20).map((l) => l.text);
    expect(texts).toContain('tick 3');
  });

  it('uses ready_port when configured', async () => {
    // A port free right now, not a fixed number another test run on this machine may hold.
    const port = await freePort();
    const engine = createTestEngine('examples/basic', {
      scripts: { dev: table({ readyPort: port, env: { PORT: String(port) } }) },
    });
    const { process } = engine.start('dev');
    // With ready_port set, a printed URL does not make the run ready: only the port probe does. The
    // server listens before it prints its URL, so the probe may see it up before the URL line is read:
    // ready first, the URL right after (asserting both at the ready moment was a race).
    const result = await engine.waitFor(process.id, 'ready', 15_000);
    expect(result.outcome).toBe('ready');
    await eventually(
      () => engine.get(process.id)?.urls.includes(`http://localhost:${port}/`) || undefined,
      10_000,
      'the URL the server prints on that port',
    );
  });
});

describe('an automatic restart that fails', () => {
  it('is reported to the log and error list of its process, and its reason says so', async () => {
    const { TypedEmitter } = await import('../events.js');
    const { ProcessManager } = await import('../process/process-manager.js');
    const { spawnInGroup } = await import('../process/spawner.js');
    const { Supervision } = await import('./supervision.js');
    const faults: { what: string; error: unknown; id: string }[] = [];
    const late: { supervision?: InstanceType<typeof Supervision> } = {};
    const manager = new ProcessManager({
      spawn: spawnInGroup,
      events: new TypedEmitter((error) => {
        throw error;
      }),
      stopGraceMs: 100,
      maxLineBytes: 1024,
      hooks: { onLines: () => {}, onSystemLine: () => {}, onExit: (s) => late.supervision?.onExit(s) },
    });
    const supervision = new Supervision({
      manager,
      configFor: () => table({ restart: 'on-failure' }),
      startDependency: () => {
        throw new Error('no dependencies here');
      },
      waitFor: () => Promise.reject(new Error('no dependencies here')),
      launch: (id) => manager.launch(id),
      // What a real failure looks like from here: the restart itself rejects.
      restart: () => Promise.reject(new Error('spawn table corrupted')),
      reportFault: (what, error, id) => faults.push({ what, error, id }),
      clock: systemClock,
      note: () => {},
    });
    late.supervision = supervision;
    const run = manager.register({
      name: 'crash',
      kind: 'command',
      display: 'exit 3',
      spawn: { file: 'exit 3', args: [], cwd: process.cwd(), env: process.env, shell: true },
    });
    supervision.begin(run);
    await eventually(() => faults.length > 0, 10_000, 'the failed restart to be reported');
    expect(faults[0]).toMatchObject({ what: 'automatic restart', id: run.id });
    expect(String(faults[0]!.error)).toMatch(/spawn table corrupted/);
    expect(manager.get(run.id)?.reason).toMatch(/automatic restart failed: spawn table corrupted/);
    supervision.cancelAll();
    await manager.stopAll();
  });
});
