/**
 * `brum --no-tui` on a project whose script prints a dev URL: brum starts a proxy for it, says where,
 * serves the page with the client injected, and names the proxied URL in the exit summary.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { killClis, runCli } from '../helpers/brum-cli.js';
import { repoPath } from '../helpers/engine.js';
import { http, NAVIGATION } from './http-client.js';

afterEach(killClis);

describe('brum --no-tui with a dev server', () => {
  it('proxies the printed URL, injects the client, and shows the proxied URL in the summary', async () => {
    const brum = runCli([
      '--no-tui',
      '--no-mcp',
      '--proxy-port',
      '0',
      '--dir',
      repoPath('test/fixtures/web'),
      'dev',
    ]);
    const out = await brum.waitForOutput(/is proxied at (http:\/\/127\.0\.0\.1:\d+)/);
    const [, target, proxyUrl] = /⇄ (http:\/\/localhost:\d+) is proxied at (http:\/\/127\.0\.0\.1:\d+)/.exec(
      out,
    )!;
    const page = await http(`${proxyUrl}/`, { headers: NAVIGATION });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<script src="/__brum/client.js?s=');
    const direct = await http(`${target}/json`);
    const proxied = await http(`${proxyUrl}/json`);
    expect(proxied.text).toBe(direct.text);

    brum.child.kill('SIGINT');
    expect(await brum.exited).toBe(130);
    expect(brum.stdout()).toMatch(new RegExp(`${target}/\\s+proxied at ${proxyUrl}/`));
    // The proxy is closed with brum.
    await expect(http(`${proxyUrl}/json`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('--no-proxy starts none', async () => {
    const brum = runCli([
      '--no-tui',
      '--no-mcp',
      '--no-proxy',
      '--dir',
      repoPath('test/fixtures/web'),
      'dev',
    ]);
    await brum.waitForOutput(/Local:\s+http:\/\/localhost:\d+/);
    brum.child.kill('SIGINT');
    expect(await brum.exited).toBe(130);
    expect(brum.stdout()).toMatch(/Summary/);
    expect(brum.stdout()).not.toMatch(/proxied at/);
  });
});
