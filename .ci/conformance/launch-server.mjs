// Starts brum's HTTP MCP server on a project with the real engine, from the built dist/ — for the
// conformance run while (or if) the CLI cannot be used. Prints `listening <port>` when ready and
// stops everything it started on SIGTERM/SIGINT.
//
// usage: node launch-server.mjs --dir examples/basic --token X [--port 0]
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = Object.fromEntries(
  process.argv
    .slice(2)
    .reduce(
      (pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs),
      [],
    ),
);
const dist = (p) => import(path.join(root, 'dist', p));
const { startHttpServer } = await dist('mcp/index.js');
const { BrumEngine } = await dist('core/engine/engine.js');
const { discoverScripts } = await dist('core/scripts/discover.js');

const projectDir = path.resolve(root, args.dir ?? 'examples/basic');
const engine = new BrumEngine({ catalog: discoverScripts(projectDir) });
const server = await startHttpServer({ engine, port: Number(args.port ?? 0), token: args.token });
process.stdout.write(`listening ${server.port}\n`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.close();
  await engine.shutdown();
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void stop());
