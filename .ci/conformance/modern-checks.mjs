// Checks of the 2026-07-28 revision and of the stateless serving model that the published
// conformance suite does not (yet) cover. Runs on the project's own Node and SDK client.
//
// usage: node modern-checks.mjs --url http://localhost:<proxy-port>/mcp
// prints TAP-like `ok` / `not ok` lines; exits 1 when a check fails.
import http from 'node:http';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .reduce(
      (pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs),
      [],
    ),
);
const url = new URL(args.url);
const VERSION = '2026-07-28';
const envelope = {
  'io.modelcontextprotocol/protocolVersion': VERSION,
  'io.modelcontextprotocol/clientInfo': { name: 'brum-modern-checks', version: '1.0.0' },
  'io.modelcontextprotocol/clientCapabilities': {},
};
const JSON_ACCEPT = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

let failures = 0;
async function check(name, fn) {
  try {
    await fn();
    process.stdout.write(`ok - ${name}\n`);
  } catch (error) {
    failures++;
    process.stdout.write(`not ok - ${name}: ${error.message}\n`);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}
async function post(body, headers = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { ...JSON_ACCEPT, ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const data = text.startsWith('{') ? text : /^data: (.*)$/m.exec(text)?.[1];
  return { res, body: data ? JSON.parse(data) : undefined };
}

await check('a client pinned to 2026-07-28 connects, lists tools and calls one', async () => {
  const client = new Client(
    { name: 'brum-modern-checks', version: '1.0.0' },
    { versionNegotiation: { mode: { pin: VERSION } } },
  );
  await client.connect(new StreamableHTTPClientTransport(url));
  try {
    assert(client.getProtocolEra() === 'modern', `era ${client.getProtocolEra()}`);
    const { tools } = await client.listTools();
    assert(
      tools.some((t) => t.name === 'scripts_list'),
      'scripts_list missing',
    );
    const about = await client.callTool({ name: 'about', arguments: {} });
    assert(!about.isError && about.structuredContent?.name === 'brummer', 'about failed');
  } finally {
    await client.close();
  }
});

await check('server/discover answers without creating a session', async () => {
  const { res, body } = await post(
    { jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta: envelope } },
    { 'mcp-protocol-version': VERSION, 'mcp-method': 'server/discover' },
  );
  assert(res.status === 200, `status ${res.status}`);
  assert(!res.headers.has('mcp-session-id'), 'a session id was issued');
  assert(
    body?.result?.supportedVersions?.includes(VERSION) || JSON.stringify(body).includes(VERSION),
    'version not offered',
  );
});

await check('every request is self-contained: tools/call works with no prior handshake', async () => {
  const { res, body } = await post(
    {
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'scripts_list', arguments: {}, _meta: envelope },
    },
    { 'mcp-protocol-version': VERSION, 'mcp-method': 'tools/call', 'mcp-name': 'scripts_list' },
  );
  assert(res.status === 200, `status ${res.status}`);
  assert(body?.result?.structuredContent?.scripts?.length > 0, JSON.stringify(body).slice(0, 200));
});

await check('a 2026 request missing the Mcp-Method header is rejected (header validation)', async () => {
  const { res, body } = await post(
    { jsonrpc: '2.0', id: 3, method: 'tools/list', params: { _meta: envelope } },
    { 'mcp-protocol-version': VERSION },
  );
  assert(res.status === 400, `status ${res.status}`);
  assert(body?.error?.code === -32020, `error ${JSON.stringify(body?.error)}`);
});

await check('header and body naming different versions are rejected', async () => {
  const { res } = await post(
    { jsonrpc: '2.0', id: 4, method: 'tools/list', params: { _meta: envelope } },
    { 'mcp-protocol-version': '2025-11-25', 'mcp-method': 'tools/list' },
  );
  assert(res.status === 400, `status ${res.status}`);
});

await check('a 2025-era initialize is still served, statelessly (no session id)', async () => {
  const { res, body } = await post({
    jsonrpc: '2.0',
    id: 5,
    method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
  });
  assert(res.status === 200, `status ${res.status}`);
  assert(!res.headers.has('mcp-session-id'), 'a session id was issued');
  assert(body?.result?.serverInfo?.name === 'brummer', 'no serverInfo');
});

await check('GET (2025 session stream) is answered 405 on the stateless endpoint', async () => {
  const res = await fetch(url, { headers: { accept: 'text/event-stream' } });
  await res.arrayBuffer();
  assert(res.status === 405, `status ${res.status}`);
});

await check('a foreign Host header is refused with 403', async () => {
  const status = await new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { ...JSON_ACCEPT, host: 'evil.example' },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode);
      },
    );
    req.on('error', reject);
    req.end('{"jsonrpc":"2.0","id":1,"method":"ping"}');
  });
  assert(status === 403, `status ${status}`);
});

process.exit(failures === 0 ? 0 : 1);
