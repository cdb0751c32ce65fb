// A small dev server: prints its local URL like Vite or Next do, then serves requests.
import http from 'node:http';

const port = Number(process.env.PORT ?? 0);
const server = http.createServer((req, res) => {
  console.log(`${req.method} ${req.url}`);
  res.end('hello from the brum example\n');
});
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  console.log('example dev server starting…');
  console.log(`  \x1b[32m➜\x1b[39m  Local:   \x1b[36mhttp://localhost:${address.port}/\x1b[39m`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
