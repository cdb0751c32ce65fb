/** `brum --no-tui` prints one line per MCP tool call (masked one-line arguments); `--quiet-mcp` none. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectHttp } from '../mcp/real-engine.js';
import { killClis, runCli } from '../helpers/brum-cli.js';
import { repoPath } from '../helpers/engine.js';

afterEach(killClis);

const TOKEN = 'agent-lines-test-token-0123456789';

async function brumWithClient(extra: string[]) {
  const runDir = mkdtempSync(join(tmpdir(), 'brum-agent-lines-'));
  const run = runCli(['--no-tui', '--dir', repoPath('examples/basic'), '-p', '0', ...extra], {
    BRUM_TOKEN: TOKEN,
    XDG_RUNTIME_DIR: runDir,
  });
  const all = async () => {
    for (;;) {
      const m = /MCP at (\S+)/.exec(run.stderr());
      if (m) return m[1]!;
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const url = await Promise.race([
    all(),
    run.exited.then((c) => Promise.reject(new Error(`brum exited ${c}`))),
  ]);
  const client = await connectHttp(url, TOKEN);
  const stop = async () => {
    await client.close();
    run.child.kill('SIGTERM');
    await run.exited;
    rmSync(runDir, { recursive: true, force: true });
  };
  return { run, client, stop };
}

describe('brum --no-tui and MCP tool calls', () => {
  it('prints a line per call with the client, tool, masked arguments and outcome', async () => {
    const { run, client, stop } = await brumWithClient([]);
    await client.callTool({
      name: 'logs_search',
      arguments: { query: 'password=hunter2 Bearer abcdef123456' },
    });
    await client.callTool({ name: 'scripts_run', arguments: { name: 'no-such' } });
    const out = await run.waitForOutput(
      /scripts_run name="no-such" wait="none" → error \d+ ms: Unknown script/,
    );
    expect(out).toMatch(/^\d\d:\d\d:\d\d mcp \| e2e 1\.0\.0 connected \(http\)$/m);
    expect(out).toMatch(
      /^\d\d:\d\d:\d\d mcp \| e2e logs_search query="password=•••• Bearer ••••" .* → ok \d+ ms, \d+(\.\d)? K?B$/m,
    );
    expect(out).not.toContain('abcdef123456');
    expect(out).not.toContain('hunter2');
    await stop();
  });

  it('--quiet-mcp prints none', async () => {
    const { run, client, stop } = await brumWithClient(['--quiet-mcp']);
    const r = await client.callTool({ name: 'scripts_list', arguments: {} });
    expect(r.isError).toBeFalsy();
    await stop();
    expect(run.stdout()).not.toMatch(/ mcp \| /);
  });
});
