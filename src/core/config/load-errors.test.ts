import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brumErrorOf, useConfigDirs, writeBrumToml } from '../../../test/helpers/config-dirs.js';

const dirs = useConfigDirs('brum-config-err-');
const load = (flags = {}) => dirs.load({ flags });

describe('loadConfig validation', () => {
  it('rejects an unknown key and suggests the closest known one', () => {
    const file = writeBrumToml(dirs.project, '[scripts.dev]\nrestat = "always"\n');
    const error = brumErrorOf(load);
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toBe(`${file}: unknown key "scripts.dev.restat"; did you mean "restart"?`);
  });

  it('suggests snake_case for a camelCase key and top-level typos', () => {
    writeBrumToml(dirs.project, 'mcpPort = 1\n[script.dev]\nx = 1\n');
    const { message } = brumErrorOf(load);
    expect(message).toContain('unknown key "mcpPort"; did you mean "mcp_port"?');
    expect(message).toContain('unknown key "script"; did you mean "scripts"?');
  });

  it('lists the known keys when nothing is close', () => {
    writeBrumToml(dirs.project, '[commands.db]\nrun = "x"\nzzzzzzzz = 1\n');
    expect(brumErrorOf(load).message).toMatch(
      /unknown key "commands\.db\.zzzzzzzz"; known keys: run, env, env_file/,
    );
  });

  it('names the key path, the expected form and the kind of value found for a bad enum', () => {
    const file = writeBrumToml(dirs.project, '[scripts.dev]\nrestart = "sometimes"\n');
    expect(brumErrorOf(load).message).toBe(
      `${file}: scripts.dev.restart: expected one of "no", "on-failure", "always", got a string`,
    );
  });

  it('reports wrong types', () => {
    writeBrumToml(
      dirs.project,
      'mcp_port = "80"\nno_mcp = 1\n[scripts.dev]\nenv_file = 3\ndepends_on = ["a", 2]\n',
    );
    const { message } = brumErrorOf(load);
    expect(message).toContain('4 problems');
    expect(message).toContain('mcp_port: expected an integer port from 0 to 65535, got a string');
    expect(message).toContain('no_mcp: expected true or false, got 1');
    expect(message).toContain('scripts.dev.env_file: expected a path or a list of paths, got 3');
    expect(message).toContain(
      'scripts.dev.depends_on: expected a name or a list of script/command names, got a list',
    );
  });

  it('reports a table where a value is expected, and a value where a table is expected', () => {
    writeBrumToml(dirs.project, '[scripts]\ndev = "vite"\n');
    expect(brumErrorOf(load).message).toContain('scripts.dev: expected a table, got a string');
  });

  it('compiles ready_pattern and reports a bad regular expression', () => {
    writeBrumToml(dirs.project, '[scripts.dev]\nready_pattern = "ready (in"\n');
    const { message } = brumErrorOf(load);
    expect(message).toMatch(
      /scripts\.dev\.ready_pattern: expected a valid regular expression that brum can run in linear time: .*Unterminated group/,
    );
  });

  it('refuses a ready_pattern the engine cannot run, naming file, key, why and what to do', () => {
    for (const [pattern, why] of [
      ['(?<=forever )up', /lookaround/],
      ['(a)\\\\1', /backreferences/],
      ['a'.repeat(1001), /1001 characters long; the maximum is 1000/],
    ] as const) {
      const file = writeBrumToml(dirs.project, `[scripts.dev]\nready_pattern = "${pattern}"\n`);
      const { message } = brumErrorOf(load);
      expect(message).toContain(file);
      expect(message).toMatch(
        /scripts\.dev\.ready_pattern: expected a valid regular expression that brum can run/,
      );
      expect(message).toMatch(why);
      expect(message).toMatch(/Rewrite without them|Shorten it/);
    }
  });

  it('checks ports, URLs and sizes', () => {
    writeBrumToml(
      dirs.project,
      'log_buffer_bytes = "12 parsecs"\n[scripts.dev]\nready_port = 70000\nready_url = "ftp://x"\nmax_restarts = -1\n',
    );
    const { message } = brumErrorOf(load);
    expect(message).toContain('log_buffer_bytes: expected a number of bytes');
    expect(message).toContain('scripts.dev.ready_port: expected an integer port from 1 to 65535, got 70000');
    expect(message).toContain('scripts.dev.ready_url: expected an http(s) URL');
    expect(message).toContain('scripts.dev.max_restarts: expected an integer from 0 to 1000, got -1');
  });

  it('never echoes a string value, which may be a password', () => {
    writeBrumToml(
      dirs.project,
      [
        '[scripts.dev]',
        'ready_url = "ftp://admin:SECRETPW@example.com/"',
        'ready_pattern = "SECRETPW (unterminated"',
        'restart = "SECRETPW"',
        'cwd = ""',
        '[scripts.web]',
        'env = { A = ["SECRETPW"] }',
        '[commands]',
        'db = "SECRETPW"',
      ].join('\n'),
    );
    const error = brumErrorOf(load);
    expect(error.message).toContain('scripts.dev.ready_url: expected an http(s) URL');
    expect(error.message).toContain('scripts.dev.ready_pattern: expected a valid regular expression');
    expect(error.message).not.toContain('SECRETPW');
    expect(JSON.stringify(error.details)).not.toContain('SECRETPW');
  });

  it('does not quote the offending line of a TOML syntax error, message or cause', () => {
    writeBrumToml(dirs.project, 'token = "SECRETPW" trailing\n');
    const error = brumErrorOf(load);
    expect(error.message).toMatch(/:1:\d+: invalid TOML/);
    expect(error.message).not.toContain('SECRETPW');
    expect(String((error as Error & { cause?: unknown }).cause ?? '')).not.toContain('SECRETPW');
  });

  it('reports TOML syntax errors with file:line:column', () => {
    const file = writeBrumToml(dirs.project, 'mcp_port = 1\n\n[scripts.dev\nrestart = "no"\n');
    const error = brumErrorOf(load);
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: invalid TOML`),
    );
    expect(error.details).toMatchObject({ file, line: 3 });
  });

  it('never half-applies: a broken file anywhere fails the whole load', () => {
    writeBrumToml(dirs.home, 'mcp_port = 1234\n');
    writeBrumToml(dirs.project, 'mcp_port = 4321\nno_mcp = "yes"\n');
    expect(brumErrorOf(load).message).toContain('no_mcp');
    // After fixing the file, the good values apply together.
    writeBrumToml(dirs.project, 'mcp_port = 4321\nno_mcp = true\n');
    expect(load().config).toMatchObject({ mcpPort: 4321, noMcp: true });
  });

  it('fails on an error in an outer file even when the project file is fine', () => {
    const broken = writeBrumToml(dirs.home, 'stop_grace_ms = "soon"\n');
    writeBrumToml(dirs.project, 'mcp_port = 4321\n');
    expect(brumErrorOf(load).message).toContain(broken);
  });

  it('requires run for commands, after merging', () => {
    const file = writeBrumToml(dirs.project, '[commands.db]\nautostart = true\n');
    expect(brumErrorOf(load).message).toBe(`${file}: commands.db: missing "run" (the command line to run)`);
    writeBrumToml(dirs.home, '[commands.db]\nrun = "docker compose up db"\n');
    expect(load().config.commands.db!.run).toBe('docker compose up db');
  });

  it('rejects a name used for both a script and a command', () => {
    writeBrumToml(dirs.project, '[scripts.db]\nautostart = true\n[commands.db]\nrun = "x"\n');
    expect(brumErrorOf(load).message).toContain('share one name');
  });

  it('rejects a per-process log buffer larger than the total', () => {
    writeBrumToml(dirs.project, 'log_buffer_bytes = "64MiB"\n');
    expect(brumErrorOf(load).message).toContain('log_buffer_bytes (67108864');
  });

  it('rejects a depends_on cycle, naming it', () => {
    writeBrumToml(
      dirs.project,
      '[scripts.a]\ndepends_on = "b"\n[scripts.b]\ndepends_on = ["c"]\n[commands.c]\nrun = "x"\ndepends_on = ["a"]\n',
    );
    const error = brumErrorOf(load);
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toBe('depends_on has a cycle: a → b → c → a');
  });

  it('allows depends_on names that are not configured (package.json scripts)', () => {
    writeBrumToml(dirs.project, '[scripts.dev]\ndepends_on = ["build"]\n');
    expect(load().config.scripts.dev!.dependsOn).toEqual(['build']);
  });

  it('validates flags as INVALID_ARGUMENT naming the flag', () => {
    const error = brumErrorOf(() => load({ mcpPort: 99999 }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toBe('flag --port: expected an integer port from 0 to 65535, got 99999');
  });

  it('reports a .brum.toml that cannot be read as a file', () => {
    mkdirSync(join(dirs.project, '.brum.toml'));
    const error = brumErrorOf(load);
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toContain('cannot read the file (EISDIR)');
  });
});
