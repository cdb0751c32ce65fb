import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probePort } from './port-probe.js';

let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

function listen(): Promise<number> {
  server = createServer((socket) => socket.destroy());
  return new Promise((resolve) =>
    server!.listen(0, '127.0.0.1', () => resolve((server!.address() as AddressInfo).port)),
  );
}

describe('probePort', () => {
  it('is true for a listening port', async () => {
    expect(await probePort(await listen(), '127.0.0.1', 1000)).toBe(true);
  });

  it('is false for a closed port, quickly', async () => {
    const port = await listen();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const started = Date.now();
    expect(await probePort(port, '127.0.0.1', 1000)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
