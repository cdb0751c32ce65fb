/**
 * Issue 10 §1–2 through the real CLI: a SIGTERM during a hostile search still stops brum cleanly, and
 * a ready_pattern the engine cannot run is refused at load (clear error), never a crash at run time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isPidAlive } from '../../src/core/process/process-group.js';
import { killClis, runCli } from '../helpers/brum-cli.js';
import { repoPath } from '../helpers/engine.js';
import { connectHttp } from '../mcp/real-engine.js';

afterEach(killClis);

const procs = repoPath('test/fixtures/procs');

describe('brum under hostile patterns', () => {
  it('stops cleanly on SIGTERM while a slow search is running', async () => {
    const run = runCli(['--no-tui', '--port', '0', '--grace', '500', '--dir', procs, 'long-lines']);
    const out = await run.waitForOutput(/tick 1/, 30_000);
    const all = out + run.stderr();
    const mcp = /MCP at (\S+)\s+\(send the header "Authorization: Bearer (\S+)"\)/.exec(all);
    expect(mcp, all.slice(0, 2000)).not.toBeNull();
    const pid = Number(/long-lines.*\| pid (\d+)/.exec(out)?.[1]);
    expect(isPidAlive(pid)).toBe(true);
    const client = await connectHttp(mcp![1]!, mcp![2]!);
    const search = client
      .callTool({ name: 'logs_search', arguments: { query: `x(?:${'x*'.repeat(20)})y`, regex: true } })
      .catch(() => undefined);
    // Once brum has received the call (it answers another one), stop it mid-search.
    await client.callTool({ name: 'scripts_status', arguments: {} });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(143);
    await search;
    await client.close().catch(() => undefined);
    expect(isPidAlive(pid)).toBe(false);
  });

  it('refuses an unrunnable ready_pattern at load, in --settings and at start, with file, key and why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brum-pattern-'));
    try {
      writeFileSync(join(dir, 'package.json'), '{"scripts":{"dev":"node -e \\"console.log(1)\\""}}');
      writeFileSync(join(dir, '.brum.toml'), '[scripts.dev]\nready_pattern = "(?<=forever )up"\n');
      for (const args of [['--settings'], ['run', 'dev'], ['--no-tui', '--no-mcp', 'dev']]) {
        const run = runCli([...args, '--dir', dir]);
        const code = await run.exited;
        expect(code, args.join(' ')).toBe(2);
        expect(run.stderr()).toMatch(
          /\.brum\.toml: scripts\.dev\.ready_pattern: .*cannot run in linear time/,
        );
        expect(run.stderr()).not.toMatch(/\s+at .+:\d+:\d+/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
