/**
 * The managed browser never outlives brum. The real brum (built dist/) starts it through the MCP tool
 * `browser_screenshot`; then each way out is taken, and afterwards no process of the browser's group
 * remains (zombies ignored), its temporary profile is gone and so is brum's record of it:
 * SIGINT, SIGTERM, SIGHUP (headless brum), `q` in the TUI (tmux), an uncaught error, stdin closing for
 * `brum --mcp`, and `kill -9` followed by the next start of brum in the project.
 */
import { createServer as createNetServer } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { groupMembers } from '../../src/core/process/process-group.js';
import { killClis, runCli, runNode, type CliRun } from '../helpers/brum-cli.js';
import { requireFreshBuild, requireTmux } from '../helpers/built.js';
import { requireChromium } from '../helpers/chromium.js';
import { serveHtml, type HtmlServer } from '../helpers/html-server.js';
import { repoPath } from '../helpers/engine.js';
import { connectHttp, eventually } from '../mcp/real-engine.js';
import { Tmux } from '../tui/tmux.js';

const main = requireFreshBuild();
const TOKEN = 'browser-exit-test-token-0123456789abcdef';

let page: HtmlServer;
let pageUrl: string;
let project: string;
let runtimeDir: string;

beforeAll(async () => {
  requireChromium();
  page = await serveHtml({ '/': '<!doctype html><title>exit test</title><h1>hello</h1>' });
  pageUrl = `${page.base}/`;
  project = mkdtempSync(join(tmpdir(), 'brum-browser-exit-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'exit-test', scripts: {} }));
  runtimeDir = mkdtempSync(join(tmpdir(), 'brum-browser-exit-run-'));
});

afterAll(async () => {
  await page.close();
  rmSync(project, { recursive: true, force: true });
  rmSync(runtimeDir, { recursive: true, force: true });
});

afterEach(killClis);

interface Recorded {
  readonly browserPid: number;
  readonly root: string;
  readonly file: string;
}

/** The browser brum recorded under .brum/browser/ (exactly one). */
function recorded(): Recorded {
  const dir = join(project, '.brum', 'browser');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  expect(files).toHaveLength(1);
  const file = join(dir, files[0]!);
  const record = JSON.parse(readFileSync(file, 'utf8')) as { browserPid: number; root: string };
  return { browserPid: record.browserPid, root: record.root, file };
}

/** Nothing of the browser is left: no live process in its group, no profile folder, no record. */
async function expectNothingLeft(browser: Recorded): Promise<void> {
  await eventually(() => (groupMembers(browser.browserPid).length === 0 ? true : undefined), 5000).catch(
    () => undefined,
  );
  expect(groupMembers(browser.browserPid)).toEqual([]);
  expect(existsSync(browser.root)).toBe(false);
  expect(existsSync(browser.file)).toBe(false);
}

async function screenshotOver(client: Client): Promise<void> {
  const result = await client.callTool({
    name: 'browser_screenshot',
    arguments: { url: pageUrl, inline: false },
  });
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
}

/** Headless brum with MCP on a free port; resolves once the MCP URL is printed. */
async function startHeadless(): Promise<{ run: CliRun; url: string }> {
  const run = runCli(['--no-tui', '--dir', project, '-p', '0', '--token', TOKEN, '--grace', '300'], {
    XDG_RUNTIME_DIR: runtimeDir,
  });
  const url = await eventually(() => /MCP at (http:\/\/\S+)/.exec(run.stderr())?.[1], 15_000);
  return { run, url };
}

async function launchBrowserIn(url: string): Promise<Recorded> {
  const client = await connectHttp(url, TOKEN);
  try {
    await screenshotOver(client);
  } finally {
    await client.close();
  }
  const browser = recorded();
  expect(groupMembers(browser.browserPid).length).toBeGreaterThan(0);
  expect(existsSync(browser.root)).toBe(true);
  return browser;
}

describe('the managed browser is gone after every way brum ends', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s to headless brum', async (signal) => {
    const { run, url } = await startHeadless();
    const browser = await launchBrowserIn(url);
    run.child.kill(signal);
    await run.exited;
    await expectNothingLeft(browser);
  });

  it('kill -9 of brum: the next brum of the project removes what is left', async () => {
    const first = await startHeadless();
    const browser = await launchBrowserIn(first.url);
    first.run.child.kill('SIGKILL');
    await first.run.exited;
    // Nothing ran on that way out: the profile is still there (the browser itself quits when its pipe closes).
    expect(existsSync(browser.root)).toBe(true);
    const second = runCli(['--no-tui', '--no-mcp', '--dir', project], { XDG_RUNTIME_DIR: runtimeDir });
    await eventually(
      () =>
        /removed what an earlier brum of this project left behind/.test(second.stderr()) ? true : undefined,
      15_000,
    );
    await expectNothingLeft(browser);
    second.child.kill('SIGTERM');
    await second.exited;
  });

  it('an uncaught error in brum', async () => {
    const host = runNode([repoPath('test/fixtures/procs/browser-crash-host.mjs'), project, pageUrl]);
    const code = await host.exited;
    expect(host.stderr()).toMatch(/boom: an unexpected bug/);
    expect(code).toBe(70);
    const match = /browser (\d+) (\S+)/.exec(host.stdout());
    expect(match, host.stdout() + host.stderr()).not.toBeNull();
    await expectNothingLeft({
      browserPid: Number(match![1]),
      root: match![2]!,
      file: join(project, '.brum', 'browser', `${host.child.pid}.json`),
    });
  });

  it('stdin closing for brum --mcp (embedded engine)', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [main, '--mcp', '--dir', project],
      env: { ...(process.env as Record<string, string>), XDG_RUNTIME_DIR: runtimeDir },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'e2e', version: '1' });
    await client.connect(transport);
    const pid = transport.pid!;
    await screenshotOver(client);
    const browser = recorded();
    await client.close(); // closes brum's stdin
    await eventually(() => {
      try {
        process.kill(pid, 0);
        return undefined;
      } catch {
        return true;
      }
    }, 15_000);
    await expectNothingLeft(browser);
  });

  it('q in the TUI (tmux)', async () => {
    requireTmux();
    const port = await freePort();
    const tmux = new Tmux();
    try {
      tmux.start(['node', main, '--dir', project, '-p', String(port), '--token', TOKEN], project, {
        TERM: 'xterm-256color',
        XDG_RUNTIME_DIR: runtimeDir,
        PATH: process.env.PATH ?? '',
      });
      await tmux.waitFor('Enter start', 15_000);
      const browser = await launchBrowserIn(`http://127.0.0.1:${port}/mcp`);
      await tmux.keys('q');
      await eventually(() => (tmux.paneDead() ? true : undefined), 15_000);
      await expectNothingLeft(browser);
    } finally {
      tmux.kill();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
