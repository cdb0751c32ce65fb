/**
 * Issue 10 §4–5 over real loopback sockets: idle connections are closed and capped without
 * hurting a real client, a refused request closes its connection, wrong tokens are slowed down
 * while an authenticated client is not, and a failure inside brum answers 500.
 */
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeEngine } from '../../../../test/mcp/fake-engine.js';
import { connectHttp, eventually } from '../../../../test/mcp/real-engine.js';
import { startHttpServer, type HttpServerHandle, type HttpServerOptions } from './http-server.js';

const TOKEN = 'limits-token-0123456789';
const PING = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });

let server: HttpServerHandle | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await server?.close();
  server = undefined;
});

async function start(options: Partial<HttpServerOptions> = {}): Promise<HttpServerHandle> {
  server = await startHttpServer({ engine: new FakeEngine(), port: 0, token: TOKEN, ...options });
  return server;
}

/** Opens `n` loopback connections that never send a byte; counts how many the server has closed. */
async function idleSockets(port: number, n: number): Promise<{ closed: () => number }> {
  let closed = 0;
  await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<void>((resolve) => {
          const s = connect(port, '127.0.0.1', () => resolve());
          s.on('error', () => resolve());
          s.on('close', () => {
            closed += 1;
            resolve();
          });
          sockets.push(s);
        }),
    ),
  );
  return { closed: () => closed };
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  reused: boolean;
}

/** One POST /mcp with the given token (or none), over `agent` when given. */
function post(port: number, token: string | undefined, agent?: Agent, body = PING): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/mcp',
        method: 'POST',
        agent: agent ?? false,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-protocol-version': '2025-06-18',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: text,
            reused: req.reusedSocket,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends raw HTTP on a fresh socket and resolves with everything received once the server closes it. */
function rawUntilClosed(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write(text));
    sockets.push(s);
    let got = '';
    s.on('data', (d: Buffer) => (got += d.toString()));
    s.on('close', () => resolve(got));
    s.on('error', reject);
  });
}

describe('HTTP connection limits', () => {
  it('closes connections that send nothing, while a real client is served', async () => {
    const h = await start({ connectionLimits: { idleMs: 300 } });
    const idle = await idleSockets(h.port, 200);
    const client = await connectHttp(h.url, TOKEN);
    try {
      expect((await client.callTool({ name: 'scripts_list', arguments: {} })).isError).toBeFalsy();
    } finally {
      await client.close();
    }
    await eventually(() => (idle.closed() === 200 ? true : undefined), 20_000);
  });

  it('never closes a connection for idleness while its answer is being prepared', async () => {
    const engine = new FakeEngine();
    const quick = engine.waitFor;
    engine.waitFor = async (ref, condition, timeoutMs) => {
      await new Promise((r) => setTimeout(r, 1000)); // five idle periods without a byte
      return quick(ref, condition, timeoutMs);
    };
    const h = await start({ engine, connectionLimits: { idleMs: 200, keepAliveMs: 200 } });
    const client = await connectHttp(h.url, TOKEN);
    try {
      const r = await client.callTool({ name: 'scripts_run', arguments: { name: 'dev', wait: 'ready' } });
      expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
    } finally {
      await client.close();
    }
  });

  it('caps open connections by closing the oldest unauthenticated ones, and a real client gets in', async () => {
    const h = await start({ connectionLimits: { maxConnections: 20, idleMs: 60_000 } });
    const idle = await idleSockets(h.port, 100);
    await eventually(() => (idle.closed() >= 80 ? true : undefined), 10_000);
    const client = await connectHttp(h.url, TOKEN);
    try {
      expect((await client.callTool({ name: 'scripts_list', arguments: {} })).isError).toBeFalsy();
    } finally {
      await client.close();
    }
  });

  it('closes a connection whose headers trickle in too slowly (slowloris) with 408', async () => {
    const h = await start({ connectionLimits: { headersTimeoutMs: 300, idleMs: 60_000 } });
    const s = connect(h.port, '127.0.0.1', () => s.write('POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\n'));
    sockets.push(s);
    const drip = setInterval(() => s.writable && s.write('X-Slow: a\r\n'), 50);
    let got = '';
    s.on('data', (d: Buffer) => (got += d.toString()));
    try {
      await new Promise((resolve) => s.on('close', resolve));
    } finally {
      clearInterval(drip);
    }
    expect(got).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('a 401 (missing or wrong token) closes the connection right after the answer', async () => {
    const h = await start();
    const head = (auth: string) =>
      `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nContent-Type: application/json\r\n${auth}Content-Length: ${PING.length}\r\n\r\n${PING}`;
    for (const auth of ['', 'Authorization: Bearer wrong-token-0123456789\r\n']) {
      const answer = await rawUntilClosed(h.port, head(auth) + head(`Authorization: Bearer ${TOKEN}\r\n`));
      expect(answer).toMatch(/^HTTP\/1\.1 401 /);
      expect(answer).toMatch(/\r\nConnection: close\r\n/i);
      expect(answer.match(/HTTP\/1\.1 /g)).toHaveLength(1); // the pipelined second request got no answer
    }
    const forbidden = await rawUntilClosed(h.port, head('').replace('Host: 127.0.0.1', 'Host: evil.example'));
    expect(forbidden).toMatch(/^HTTP\/1\.1 403 [\s\S]*Connection: close/i);
  });

  it('an authenticated connection is kept alive', async () => {
    const h = await start();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await post(h.port, TOKEN, agent)).status).toBe(200);
      const second = await post(h.port, TOKEN, agent);
      expect(second.status).toBe(200);
      expect(second.reused).toBe(true);
    } finally {
      agent.destroy();
    }
  });
});

describe('wrong tokens', () => {
  it('are slowed down across connections, while an authenticated client is not', async () => {
    const h = await start({ limits: { burst: 2, perSecond: 1, maxWaiting: 1 } });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await post(h.port, TOKEN, agent)).status).toBe(200);
      const guesses = Array.from({ length: 10 }, (_, i) => post(h.port, `guess-${i}-0123456789abcdef`));
      // While the guesses wait or are refused, the authenticated connection is served at once.
      const legit = await post(h.port, TOKEN, agent);
      expect(legit.status).toBe(200);
      expect(legit.reused).toBe(true);
      const statuses = (await Promise.all(guesses)).map((a) => a.status);
      expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
      const refused = (await post(h.port, 'another-guess-0123456789')).status;
      expect([401, 429]).toContain(refused);
      // A right token on a new connection still gets in once a credit is back.
      expect((await post(h.port, TOKEN)).status).toBe(200);
    } finally {
      agent.destroy();
    }
  });
});

describe('an internal error', () => {
  it('answers 500 with a JSON-RPC internal error, reports it, and the server keeps serving', async () => {
    const errors: Error[] = [];
    let fail = true;
    const h = await start({
      onError: (e) => errors.push(e),
      onAccepted: () => {
        if (fail) throw new Error('injected fault');
      },
    });
    const answer = await post(h.port, TOKEN);
    expect(answer.status).toBe(500);
    expect((JSON.parse(answer.body) as { error: { code: number } }).error.code).toBe(-32603);
    expect(errors.map((e) => e.message).join('\n')).toMatch(
      /internal error answering POST \/mcp: injected fault/,
    );
    fail = false;
    expect((await post(h.port, TOKEN)).status).toBe(200);
  });
});
