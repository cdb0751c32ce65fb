import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeEngine, waitFor } from '../../../test/helpers/fake-engine.js';
import { KEY, renderApp } from '../../../test/tui/helpers/render-app.js';

let app: ReturnType<typeof renderApp> | undefined;
let dir: string | undefined;
afterEach(async () => {
  app?.cleanup();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const mcp = { url: 'http://127.0.0.1:7777/mcp', token: 'secret-token-abcd' };

describe('SettingsView', () => {
  it('shows package manager, endpoint, masked token (revealed with t) and a snippet', async () => {
    const engine = new FakeEngine('/p', ['dev']);
    engine.packageManager = { name: 'pnpm', source: 'lockfile', detail: 'pnpm-lock.yaml' };
    app = renderApp(engine, { initialView: 'settings', mcp });
    let frame = await app.waitForText('Package manager');
    expect(frame).toContain('pnpm (lockfile: pnpm-lock.yaml)');
    expect(frame).toContain('http://127.0.0.1:7777/mcp');
    expect(frame).not.toContain('secret-token');
    expect(frame).toContain('•abcd');
    expect(frame).toContain('"type": "http"');
    await app.press('t');
    frame = await app.waitForText('Bearer secret-token-abcd');
    await app.press(KEY.down, KEY.down);
    frame = await app.waitForText('"servers"');
    expect(frame).toContain('.vscode/mcp.json');
  });

  it('w then y merges into the client file, keeping other servers, with a backup', async () => {
    dir = await mkdtemp(join(tmpdir(), 'brum-settings-'));
    const engine = new FakeEngine(dir, ['dev']);
    await writeFile(
      join(dir, '.mcp.json'),
      JSON.stringify({ mcpServers: { other: { command: 'x' } }, keep: 1 }),
    );
    app = renderApp(engine, { initialView: 'settings', mcp, homeDir: dir });
    await app.waitForText('Package manager');
    await app.press('w');
    await app.waitForText('y = yes');
    await app.press('y');
    await app.waitForText('Written to');
    const written = JSON.parse(await readFile(join(dir, '.mcp.json'), 'utf8'));
    expect(written.keep).toBe(1);
    expect(written.mcpServers.other).toEqual({ command: 'x' });
    expect(written.mcpServers.brum.headers.Authorization).toBe('Bearer secret-token-abcd');
    await waitFor(() => app!.frame().includes('backup'));
    expect((await readdir(dir)).some((f) => f.startsWith('.mcp.json.brum-backup-'))).toBe(true);
  });

  it('offers to add the written .mcp.json (it holds the token) to .gitignore in a git project', async () => {
    dir = await mkdtemp(join(tmpdir(), 'brum-settings-git-'));
    execFileSync('git', ['init', '-q', dir]);
    await writeFile(join(dir, '.gitignore'), 'node_modules');
    const engine = new FakeEngine(dir, ['dev']);
    app = renderApp(engine, { initialView: 'settings', mcp, homeDir: dir });
    await app.waitForText('Package manager');
    await app.press('w');
    await app.waitForText('Merge the');
    await app.press('y');
    await app.waitForText('g = add it to .gitignore');
    expect(app.frame()).toMatch(/git would commit it/);
    await app.press('g');
    await app.waitForText('added /.mcp.json to .gitignore');
    expect(await readFile(join(dir, '.gitignore'), 'utf8')).toMatch(
      /^node_modules\n#.*token\n\/\.mcp\.json\n$/,
    );
    // git now ignores it: writing again does not offer it again.
    execFileSync('git', ['-C', dir, 'check-ignore', '-q', '.mcp.json']);
    await app.press('w', 'y');
    await app.waitForText('git ignores .mcp.json');
    expect(app.frame()).not.toContain('g = add it');
  });

  it('offers nothing for .gitignore outside a git work tree', async () => {
    dir = await mkdtemp(join(tmpdir(), 'brum-settings-nogit-'));
    const engine = new FakeEngine(dir, ['dev']);
    app = renderApp(engine, { initialView: 'settings', mcp, homeDir: dir });
    await app.waitForText('Package manager');
    await app.press('w', 'y');
    await app.waitForText('Written to');
    await new Promise((r) => setTimeout(r, 300));
    expect(app.frame()).not.toContain('.gitignore');
    await expect(readFile(join(dir, '.gitignore'), 'utf8')).rejects.toThrow();
  });

  it('says so when the MCP server is off', async () => {
    app = renderApp(new FakeEngine('/p', ['dev']), { initialView: 'settings' });
    await app.waitForText('off (--no-mcp)');
    await app.press('w');
    await app.waitForText('the MCP server is off');
  });

  it('picks the client with ←/→ too, as the clients are laid out in a row', async () => {
    app = renderApp(new FakeEngine('/p', ['dev']), { initialView: 'settings', mcp });
    await app.waitForText('.mcp.json');
    await app.waitForText('→/↓ client');
    await app.press(KEY.right);
    await app.waitForText('.cursor/mcp.json');
    await app.press(KEY.left);
    await app.waitForText('/p/.mcp.json');
  });

  it.each([
    ['t', 'reveal the token'],
    ['c', 'copy a snippet'],
  ])('%s (%s) explains instead of doing nothing when the MCP server is off', async (key) => {
    app = renderApp(new FakeEngine('/p', ['dev']), { initialView: 'settings', noticeMs: 60_000 });
    await app.waitForText('off (--no-mcp)');
    expect(app.frame()).not.toContain('t reveals');
    expect(app.frame()).not.toContain('the MCP server is off');
    await app.press(key);
    await app.waitForText('the MCP server is off');
    expect(app.frame()).not.toContain('t hides');
    expect(app.system.copied).toEqual([]);
  });

  it('c copies the selected client snippet with the real token', async () => {
    app = renderApp(new FakeEngine('/p', ['dev']), { initialView: 'settings', mcp });
    await app.waitForText('Package manager');
    await app.press('c');
    await app.waitForText('copied Claude Code snippet');
    expect(app.system.copied).toHaveLength(1);
    expect(JSON.parse(app.system.copied[0] ?? '')).toMatchObject({
      mcpServers: { brum: { url: mcp.url, headers: { Authorization: `Bearer ${mcp.token}` } } },
    });
  });
});
