/**
 * Issue 10 §5 end to end: idle connections must not exhaust brum's file descriptors. brum runs with
 * a small descriptor limit (256) and receives more idle loopback connections than that; an MCP
 * client must still connect and start a script.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { requireFreshBuild } from '../helpers/built.js';
import { repoPath } from '../helpers/engine.js';
import { connectHttp, eventually } from './real-engine.js';

/** The built brum; a missing or stale dist/ fails here with what to do. */
const BRUM = requireFreshBuild();

const TOKEN = 'fd-token-0123456789abcdef';
const IDLE = 600;

describe('a flood of idle connections', () => {
  let brum: ChildProcess | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    if (brum && brum.exitCode === null && brum.signalCode === null) {
      brum.kill('SIGKILL');
      await new Promise((r) => brum?.once('exit', r));
    }
  });

  it('cannot take the descriptors brum needs to serve MCP and start a script', async () => {
    brum = spawn(
      'sh',
      [
        '-c',
        'ulimit -n 256 && exec "$0" "$@"',
        process.execPath,
        BRUM,
        '--no-tui',
        '--dir',
        repoPath('test/fixtures/procs'),
        '-p',
        '0',
      ],
      { env: { ...process.env, BRUM_TOKEN: TOKEN, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    brum.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const url = await eventually(() => /MCP at (\S+)/.exec(stderr)?.[1], 15_000);
    const port = Number(new URL(url).port);
    let connected = 0;
    await Promise.all(
      Array.from(
        { length: IDLE },
        () =>
          new Promise<void>((resolve) => {
            const s = connect(port, '127.0.0.1', () => {
              connected += 1;
              resolve();
            });
            s.on('error', () => resolve());
            s.on('close', () => resolve());
            sockets.push(s);
          }),
      ),
    );
    expect(connected).toBeGreaterThan(256); // more than brum could ever hold open at once
    const client = await connectHttp(url, TOKEN);
    try {
      const r = await client.callTool({ name: 'scripts_run', arguments: { name: 'quick', wait: 'exit' } });
      expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
      expect((r.structuredContent as { process: { status: string } }).process.status).toBe('succeeded');
    } finally {
      await client.close();
    }
    expect(brum.exitCode).toBeNull();
    brum.kill('SIGTERM');
    await new Promise((r) => brum?.once('exit', r));
  });
});
