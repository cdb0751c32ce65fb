import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrumEngine } from '../../src/core/engine/engine.js';
import { startHttpServer, type HttpServerHandle } from '../../src/mcp/transports/http/http-server.js';
import { isPidAlive } from '../../src/core/process/process-group.js';
import { connectHttp, createRealEngine, eventually, PROCS_DIR } from './real-engine.js';

interface ProcessOut {
  id: string;
  status: string;
  exit_code?: number | null;
  members_left: number;
}

describe('scripts_status for a run whose command exited while a process of it still runs', () => {
  let engine: BrumEngine;
  let h: HttpServerHandle;
  let client: Client;
  beforeAll(async () => {
    engine = createRealEngine(PROCS_DIR, { stopGraceMs: 500 });
    h = await startHttpServer({ engine, port: 0 });
    client = await connectHttp(h.url, h.token);
  });
  afterAll(async () => {
    await client?.close();
    await h?.close();
    await engine?.shutdown();
  });

  it('reads running with members_left (not succeeded), and scripts_stop ends the process left', async () => {
    const run = await client.callTool({ name: 'scripts_run', arguments: { name: 'leaves-child' } });
    const id = (run.structuredContent as { process: ProcessOut }).process.id;
    const child = await eventually(() => {
      const line = engine.tailLogs(id, 20).find((l) => l.text.startsWith('child '));
      return line ? Number(line.text.split(' ')[1]) : undefined;
    }, 15_000);
    const lingering = await eventually(async () => {
      const status = await client.callTool({ name: 'scripts_status', arguments: { process_id: id } });
      const [p] = (status.structuredContent as { processes: ProcessOut[] }).processes;
      return p && p.members_left > 0 ? p : undefined;
    }, 15_000);
    expect(lingering).toMatchObject({ status: 'running', exit_code: 0, members_left: 1 });
    try {
      const stopped = await client.callTool({ name: 'scripts_stop', arguments: { name: 'leaves-child' } });
      expect((stopped.structuredContent as { process: ProcessOut }).process).toMatchObject({
        status: 'stopped',
        members_left: 0,
      });
      expect(isPidAlive(child)).toBe(false); // a zombie at most (nothing reaps it here)
    } finally {
      if (isPidAlive(child)) process.kill(child, 'SIGKILL');
    }
  });
});
