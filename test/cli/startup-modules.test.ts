/**
 * `brum run` loads only what it uses: in a project without configuration it never loads zod, the TOML
 * or YAML parsers, dotenv, the glob matcher, the MCP SDK, the proxy or browser libraries or Ink/React.
 * Each of those cost every run memory (zod alone ~14 MB of RSS) and start-up time. Checked on the real
 * CLI with a module hook that records every module brum's own process loads.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { killClis, runCli } from '../helpers/brum-cli.js';
import { repoPath } from '../helpers/engine.js';

const register = repoPath('test/fixtures/load-log/register.mjs');
const HEAVY = [
  'zod',
  'smol-toml',
  'yaml',
  'dotenv',
  'tinyglobby',
  '@modelcontextprotocol',
  'ink',
  'react',
  'playwright-core',
  'http-proxy-3',
  'ws',
];

const dirs: string[] = [];
afterEach(() => {
  killClis();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project with one quick script, and an empty home (no ~/.brum.toml). */
function project(files: Record<string, string> = {}): { dir: string; home: string; log: string } {
  const root = mkdtempSync(join(tmpdir(), 'brum-startup-'));
  dirs.push(root);
  const dir = join(root, 'app');
  const home = join(root, 'home');
  mkdirSync(dir);
  mkdirSync(home);
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ scripts: { quick: 'node -e "console.log(1)"' } }),
  );
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, home, log: join(root, 'loaded.txt') };
}

/** Packages (under node_modules) whose modules brum's process loaded. */
async function packagesLoadedBy(args: string[], p: { home: string; log: string }): Promise<Set<string>> {
  const run = runCli(args, {
    HOME: p.home,
    BRUM_LOAD_LOG: p.log,
    NODE_OPTIONS: `--import=${pathToFileURL(register).href}`,
  });
  expect(await run.exited).toBe(0);
  const loaded = readFileSync(p.log, 'utf8').split('\n');
  expect(loaded.some((f) => /dist[\\/]cli[\\/]main\.js$/.test(f))).toBe(true); // the hook saw brum
  const packages = new Set<string>();
  for (const f of loaded) {
    const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(f);
    if (m) packages.add(m[1]!.replace('\\', '/').split('/')[0]!);
  }
  return packages;
}

describe('start-up of brum run', () => {
  it('loads none of the libraries a run without configuration does not use', async () => {
    const p = project();
    const packages = await packagesLoadedBy(['run', 'quick', '--dir', p.dir], p);
    expect(HEAVY.filter((name) => packages.has(name))).toEqual([]);
  });

  it('loads none of them either with options on the command line (checked without zod)', async () => {
    const p = project();
    const packages = await packagesLoadedBy(
      ['run', 'quick', '--dir', p.dir, '--no-mcp', '--grace', '1000', '--pm', 'npm'],
      p,
    );
    expect(HEAVY.filter((name) => packages.has(name))).toEqual([]);
  });

  it('still loads and applies a .brum.toml and a .env when the project has them', async () => {
    const p = project({
      '.brum.toml': '[scripts.quick]\nenv = { GREETING = "from toml" }\n',
      '.env': 'OTHER=from-dotenv\n',
      'package.json': JSON.stringify({
        scripts: { quick: 'node -e "console.log(process.env.GREETING, process.env.OTHER)"' },
      }),
    });
    const run = runCli(['run', 'quick', '--dir', p.dir], { HOME: p.home });
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain('from toml from-dotenv');
    const packages = await packagesLoadedBy(['run', 'quick', '--dir', p.dir], p);
    expect(['zod', 'smol-toml', 'dotenv'].filter((name) => packages.has(name))).toEqual([
      'zod',
      'smol-toml',
      'dotenv',
    ]);
  });
});
