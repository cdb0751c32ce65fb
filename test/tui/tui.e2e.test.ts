/**
 * End to end: the real brum (built dist/) in a detached tmux session, driven by keys, read from the
 * screen. Needs `tmux` and a fresh build (`npm test` builds first); fails with what to do without them.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireFreshBuild, requireTmux } from '../helpers/built.js';
import { Tmux } from './tmux.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const main = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
requireTmux();
requireFreshBuild();
const command = ['node', main, '--no-mcp', '--dir', 'examples/basic'];

/**
 * Live (non-zombie) members of the process group `pgid` (brum runs each script in its own group), as
 * `ps` lines. A zombie is already dead; it only waits for its new parent to reap it.
 */
function groupMembers(pgid: number): string[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,stat=,args=', '-g', String(pgid)], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.trim() !== '' && !/^\s*\d+\s+Z/.test(l));
  } catch {
    return []; // ps exits 1 when the group is empty
  }
}
const groupAlive = (pgid: number): boolean => groupMembers(pgid).length > 0;

/** Pids of the processes the Processes view shows (the PID column). */
function pidsOnScreen(screen: string): number[] {
  return [...screen.matchAll(/^\S*\s*\S+\s+[●◐◌■✔✖…] \S+(?: \(\d+\))?\s+(\d+)\s/gm)].map((m) => Number(m[1]));
}

describe('brum TUI in tmux', () => {
  const tmux = new Tmux();
  beforeAll(() => {
    tmux.start(command, root, { TERM: 'xterm-256color', EDITOR: '' });
  });
  afterAll(() => tmux.kill());

  it('starts dev and shows its URL', async () => {
    // The footer appears once the view's effects ran, i.e. once keys are being listened to.
    await tmux.waitFor('Enter start', 15_000);
    await tmux.waitFor(/dev\s+node server\.mjs/);
    await tmux.type('/');
    await tmux.type('dev');
    await tmux.keys('Enter');
    await tmux.waitFor('1 running', 15_000);
    await tmux.keys('2');
    await tmux.waitFor(/dev\s+● ready\s+\d+\s+\S+\s+0\s+http:\/\/localhost:\d+\//, 15_000);
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
    const screen = await tmux.waitFor(/dev\s+● ready/);
    // The failed row's status keeps a gap before the PID column (it used to run into it).
    expect(screen).toMatch(/fail\s+✖ failed \(1\) +\d+ /);
    // dev is the only live process, so it is first in the list.
    await tmux.keys('s');
    await tmux.waitFor(/dev\s+■ stopped/, 15_000);
    expect(tmux.screen()).toContain('0 running');
  });

  it('quits, leaves no process behind, and prints the summary', async () => {
    await tmux.keys('1');
    await tmux.waitFor('Enter start');
    // `/`, a name with a typo, backspaces and Enter in one read (as tmux delivers them under load):
    // each is a key, reaching the filter that `/` opened; Enter starts watch, not the first script.
    tmux.burst('/watchx\x7f\x7f\x7fch\r');
    await tmux.waitFor('1 running', 15_000);
    await tmux.keys('2');
    const pids = pidsOnScreen(await tmux.waitFor(/watch\s+◐ running\s+\d+/, 15_000));
    expect(pids.length).toBeGreaterThan(0);
    expect(pids.some(groupAlive)).toBe(true);
    await tmux.keys('q');
    // The CLI prints its summary once the TUI has left the alternate screen.
    const deadline = Date.now() + 20_000;
    while (!tmux.paneDead() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(tmux.paneDead()).toBe(true);
    const screen = tmux.screen();
    expect(screen).toMatch(/watch\S*\s+stopped/);
    expect(screen).toMatch(/fail\S*\s+failed/);
    expect(screen).toMatch(/fail\.mjs:\d+/);
    expect(pids.flatMap(groupMembers)).toEqual([]);
  });
});
