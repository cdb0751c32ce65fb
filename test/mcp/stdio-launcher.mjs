// `brum --mcp` stand-in for tests while the CLI does not route to runStdio: serves MCP on stdio for a
// project with the real engine, from the built dist/.
// usage: node stdio-launcher.mjs <projectDir> <registryDir>
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = (p) => import(path.join(root, 'dist', p));
const { runStdio } = await dist('mcp/index.js');
const { BrumEngine } = await dist('core/engine/engine.js');
const { discoverScripts } = await dist('core/scripts/discover.js');

const [projectDir, registryDir] = process.argv.slice(2);
await runStdio({
  projectDir,
  registryDir,
  createEngine: () => new BrumEngine({ catalog: discoverScripts(projectDir) }),
});
process.exit(0);
