/** Where the bundled page client lives: beside the compiled endpoint in `dist/`, or in the build when running from `src/` (tests). */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLIENT_FILE = 'client.js';

export function pageClientScriptPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, CLIENT_FILE);
  if (existsSync(beside) && here.split(/[\\/]/).includes('dist')) return beside;
  const built = resolve(here, '../../../dist/browser/page-client', CLIENT_FILE);
  if (existsSync(built)) return built;
  throw new Error(`The page client is not built (${built} is missing): run npm run build.`);
}
