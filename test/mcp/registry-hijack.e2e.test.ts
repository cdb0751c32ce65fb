/**
 * The registry attacks of issue 10 §3, end to end with the built CLI: another local user prepares
 * the shared fallback folder (`<tmp>/brummer-<uid>/instances`, mode 0777) before brum starts.
 * As root the folder is handed to `nobody`, as the attacker would own it; otherwise its mode alone
 * makes it unsafe.
 */
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { killClis, runCli } from '../helpers/brum-cli.js';
import { requireFreshBuild } from '../helpers/built.js';
import { EXAMPLE_DIR, eventually } from './real-engine.js';

/** The built brum; a missing or stale dist/ fails here with what to do. */
const BRUM = requireFreshBuild();

const uid = process.getuid?.() ?? 0;
const attacker = uid === 0 ? 65534 : undefined;

/** The environment of a brum without XDG_RUNTIME_DIR whose temp folder is `tmp`. */
function envWithTmp(tmp: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && k !== 'XDG_RUNTIME_DIR') env[k] = v;
  return { ...env, TMPDIR: tmp, NO_COLOR: '1' };
}

/** `<tmp>/brummer-<uid>/instances`, made first by the attacker, open to everyone. */
function plantFolders(tmp: string): string {
  const dir = path.join(tmp, `brummer-${uid}`, 'instances');
  mkdirSync(dir, { recursive: true });
  for (const d of [path.dirname(dir), dir]) {
    chmodSync(d, 0o777);
    if (attacker !== undefined) chownSync(d, attacker, attacker);
  }
  return dir;
}

describe('instance registry hijack (another local user)', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'brum-hijack-'));
    chmodSync(tmp, 0o1777); // a shared temp folder, like /tmp
  });
  afterEach(() => {
    killClis();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('brum --mcp does not attach to a server named in a planted instance file', async () => {
    const dir = plantFolders(tmp);
    const seen: string[] = [];
    const fake: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        seen.push(body);
        const id = (JSON.parse(body || '{}') as { id?: unknown }).id ?? null;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ jsonrpc: '2.0', id, result: {} }));
      });
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    const port = (fake.address() as AddressInfo).port;
    // The pid of a live process as the attacker could see it; here the test's own process.
    const file = path.join(dir, `${process.pid}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        pid: process.pid,
        projectDir: EXAMPLE_DIR,
        port,
        token: 'attacker-token-0123456789',
        startedAt: Date.now(),
        version: '0.1.0',
        url: `http://127.0.0.1:${port}/mcp`,
      }),
    );
    chmodSync(file, 0o600);
    if (attacker !== undefined) chownSync(file, attacker, attacker);

    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BRUM, '--mcp', '--dir', EXAMPLE_DIR],
      env: envWithTmp(tmp),
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const client = new Client({ name: 'victim', version: '1' });
    try {
      await client.connect(transport);
      const r = await client.callTool({ name: 'scripts_list', arguments: {} });
      expect(r.isError).toBeFalsy();
      expect(JSON.stringify(r.structuredContent)).toContain('"dev"'); // served by brum's own engine
      expect(seen).toEqual([]);
      expect(stderr).toMatch(/instance registry folder .* Not using it/);
    } finally {
      await client.close();
      await new Promise<void>((resolve) => fake.close(() => resolve()));
    }
  });

  it('brum does not write its token through links planted at future entry names', async () => {
    const dir = plantFolders(tmp);
    const loot = path.join(tmp, 'loot');
    mkdirSync(loot);
    // Links for the next pids the system will hand out (brum's among them, on a quiet machine).
    const last = Number(readFileSync('/proc/sys/kernel/ns_last_pid', 'utf8'));
    for (let pid = last + 1; pid <= last + 2000; pid++) {
      symlinkSync(path.join(loot, `${pid}.json`), path.join(dir, `${pid}.json`));
    }
    const run = runCli(['--no-tui', '--dir', EXAMPLE_DIR, '-p', '0'], envWithTmp(tmp));
    await eventually(() => (/MCP at http/.test(run.stderr()) ? true : undefined), 15_000);
    expect(existsSync(path.join(loot, `${run.child.pid}.json`))).toBe(false);
    expect(readdirSync(loot)).toEqual([]);
    expect(run.stderr()).toMatch(/not registered for brum --mcp: the instance registry folder/);
    run.child.kill('SIGTERM');
    await run.exited;
  });
});
