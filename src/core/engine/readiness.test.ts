import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../clock.js';
import { DEFAULT_PROCESS_CONFIG } from '../config/types.js';
import { createTestEngine, eventually, shutdownEngines } from '../../../test/helpers/engine.js';

const servers: Server[] = [];
afterEach(async () => {
  await shutdownEngines();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A loopback port that accepts connections (kept open until the test ends). */
async function listening(): Promise<number> {
  const server = createServer((socket) => socket.destroy());
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A loopback port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const port = await listening();
  await new Promise((r) => servers.pop()?.close(r));
  return port;
}

function tickerWith(readyPort: number, clock: FakeClock) {
  return createTestEngine(
    'test/fixtures/procs',
    { scripts: { ticker: { ...DEFAULT_PROCESS_CONFIG, readyPort } } },
    { clock },
  );
}

describe('readiness on the engine clock', () => {
  it('probes ready_port when the clock says so: an open port is not seen before, and is right after', async () => {
    const clock = new FakeClock(Date.now());
    const engine = tickerWith(await listening(), clock);
    const { process } = engine.start('ticker');
    await eventually(() => engine.tailLogs(process.id, 3).some((l) => l.text === 'tick 1'), 15_000, 'a tick');
    // The port has been open all along, and wall time has passed: only the clock moves the probe.
    expect(engine.get(process.id)?.ready).toBe(false);
    expect(clock.nextDue()).toBe(clock.now() + 250);
    clock.advance(250);
    const ready = await eventually(() => engine.get(process.id)?.ready && engine.get(process.id), 10_000);
    expect(ready.readyAt).toBe(clock.now());
    expect(clock.pending).toBe(0); // probing stops once ready
  });

  it('keeps probing a closed port, one probe at a time, until the process stops', async () => {
    const clock = new FakeClock(Date.now());
    const engine = tickerWith(await closedPort(), clock);
    const { process } = engine.start('ticker');
    await eventually(() => engine.get(process.id)?.pid !== undefined && clock.pending === 1, 15_000);
    for (let round = 0; round < 3; round++) {
      const due = clock.nextDue() ?? 0;
      clock.advanceTo(due);
      // The probe is refused, then the next one is scheduled an interval after it.
      await eventually(() => clock.pending === 1 && (clock.nextDue() ?? 0) > due, 10_000, 'the next probe');
    }
    expect(engine.get(process.id)?.ready).toBe(false);
    await engine.stop(process.id);
    expect(clock.pending).toBe(0);
  });

  it('ends waitFor(ready) with a timeout when the clock passes it, not the wall clock', async () => {
    const clock = new FakeClock(Date.now());
    const engine = tickerWith(await closedPort(), clock);
    const { process } = engine.start('ticker');
    let outcome: string | undefined;
    void engine.waitFor(process.id, 'ready', 60_000).then((r) => (outcome = r.outcome));
    await eventually(() => engine.get(process.id)?.pid !== undefined, 15_000);
    clock.advance(59_999);
    await new Promise((r) => setImmediate(r));
    expect(outcome).toBeUndefined();
    clock.advance(1);
    await eventually(() => outcome, 5_000, 'the timeout');
    expect(outcome).toBe('timeout');
  });
});
