import { afterEach, describe, expect, it } from 'vitest';
import { isGroupAlive } from '../../src/core/process/process-group.js';
import { killClis, runCli } from '../helpers/brum-cli.js';
import { repoPath } from '../helpers/engine.js';

afterEach(killClis);

const procs = repoPath('test/fixtures/procs');

describe('exit with a stdout nobody reads', () => {
  it('SIGTERM still stops every process, and says that stdout (not the processes) held the exit', async () => {
    const run = runCli(['--no-tui', '--no-mcp', '--grace', '300', '--dir', procs, 'stubborn', 'flood'], {
      FLOOD_LINES: '3000000',
    });
    const out = await run.waitForOutput(/started: (.|\n)*started: /);
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
