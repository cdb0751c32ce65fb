import { afterEach, describe, expect, it } from 'vitest';
import { isGroupAlive, isPidAlive } from '../../src/core/process/process-group.js';
import { killClis, runCli } from '../helpers/brum-cli.js';
import { repoPath } from '../helpers/engine.js';

afterEach(killClis);

const procs = repoPath('test/fixtures/procs');

describe('exit with a stdout nobody reads', () => {
  it('SIGTERM still stops every process, and says that stdout (not the processes) held the exit', async () => {
    const run = runCli(['--no-tui', '--no-mcp', '--grace', '300', '--dir', procs, 'stubborn', 'flood'], {
      FLOOD_LINES: '3000000',
    });
    // The flood is under way (and has millions of lines to go)...
    const out = await run.waitForOutput(/flood\s+\| .*GET \/api\/items/);
    run.child.stdout.pause(); // from here on nobody reads brum's stdout: the pipe fills up
    // Each script is one process group (npm → sh → node, stubborn's child and grandchild too).
    const leaders = [...out.matchAll(/▶ started: .* \(pid (\d+)\)/g)].map((m) => Number(m[1]));
    expect(leaders).toHaveLength(2);
    // Let the flood fill the pipe and brum's bounded queue behind it.
    await new Promise((r) => setTimeout(r, 1000));
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(143);
    expect(run.stderr()).toMatch(/stdout is not being read/);
    expect(run.stderr()).not.toMatch(/did not stop/);
    expect(leaders.filter(isGroupAlive)).toEqual([]);
  });
});

describe('a daemon that left the process group (double fork + setsid)', () => {
  it('is gone after SIGTERM to headless brum', async () => {
    const run = runCli(['--no-tui', '--no-mcp', '--grace', '300', '--dir', procs, 'daemon']);
    const out = await run.waitForOutput(/daemon \d+/);
    const daemon = Number(/daemon (\d+)/.exec(out)?.[1]);
    try {
      expect(isPidAlive(daemon)).toBe(true);
      await run.waitForOutput(/still runs/); // the run shows that a process of it is left
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(143);
      expect(isPidAlive(daemon)).toBe(false);
    } finally {
      if (isPidAlive(daemon)) process.kill(daemon, 'SIGKILL');
    }
  });
});

describe('brum run with a script that leaves a process behind', () => {
  it('ends when the command exited, shows what was left, and stops it', async () => {
    const run = runCli(['run', 'leaves-child', '--grace', '300', '--dir', procs]);
    expect(await run.exited).toBe(0);
    const out = run.stdout();
    const child = Number(/child (\d+)/.exec(out)?.[1]);
    try {
      expect(out).toMatch(/exited with code 0, but 1 process it started still runs/);
      expect(out).toMatch(/leader exited · 1 process left/); // in the summary
      expect(out).not.toMatch(/succeeded/);
      expect(isPidAlive(child)).toBe(false);
    } finally {
      if (isPidAlive(child)) process.kill(child, 'SIGKILL');
    }
  });
});
