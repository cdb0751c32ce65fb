/**
 * Hostile or broken pages against the endpoint (no browser: a raw WebSocket client speaks for the
 * page): malformed frames, oversized frames, no hello, answers to commands never sent to that tab,
 * and a page trying to send a command. brum stays up and keeps serving other tabs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { PageClientService } from '../../../src/browser/page-client/endpoint.js';
import { LIMITS, PROTOCOL_VERSION, WS_PATH } from '../../../src/browser/page-client/wire.js';
import type { BrowserState } from '../../../src/core/browser/state.js';
import { isBrumError } from '../../../src/core/errors.js';
import { eventually } from '../../helpers/engine.js';
import { startPageServer, type PageServer } from './page-server.js';
import { testBrowserState } from '../../helpers/browser-state.js';

let state: BrowserState;
let endpoint: PageClientService;
let server: PageServer;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  state = testBrowserState();
  endpoint = new PageClientService({
    feed: state,
    rootFor: () => undefined,
    projectDir: process.cwd(),
    isManaged: (request) => request.headers['user-agent'] === 'brum-managed',
  });
  server = await startPageServer({ endpoint, processId: 'dev-1' });
});
afterAll(async () => {
  for (const s of sockets) s.terminate();
  endpoint.close();
  await server.close();
});

function connect(userAgent = 'test'): Promise<WebSocket> {
  const socket = new WebSocket(`${server.origin.replace('http', 'ws')}${WS_PATH}?s=${server.secret}`, {
    origin: server.origin,
    headers: { 'user-agent': userAgent },
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

function closed(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => socket.once('close', (code) => resolve(code)));
}

function hello(tab: string, load = `l-${tab}`) {
  return JSON.stringify({
    t: 'hello',
    v: PROTOCOL_VERSION,
    tab,
    load,
    url: `${server.origin}/`,
    title: 't',
    ua: 'test',
    vw: 800,
    vh: 600,
    nav: 'navigate',
    dup: false,
  });
}

describe('the endpoint refuses what a page must not send', () => {
  it('closes a connection whose first frame is not a hello (1008)', async () => {
    const socket = await connect();
    const code = closed(socket);
    socket.send('{"t":"events","ev":[],"dropped":0}');
    expect(await code).toBe(1008);
  });

  it('closes on a frame over the size cap (1009) and drops malformed frames until too many (1008)', async () => {
    const big = await connect();
    const bigClosed = closed(big);
    big.send(hello('t-big'));
    big.send('x'.repeat(LIMITS.maxMessageBytes + 10));
    expect(await bigClosed).toBe(1009);

    const noisy = await connect();
    const noisyClosed = closed(noisy);
    noisy.send(hello('t-noisy'));
    noisy.send('not json');
    noisy.send(
      JSON.stringify({ t: 'events', ev: [{ k: 'console', l: 'shout', m: 'x', ts: 1 }], dropped: 0 }),
    );
    noisy.send(
      JSON.stringify({ t: 'events', ev: [{ k: 'console', l: 'info', m: 'fine', ts: 1 }], dropped: 0 }),
    );
    await eventually(() => state.events({ tab: 't-noisy' }).items.length === 1, 5_000, 'the valid event');
    expect(state.events({ tab: 't-noisy' }).items[0]?.message).toBe('fine');
    for (let i = 0; i < 30; i++) noisy.send(JSON.stringify({ t: 'nope', i }));
    expect(await noisyClosed).toBe(1008);
    expect(state.sessions().find((s) => s.tab === 't-noisy')?.connected).toBe(false);
  });

  it('a page cannot send a command, nor answer one sent to another tab', async () => {
    const victim = await connect();
    victim.send(hello('t-victim'));
    const attacker = await connect();
    attacker.send(hello('t-attacker'));
    await eventually(() => state.openTabs() >= 2, 5_000, 'two tabs');
    let victimGotCommand = false;
    victim.on('message', (data) => {
      const message = JSON.parse(String(data)) as { t: string; id: string };
      if (message.t === 'cmd') victimGotCommand = true;
    });
    attacker.send(JSON.stringify({ t: 'cmd', id: 'c1', type: 'eval', code: 'alert(1)', timeoutMs: 100 }));
    const pending = state.command('t-victim', { type: 'eval', code: '1' }, 2_000).catch((e: unknown) => e);
    await eventually(() => victimGotCommand, 5_000, 'the victim to receive the real command');
    // The attacker guesses the id: its answer is ignored (it is not the tab the command went to).
    for (let id = 1; id < 10; id++)
      attacker.send(JSON.stringify({ t: 'result', id: `c${id}`, ok: true, value: 'forged' }));
    const outcome = await pending;
    expect(isBrumError(outcome, 'COMMAND_TIMEOUT')).toBe(true);
  });

  it("marks the tabs of brum's managed browser as managed", async () => {
    const managed = await connect('brum-managed');
    managed.send(hello('t-managed'));
    const own = await connect();
    own.send(hello('t-own'));
    await eventually(
      () => state.sessions().filter((s) => ['t-managed', 't-own'].includes(s.tab)).length === 2,
      5_000,
      'both tabs',
    );
    expect(state.sessions().find((s) => s.tab === 't-managed')?.managed).toBe(true);
    expect(state.sessions().find((s) => s.tab === 't-own')?.managed).toBeUndefined();
  });
});
