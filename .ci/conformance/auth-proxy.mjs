// A tiny local forwarding proxy for the conformance suite: the suite cannot send our bearer token,
// so the proxy adds `Authorization: Bearer <token>` and forwards everything else unchanged — method,
// path, body, and the Host and Origin headers (so the server's DNS-rebinding checks still see what
// the suite sent). Responses, including SSE streams, are piped back as they arrive.
//
// usage: node auth-proxy.mjs --target http://127.0.0.1:7777 --token X [--port 0]
// prints `listening <port>` on stdout once ready.
import http from 'node:http';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .reduce(
      (pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs),
      [],
    ),
);
const target = new URL(args.target ?? 'http://127.0.0.1:7777');
const token = args.token ?? process.env.BRUM_TOKEN;
if (!token) {
  process.stderr.write('auth-proxy: --token is required\n');
  process.exit(2);
}

const server = http.createServer((req, res) => {
  const headers = { ...req.headers, authorization: `Bearer ${token}` };
  const upstream = http.request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, setHost: false },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`auth-proxy: ${error.message}`);
  });
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
});

server.listen(Number(args.port ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
