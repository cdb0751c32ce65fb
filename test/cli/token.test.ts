/**
 * The MCP token from the command line's point of view (issue 10 §4): children never see it, it can
 * be given without argv, a short one is refused, and one given on argv is warned about and masked.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { killClis, runCli, type CliRun } from '../helpers/brum-cli.js';
import { eventually } from '../helpers/engine.js';

const TOKEN = 'tok-0123456789-abcdefghij';

/** Resolves with the MCP URL once brum has printed it. */
async function mcpUrl(run: CliRun): Promise<string> {
  const line = await eventually(() => /MCP at (\S+)/.exec(run.stderr()) ?? undefined, 15_000, 'the MCP line');
  return line[1] ?? '';
}

async function status(url: string, token: string): Promise<number> {
  const r = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-06-18',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
  });
  await r.arrayBuffer();
  return r.status;
}

describe('the MCP token', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'brum-token-'));
    writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({ scripts: { dump: 'node -e "console.log(\'ENV \' + JSON.stringify(process.env))"' } }),
    );
  });
  afterEach(() => {
    killClis();
    rmSync(dir, { recursive: true, force: true });
  });

  it('never reaches a child process, from any layer, while brum serves MCP with it', async () => {
    // The project's .env and a command's env table name it too: still stripped.
    writeFileSync(path.join(dir, '.env'), `BRUM_TOKEN=${TOKEN}-dotenv\n`);
    writeFileSync(
      path.join(dir, '.brum.toml'),
      `[commands.shenv]\nrun = "env"\nenv = { BRUM_TOKEN = "${TOKEN}-table" }\n`,
    );
    const run = runCli(['--no-tui', '--dir', dir, '-p', '0', 'dump', 'shenv'], { BRUM_TOKEN: TOKEN });
    const url = await mcpUrl(run);
    await run.waitForOutput(/shenv\s+✔ exited with code 0/);
    await run.waitForOutput(/dump\s+✔ exited with code 0/);
    expect(await status(url, TOKEN)).toBe(200);
    expect(run.stdout()).toMatch(/"PATH"/);
    expect(run.stdout()).not.toContain(TOKEN);
    expect(run.stdout()).not.toContain('BRUM_TOKEN');
    run.child.kill('SIGTERM');
    await run.exited;
  });

  it('can be read from a file, and a readable-by-others file is warned about', async () => {
    const file = path.join(dir, 'token');
    writeFileSync(file, `${TOKEN}\n`);
    chmodSync(file, 0o644);
    const run = runCli(['--no-tui', '--dir', dir, '-p', '0', '--token-file', file]);
    const url = await mcpUrl(run);
    expect(await status(url, TOKEN)).toBe(200);
    expect(await status(url, `${TOKEN}x`)).toBe(401);
    expect(run.stderr()).toMatch(/token file .* can be read by other users \(mode 0644\)/);
    run.child.kill('SIGTERM');
    await run.exited;
  });

  it.each([
    ['BRUM_TOKEN', [], { BRUM_TOKEN: 'short-token' }],
    ['--token', ['--token', 'short-token'], {}],
  ] as const)('shorter than 16 characters is refused with a clear message (%s)', async (_how, args, env) => {
    const run = runCli(['--no-tui', '--dir', dir, '-p', '0', ...args], env);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toMatch(/MCP token is too short \(11 characters; at least 16\)/);
    expect(run.stderr()).not.toMatch(/\s+at .+:\d+:\d+/);
  });

  it('on argv is accepted with a warning, and masked in what ps shows once brum runs', async () => {
    const run = runCli(['--no-tui', '--dir', dir, '-p', '0', '--token', TOKEN]);
    const url = await mcpUrl(run);
    expect(await status(url, TOKEN)).toBe(200);
    expect(run.stderr()).toMatch(/warning: --token .* every user of this machine can read it \(ps\)/);
    const cmdline = readFileSync(`/proc/${run.child.pid}/cmdline`, 'latin1');
    expect(cmdline).not.toContain(TOKEN);
    expect(cmdline).toContain('--token ***');
    run.child.kill('SIGTERM');
    await run.exited;
  });
});
