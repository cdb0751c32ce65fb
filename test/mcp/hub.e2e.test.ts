/**
 * The hub end to end: two brums in two fixture projects and one `brum --mcp` started from a third
 * directory (no project), all real processes sharing one private instance registry.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireFreshBuild } from '../helpers/built.js';
import { repoPath } from '../helpers/engine.js';
import { eventually, pidGone } from './real-engine.js';

const CLI = requireFreshBuild();
const PROJECT_A = repoPath('test/fixtures/projects/hub-a');
const PROJECT_B = repoPath('test/fixtures/projects/hub-b');

interface Brum {
  child: ChildProcessWithoutNullStreams;
  pid: number;
  stderr: () => string;
  stdout: () => string;
  exited: Promise<void>;
}

interface Listed {
  instances: {
    id: string;
    project_name: string;
    project_dir: string;
    processes_running?: number;
    default?: boolean;
  }[];
}

describe('brum --mcp as a hub over two running brums', () => {
  let runDir: string;
  let outside: string;
  const brums = new Set<Brum>();
  let client: Client;
  let hubPid: number | null = null;

  const env = () => ({ ...(process.env as Record<string, string>), XDG_RUNTIME_DIR: runDir, NO_COLOR: '1' });
  const registryDir = () => path.join(runDir, 'brummer', 'instances');

  /** A headless brum for `dir` on a free port; resolves once it is registered. */
  async function startBrum(dir: string): Promise<Brum> {
    const child = spawn(process.execPath, [CLI, '--no-tui', '--dir', dir, '-p', '0'], {
      env: env(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const brum: Brum = { child, pid: child.pid!, stderr: () => err, stdout: () => out, exited };
    brums.add(brum);
    await eventually(
      () => (existsSync(path.join(registryDir(), `${child.pid}.json`)) ? true : undefined),
      15_000,
    );
    return brum;
  }

  /** An SDK client over stdio to `brum --mcp` started in a folder that is no project. */
  async function connectHub(name: string): Promise<{ client: Client; pid: number }> {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, '--mcp'],
      cwd: outside,
      env: env(),
      stderr: 'pipe',
    });
    const hubClient = new Client({ name, version: '1' });
    await hubClient.connect(transport);
    return { client: hubClient, pid: transport.pid! };
  }

  async function stopBrum(brum: Brum, signal: NodeJS.Signals): Promise<void> {
    brum.child.kill(signal);
    await brum.exited;
    brums.delete(brum);
  }

  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const r = await client.callTool({ name, arguments: args });
    const text = (r.content as { type: string; text?: string }[]).map((c) => c.text ?? '').join('\n');
    return { ...r, text };
  };
  const scriptNames = async (args: Record<string, unknown> = {}) => {
    const r = await call('scripts_list', args);
    expect(r.isError, r.text).toBeFalsy();
    return (r.structuredContent as { scripts: { name: string }[] }).scripts.map((s) => s.name);
  };
  const listed = async () => (await call('instances_list')).structuredContent as unknown as Listed;

  let a: Brum;
  let b: Brum;
  /** The process group brum A started; killed by hand after A is SIGKILLed (nothing can catch that). */
  let apiPid: number | undefined;
  beforeAll(async () => {
    runDir = mkdtempSync(path.join(os.tmpdir(), 'brum-hub-'));
    outside = mkdtempSync(path.join(os.tmpdir(), 'brum-hub-outside-'));
    [a, b] = await Promise.all([startBrum(PROJECT_A), startBrum(PROJECT_B)]);
    ({ client, pid: hubPid } = await connectHub('hub-e2e'));
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    if (hubPid !== null) await eventually(() => (pidGone(hubPid!) ? true : undefined), 10_000);
    await Promise.all([...brums].map((brum) => stopBrum(brum, 'SIGTERM')));
    rmSync(runDir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }, 30_000);

  it('offers one set of tools, each with an optional instance, plus instances_list and instances_connect', async () => {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['scripts_run', 'logs_stream', 'instances_list', 'instances_connect']),
    );
    expect(names.some((n) => n.startsWith('hub_'))).toBe(false);
    const run = tools.find((t) => t.name === 'scripts_run')!;
    expect(run.inputSchema.properties).toHaveProperty('instance');
    expect(run.inputSchema.required ?? []).not.toContain('instance');
  });

  it('lists both brums, and with several and none chosen a tool answers with the list', async () => {
    const list = await listed();
    expect(list.instances.map((i) => i.project_name).sort()).toEqual(['hub-a', 'hub-b']);
    expect(list.instances.every((i) => i.default === false)).toBe(true);
    const r = await call('scripts_list');
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/Several brums.*hub-a.*hub-b|Several brums.*hub-b.*hub-a/s);
  });

  it('calls the brum named by instance: project name, directory or id', async () => {
    expect(await scriptNames({ instance: 'hub-a' })).toEqual(['api']);
    expect(await scriptNames({ instance: PROJECT_B })).toEqual(['web']);
    expect(await scriptNames({ instance: String(a.pid) })).toEqual(['api']);
    const r = await call('scripts_run', { name: 'api', instance: 'hub-a' });
    expect(r.isError, r.text).toBeFalsy();
    apiPid = (r.structuredContent as { process: { pid: number } }).process.pid;
    const { prompts } = await client.listPrompts();
    expect(prompts.find((p) => p.name === 'why_failed')?.arguments?.map((a) => a.name)).toEqual([
      'process',
      'instance',
    ]);
    const prompt = await client.getPrompt({ name: 'browser_check', arguments: { instance: 'hub-b' } });
    expect(JSON.stringify(prompt.messages)).toMatch(/No browser tab is connected/);
    const none = await call('scripts_list', { instance: 'no-such-project' });
    expect(none.isError).toBe(true);
    expect(none.text).toMatch(/No running brum matches "no-such-project"/);
  });

  it('instances_connect sets the default; resources come from it too', async () => {
    const r = await call('instances_connect', { instance: 'hub-b' });
    expect(r.isError, r.text).toBeFalsy();
    expect(await scriptNames()).toEqual(['web']);
    const list = await listed();
    expect(list.instances.find((i) => i.project_name === 'hub-b')?.default).toBe(true);
    expect(list.instances.find((i) => i.project_name === 'hub-a')?.processes_running).toBe(1);
    // A 2025-era client subscribes; the hub relays the running brum's notifications to it.
    const updated: string[] = [];
    client.setNotificationHandler('notifications/resources/updated', (n) => {
      updated.push(n.params.uri);
    });
    await client.subscribeResource({ uri: 'brum://processes' });
    // The relay's stream is open once a change made after the subscription is notified.
    await eventually(async () => {
      await call('scripts_run', { name: 'web' });
      await new Promise((r) => setTimeout(r, 300));
      return updated.includes('brum://processes') ? true : undefined;
    }, 10_000);
    const read = await client.readResource({ uri: 'brum://processes' });
    expect(JSON.stringify(read.contents)).toContain('web-1');
    // The brum the calls went to saw the stdio client by its name, through the hub.
    expect(b.stdout()).toMatch(/mcp \| hub-e2e 1 connected \(bridge\)/);
    expect(b.stdout()).toMatch(/mcp \| hub-e2e scripts_list .*→ ok/);
  });

  it('a killed brum disappears (its entry removed) while the other keeps working', async () => {
    await stopBrum(a, 'SIGKILL');
    process.kill(-apiPid!, 'SIGKILL'); // what brum A had started: its group outlives a kill -9
    await eventually(() => (pidGone(apiPid!) ? true : undefined), 5000);
    const list = await listed();
    expect(list.instances.map((i) => i.project_name)).toEqual(['hub-b']);
    expect(readdirSync(registryDir())).not.toContain(`${a.pid}.json`);
    expect(await scriptNames()).toEqual(['web']);
    const gone = await call('scripts_list', { instance: 'hub-a' });
    expect(gone.isError).toBe(true);
  });

  it('started outside any project with exactly one brum running, that one is the default', async () => {
    const { client: second, pid } = await connectHub('hub-e2e-2');
    try {
      const r = await second.callTool({ name: 'scripts_list', arguments: {} });
      expect(r.isError).toBeFalsy();
      expect((r.structuredContent as { scripts: { name: string }[] }).scripts.map((s) => s.name)).toEqual([
        'web',
      ]);
    } finally {
      await second.close();
      await eventually(() => (pidGone(pid) ? true : undefined), 10_000);
    }
  });

  it('a restarted brum is found again, also as the default, without restarting the client', async () => {
    a = await startBrum(PROJECT_A);
    expect(await scriptNames({ instance: 'hub-a' })).toEqual(['api']);
    await stopBrum(b, 'SIGTERM');
    b = await startBrum(PROJECT_B); // another port, another token
    expect(await scriptNames()).toEqual(['web']);
    expect((await listed()).instances.map((i) => i.project_name).sort()).toEqual(['hub-a', 'hub-b']);
  });
});
