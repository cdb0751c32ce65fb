// Bundles the page client (src/browser/page-client/client/, browser TypeScript) into the one script
// the proxy injects: dist/browser/page-client/client.js. Run by `npm run build` after tsc.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
  absWorkingDir: root,
  entryPoints: ['src/browser/page-client/client/main.ts'],
  outfile: 'dist/browser/page-client/client.js',
  bundle: true,
  format: 'iife',
  target: ['chrome90', 'firefox90', 'safari15'],
  minify: true,
  legalComments: 'none',
  sourcemap: false,
  logLevel: 'warning',
});
