import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killClis, runCli } from '../helpers/brum-cli.js';

afterEach(killClis);

/** A project whose `dev` would print a line (and stay up) if it were ever started. */
function project(toml?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'brum-startlist-'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ scripts: { dev: 'node -e "console.log(\'dev is up\'); setInterval(() => {}, 1000)"' } }),
  );
  if (toml) writeFileSync(join(dir, '.brum.toml'), toml);
  return dir;
}

describe('an unknown script to start is refused before anything starts', () => {
  const cases: [string, string[], string | undefined][] = [
    ['headless, on the command line', ['--no-tui', 'dev', 'nosuch'], undefined],
    [
      'headless, autostart in .brum.toml',
      ['--no-tui'],
      '[scripts.dev]\nautostart = true\n[scripts.nosuch]\nautostart = true\n',
    ],
    ['brum run', ['run', 'dev', 'nosuch'], undefined],
    ['the TUI (no terminal here, so it says so and checks the same way)', ['dev', 'nosuch'], undefined],
  ];
  for (const [what, args, toml] of cases) {
    it(what, async () => {
      const dir = project(toml);
      try {
        const run = runCli([...args, '--no-mcp', '--dir', dir]);
        expect(await run.exited).toBe(2);
        expect(run.stderr()).toMatch(/Unknown script `nosuch`.*Available: dev/);
        expect(run.stdout()).not.toMatch(/started|dev is up/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('names the configuration key and suggests the closest script', async () => {
    const dir = project('[scripts.dve]\nautostart = true\n');
    try {
      const run = runCli(['--no-tui', '--no-mcp', '--dir', dir]);
      expect(await run.exited).toBe(2);
      expect(run.stderr()).toMatch(/\[scripts\.dve\] has autostart = true.*Did you mean `dev`/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
