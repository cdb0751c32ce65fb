import { connect } from 'node:net';

/**
 * Resolves true when a TCP connection to host:port succeeds within `timeoutMs`, false otherwise
 * (refused, unreachable, timed out). Never rejects; the socket is always destroyed.
 */
export function probePort(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    let settled = false;
    const done = (ok: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), Math.max(1, timeoutMs));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
