/**
 * End to end: the real brum (built dist/) in a detached tmux session, driven by keys, read from the
 * screen. Needs `tmux` and a prior build (`npm test` builds first).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tmux } from './tmux.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const main = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const launcher = fileURLToPath(new URL('./launch.mjs', import.meta.url));
const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V']);
    return true;
  } catch {
    return false;
  }
})();
const built =
  existsSync(main) && existsSync(fileURLToPath(new URL('../../dist/tui/index.js', import.meta.url)));
// Until the CLI calls runTui, drive the TUI through the small launcher over the same dist/ modules.
const command =
  built && readFileSync(main, 'utf8').includes('runTui')
    ? ['node', main, '--no-mcp', '--dir', 'examples/basic']
    : ['node', launcher, 'examples/basic'];

/** Whether any process of the group led by `pid` is still alive (brum runs each script in its own group). */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Pids of the processes the Processes view shows (the PID column). */
function pidsOnScreen(screen: string): number[] {
  return [...screen.matchAll(/^\S*\s*\S+\s+[●◐◌■✔✖…] \S+(?: \(\d+\))?\s+(\d+)\s/gm)].map((m) => Number(m[1]));
}

describe.skipIf(!hasTmux || !built)('brum TUI in tmux', () => {
  const tmux = new Tmux();
  beforeAll(() => {
    tmux.start(command, root, { TERM: 'xterm-256color', EDITOR: '' });
  });
  afterAll(() => tmux.kill());

  it('starts dev and shows its URL', async () => {
    await tmux.waitFor('Scripts');
    await tmux.waitFor(/dev\s+node server\.mjs/);
    await tmux.type('/');
    await tmux.type('dev');
    await tmux.keys('Enter');
    const screen = await tmux.waitFor(/http:\/\/localhost:\d+\//, 15_000);
    expect(screen).toContain('1 running');
    await tmux.keys('2');
    await tmux.waitFor(/dev\s+● ready/, 15_000);
    await tmux.keys('5');
    await tmux.waitFor(/dev\s+http:\/\/localhost:\d+\//);
  });

  it('starts fail and shows its error with file:line in the Errors view', async () => {
    await tmux.keys('1');
    await tmux.type('/');
    await tmux.type('fail');
    await tmux.keys('Enter');
    await tmux.keys('4');
    const screen = await tmux.waitFor(/fail\.mjs:\d+/, 15_000);
    expect(screen).toMatch(/TypeError/);
    await tmux.keys('Enter');
    await tmux.waitFor('Output (lines');
    await tmux.keys('Escape');
  });

  it('stops a process from the Processes view', async () => {
    await tmux.keys('2');
    await tmux.waitFor(/dev\s+● ready/);
    // dev is the only live process, so it is first in the list.
    await tmux.keys('s');
    await tmux.waitFor(/dev\s+■ stopped/, 15_000);
    expect(tmux.screen()).toContain('0 running');
  });

  it('quits, leaves no process behind, and prints the summary', async () => {
    await tmux.keys('1');
    await tmux.type('/');
    await tmux.type('watch');
    await tmux.keys('Enter');
    await tmux.waitFor('1 running', 15_000);
    await tmux.keys('2');
    const pids = pidsOnScreen(await tmux.waitFor(/watch\s+◐ running\s+\d+/, 15_000));
    expect(pids.length).toBeGreaterThan(0);
    expect(pids.some(groupAlive)).toBe(true);
    await tmux.keys('q');
    const screen = await tmux.waitFor('session summary', 20_000);
    expect(screen).toMatch(/watch-\d+\s+stopped/);
    expect(screen).toMatch(/fail-\d+\s+failed/);
    expect(tmux.paneDead()).toBe(true);
    expect(pids.filter(groupAlive)).toEqual([]);
  });
});
