import { afterEach, describe, expect, it } from 'vitest';
import { createTestEngine, eventually, shutdownEngines } from '../../../test/helpers/engine.js';
import { isPidAlive } from './process-group.js';

const strays: number[] = [];
afterEach(async () => {
  await shutdownEngines();
  for (const pid of strays.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone, as it should be
    }
  }
});

/** The pid a fixture printed as `<word> <pid>`. */
async function printedPid(
  engine: ReturnType<typeof createTestEngine>,
  id: string,
  word: string,
): Promise<number> {
  const line = await eventually(
    () => engine.tailLogs(id, 50).find((l) => l.text.startsWith(`${word} `)),
    15_000,
    `"${word} <pid>"`,
  );
  const pid = Number(line.text.split(' ')[1]);
  strays.push(pid);
  return pid;
}

/** The run, once it reads processes left after its command exited. */
function withMembersLeft(engine: ReturnType<typeof createTestEngine>, id: string) {
  return eventually(
    () => {
      const p = engine.get(id);
      return p && p.membersLeft > 0 ? p : undefined;
    },
    15_000,
    'membersLeft',
  );
}

describe('a run whose leader exited while processes of it still run', () => {
  it('is not `succeeded`: it stays running with membersLeft, says so in its log, and stop ends them', async () => {
    const engine = createTestEngine('test/fixtures/procs', { stopGraceMs: 500 });
    const { process } = engine.start('leaves-child');
    const child = await printedPid(engine, process.id, 'child');
    const lingering = await withMembersLeft(engine, process.id);
    expect(lingering.status).toBe('running');
    expect(lingering.exitCode).toBe(0);
    expect(lingering.membersLeft).toBe(1);
    expect(lingering.toString()).toMatch(/leader exited · 1 process left/);
    expect(
      engine
        .tailLogs(process.id, 5)
        .map((l) => l.text)
        .join('\n'),
    ).toMatch(new RegExp(`exited with code 0, but 1 process it started still runs \\(pid ${child}\\)`));
    expect(isPidAlive(child)).toBe(true);
    const stopped = await engine.stop(process.id);
    expect(stopped.alreadyFinished).toBe(false);
    expect(stopped.process.status).toBe('stopped');
    expect(stopped.process.membersLeft).toBe(0);
    expect(isPidAlive(child)).toBe(false);
  });

  it('finishes with the leader’s exit code once those processes end on their own', async () => {
    const engine = createTestEngine('test/fixtures/procs');
    const { process } = engine.start('leaves-child');
    const child = await printedPid(engine, process.id, 'child');
    await eventually(() => (engine.get(process.id)?.membersLeft ?? 0) > 0, 15_000, 'membersLeft');
    globalThis.process.kill(child, 'SIGTERM'); // as if it finished its work
    const done = await eventually(
      () => (engine.get(process.id)?.isFinished ? engine.get(process.id) : undefined),
      15_000,
      'the run to finish',
    );
    expect(done.status).toBe('succeeded');
    expect(done.exitCode).toBe(0);
    expect(done.membersLeft).toBe(0);
  });
});

describe('restarting a run with processes left', () => {
  it('stops them, and the new run is watched on its own', async () => {
    const engine = createTestEngine('test/fixtures/procs', { stopGraceMs: 500 });
    const { process } = engine.start('leaves-child');
    const first = await printedPid(engine, process.id, 'child');
    await eventually(() => (engine.get(process.id)?.membersLeft ?? 0) > 0, 15_000, 'membersLeft');
    await engine.restart(process.id);
    expect(isPidAlive(first)).toBe(false);
    const second = await eventually(() => {
      const line = engine.tailLogs(process.id, 50).findLast((l) => l.text.startsWith('child '));
      const pid = Number(line?.text.split(' ')[1]);
      return pid !== first && pid > 0 ? pid : undefined;
    }, 15_000);
    strays.push(second);
    const again = await eventually(
      () => {
        const p = engine.get(process.id);
        return p && p.restartCount === 1 && p.membersLeft > 0 ? p : undefined;
      },
      15_000,
      'the new run to show its process left',
    );
    expect(again.status).toBe('running');
    // Longer than one watch period: the old run's watch must not finish the new run.
    await new Promise((r) => setTimeout(r, 1500));
    expect(engine.get(process.id)?.status).toBe('running');
    await engine.stop(process.id);
    expect(isPidAlive(second)).toBe(false);
  });
});

describe('a daemon that double-forks and calls setsid (leaves the process group)', () => {
  it('is found by its environment marker: the run shows it, and stop ends it', async () => {
    const engine = createTestEngine('test/fixtures/procs', { stopGraceMs: 500 });
    const { process } = engine.start('daemon');
    const daemon = await printedPid(engine, process.id, 'daemon');
    const lingering = await withMembersLeft(engine, process.id);
    expect(lingering.status).toBe('running');
    expect(isPidAlive(daemon)).toBe(true);
    await engine.stop(process.id);
    expect(isPidAlive(daemon)).toBe(false);
  });

  it('is killed by the synchronous last resort too (brum exiting without time to stop)', async () => {
    const engine = createTestEngine('test/fixtures/procs');
    const { process } = engine.start('daemon');
    const daemon = await printedPid(engine, process.id, 'daemon');
    engine.killAllNow();
    await eventually(() => !isPidAlive(daemon), 5000, 'the daemon to die');
  });
});
