import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeEngine } from '../../../test/mcp/fake-engine.js';
import { findInstance } from './registry.js';
import { startRegisteredServer } from './registered-server.js';

describe('startRegisteredServer', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'brum-service-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('registers the running server for its project and unregisters on close', async () => {
    const service = await startRegisteredServer({
      engine: new FakeEngine(),
      port: 0,
      projectDir: '/project/',
      registryDir: dir,
    });
    const found = findInstance('/project', dir);
    expect(found).toMatchObject({
      pid: process.pid,
      url: service.url,
      token: service.token,
      port: service.port,
    });
    await service.close();
    expect(findInstance('/project', dir)).toBeUndefined();
  });
});
