// A brum MCP HTTP server over the real engine of bench/project, for bench/auth.mjs: the same
// startHttpServer the CLI runs, with the wrong-token limiter as configured by argv[2]
// ('off': no limit, as before issue 10; 'on': the defaults). Prints its URL, runs until killed.
import { fileURLToPath } from 'node:url';
import { startHttpServer } from '../../dist/mcp/transports/http/http-server.js';
import { BrumEngine } from '../../dist/core/engine/engine.js';
import { DEFAULT_CONFIG } from '../../dist/core/config/defaults.js';
import { discoverScripts } from '../../dist/core/scripts/discover.js';

const [mode = 'on', token = ''] = process.argv.slice(2);
const project = fileURLToPath(new URL('../project', import.meta.url));
const engine = new BrumEngine({ catalog: discoverScripts(project), config: DEFAULT_CONFIG });
const server = await startHttpServer({
  engine,
  port: 0,
  token,
  ...(mode === 'off' ? { limits: { burst: Infinity, perSecond: 1, maxWaiting: 0 } } : {}),
});
process.stdout.write(`${server.url}\n`);
process.on('SIGTERM', () => {
  void server
    .close()
    .then(() => engine.shutdown())
    .then(() => process.exit(0));
});
