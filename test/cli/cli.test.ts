import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { isPidAlive } from '../../src/core/process/process-group.js';
import { killClis, runCli, runNode } from '../helpers/brum-cli.js';
import { eventually, repoPath } from '../helpers/engine.js';

afterEach(killClis);

const procs = repoPath('test/fixtures/procs');
const example = repoPath('examples/basic');
const packageVersion = (JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { version: string })
  .version;

describe('brum CLI', () => {
  it('prints help and version', async () => {
    const help = runCli(['--help']);
    expect(await help.exited).toBe(0);
    expect(help.stdout()).toMatch(/Usage: brum/);
    expect(help.stdout()).toMatch(/brum run/);
    const version = runCli(['--version']);
    expect(await version.exited).toBe(0);
    expect(version.stdout().trim()).toBe(packageVersion);
  });

  it('brum run: parallel, prefixed, summary, non-zero exit when one failed', async () => {
    const run = runCli(['run', 'build', 'fail', '--dir', example]);
    const code = await run.exited;
    expect(code).toBe(1);
    const out = run.stdout();
    expect(out).toMatch(/^\d\d:\d\d:\d\d build\s+\| \[1\/3\] resolving modules$/m);
    expect(out).toMatch(/^\d\d:\d\d:\d\d fail\s+\| TypeError: Cannot read properties of undefined/m);
    expect(out).toMatch(/Summary/);
    expect(out).toMatch(/✔ build\s+succeeded\s+exit 0/);
    expect(out).toMatch(/✖ fail\s+failed\s+exit 1/);
  });

  it('brum run exits 0 when everything succeeded', async () => {
    const run = runCli(['run', 'quick', '--dir', procs]);
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toMatch(/quick\s+\| done/);
  });

  it('an unknown script is one clear line with a suggestion, not a stack trace', async () => {
    const run = runCli(['run', 'biuld', '--dir', example]);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toMatch(/build/);
    expect(run.stderr()).not.toMatch(/\s+at .+:\d+:\d+/);
  });

  it('a missing package.json is a clear error naming the directory', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    // A folder with no package.json at or above it (brum walks up to the nearest one, like npm).
    const dir = mkdtempSync(join(tmpdir(), 'brum-nopkg-'));
    try {
      const run = runCli(['run', 'dev', '--dir', dir]);
      expect(await run.exited).toBe(2);
      expect(run.stderr()).toMatch(/package\.json/);
      expect(run.stderr()).not.toMatch(/\s+at .+:\d+:\d+/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('headless mode shows the dev server URL with time and label, and quits cleanly on SIGINT', async () => {
    const run = runCli(['--no-tui', '--no-mcp', '--dir', example, 'dev']);
    const out = await run.waitForOutput(/Local:\s+http:\/\/localhost:\d+\//);
    expect(out).toMatch(/^\d\d:\d\d:\d\d dev\s+\| .*Local:\s+http:\/\/localhost:\d+\//m);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    // The dev server itself was stopped (its status line, then its row in the summary), not just any word "stopped".
    expect(run.stdout()).toMatch(/^dev ■ stopped$/m);
    expect(run.stdout()).toMatch(/^Summary\n■ dev\s+stopped\s/m);
  });

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const) {
    it(`leaves no process behind after ${signal}, even ones that ignore SIGTERM`, async () => {
      const run = runCli(['--no-tui', '--no-mcp', '--grace', '300', '--dir', procs, 'stubborn', 'ticker']);
      const out = await run.waitForOutput(/pids \d+ \d+ \d+/);
      const pids = (/pids (\d+) (\d+) (\d+)/.exec(out) ?? []).slice(1).map(Number);
      await run.waitForOutput(/tick 1/);
      const tickerPid = Number(/ticker.*pid (\d+)/.exec(run.stdout())?.[1]);
      expect(pids.every(isPidAlive)).toBe(true);
      run.child.kill(signal);
      await run.exited;
      expect(pids.filter(isPidAlive)).toEqual([]);
      expect(isPidAlive(tickerPid)).toBe(false);
    });
  }
});

describe('brum configuration from the command line', () => {
  it('finds the project from a subdirectory, like npm, and says which one it chose (issue 11)', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync, realpathSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'brum-subdir-')));
    try {
      writeFileSync(join(dir, 'package.json'), '{"scripts":{"dev":"node -e 0"}}');
      writeFileSync(join(dir, '.brum.toml'), 'stop_grace_ms = 4321\n');
      mkdirSync(join(dir, 'src'));
      const run = runCli(['--settings', '--dir', join(dir, 'src')]);
      expect(await run.exited).toBe(0);
      expect(run.stdout()).toMatch(/stop_grace_ms = 4321/);
      expect(run.stderr()).toContain(`using the project in ${dir}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--settings prints valid TOML with where each value came from', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { parse } = await import('smol-toml');
    const dir = mkdtempSync(join(tmpdir(), 'brum-settings-'));
    try {
      writeFileSync(join(dir, 'package.json'), '{"scripts":{"dev":"node -e 0"}}');
      writeFileSync(
        join(dir, '.brum.toml'),
        'stop_grace_ms = 1234\n[scripts.dev]\nrestart = "on-failure"\nenv = { API_KEY = "hunter2" }\n',
      );
      const run = runCli(['--settings', '--dir', dir, '-p', '9999']);
      expect(await run.exited).toBe(0);
      const out = run.stdout();
      const parsed = parse(out) as Record<string, unknown>;
      expect(parsed['stop_grace_ms']).toBe(1234);
      expect(parsed['mcp_port']).toBe(9999);
      expect(out).toMatch(/\.brum\.toml/);
      expect(out).toMatch(/flag --port/);
      expect(out).toMatch(/default/);
      expect(out).not.toMatch(/hunter2/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a broken .brum.toml is one clear error naming the file and key, and nothing starts', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'brum-badconf-'));
    try {
      writeFileSync(join(dir, 'package.json'), '{"scripts":{"dev":"node -e 0"}}');
      writeFileSync(join(dir, '.brum.toml'), '[scripts.dev]\nrestart = "sometimes"\n');
      const run = runCli(['run', 'dev', '--dir', dir]);
      expect(await run.exited).toBe(2);
      expect(run.stderr()).toMatch(/\.brum\.toml/);
      expect(run.stderr()).toMatch(/scripts\.dev\.restart/);
      expect(run.stderr()).toMatch(/on-failure/);
      expect(run.stdout()).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs configured commands in a project without package.json', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'brum-commands-'));
    try {
      writeFileSync(
        join(dir, '.brum.toml'),
        '[commands.hello]\nrun = "echo hello from $GREETER"\nenv = { GREETER = "sh" }\n',
      );
      const run = runCli(['run', 'hello', '--dir', dir]);
      expect(await run.exited).toBe(0);
      expect(run.stdout()).toMatch(/hello\s+\| hello from sh/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('brum run with a dependency', () => {
  it('pads every label alike and prints the summary after the dependency was stopped', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'brum-deps-'));
    try {
      writeFileSync(
        join(dir, '.brum.toml'),
        [
          '[commands.database]',
          'run = "echo db up; sleep 30"',
          'ready_pattern = "db up"',
          '[commands.t]',
          'run = "echo t done"',
          'depends_on = ["database"]',
          '[commands.u]',
          'run = "echo u done"',
        ].join('\n'),
      );
      // `u` starts first and prints before `database` exists: its label must be as wide already.
      const run = runCli(['run', 'u', 't', '--dir', dir]);
      expect(await run.exited).toBe(0);
      const out = run.stdout();
      expect(out).toMatch(/^\d\d:\d\d:\d\d u {8}\| u done$/m);
      expect(out).toMatch(/^\d\d:\d\d:\d\d t {8}\| t done$/m);
      expect(out).toMatch(/^\d\d:\d\d:\d\d database \| db up$/m);
      const [before = '', summary = ''] = out.split(/^Summary$/m);
      expect(before).toMatch(/database ■ stopped/);
      expect(summary).toMatch(/database\s+stopped/);
      expect(summary).not.toMatch(/running|stopping/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('an uncaught error in brum', () => {
  it('still stops every process it started', async () => {
    const host = runNode([repoPath('test/fixtures/procs/crash-host.mjs')]);
    const code = await host.exited;
    const pids = (/pids (\d+) (\d+) (\d+)/.exec(host.stdout()) ?? []).slice(1).map(Number);
    expect(pids).toHaveLength(3);
    expect(code).toBe(70);
    expect(host.stderr()).toMatch(/boom: an unexpected bug/);
    expect(pids.filter(isPidAlive)).toEqual([]);
  });
});

describe('MCP port already taken', () => {
  it('says so in one line and names the flag to choose another', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    try {
      const run = runCli(['--no-tui', '--dir', example, '-p', String(port)]);
      expect(await run.exited).toBe(2);
      expect(run.stderr()).toMatch(new RegExp(`port ${port}.*already in use.*-p/--port`));
      expect(run.stderr()).not.toMatch(/\s+at .+:\d+:\d+/);
    } finally {
      blocker.close();
    }
  });
});

describe('a reader slower than the processes', () => {
  it('never blocks brum: output is dropped (and counted) rather than buffered without bound', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brum-flood-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const done = join(dir, 'done');
    const run = runCli(['run', 'flood', '--dir', procs], { FLOOD_LINES: '400000', FLOOD_DONE_FILE: done });
    run.child.stdout.pause(); // nobody reads brum's stdout: the pipe fills up
    // brum keeps draining the producer (the flood writes all its lines and exits) although its own stdout is stuck.
    await eventually(() => existsSync(done), 20_000, "the flood to finish while brum's stdout is paused");
    expect(readFileSync(done, 'utf8')).toBe('400000');
    run.child.stdout.resume();
    expect(await run.exited).toBe(0);
    const out = run.stdout();
    expect(out).toMatch(/\[brum\] \d+ lines not shown: output was slower than the processes/);
    expect(out).toMatch(/✔ flood\s+succeeded/);
  });
});

describe('arguments for a script', () => {
  it('passes everything after -- to the one script, as separate words, never through a shell', async () => {
    const run = runCli(['run', 'args', '--dir', procs, '--', '--flag', 'two words', '$(touch /nonexistent)']);
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain('args ["--flag","two words","$(touch /nonexistent)"]');
  });

  it('refuses arguments after -- when more than one script is named', async () => {
    const run = runCli(['run', 'args', 'quick', '--dir', procs, '--', '--flag']);
    expect(await run.exited).not.toBe(0);
    expect(run.stderr()).toMatch(/exactly one/);
  });
});
