import { readFileSync } from 'node:fs';

function readVersion(): string {
  try {
    // The same relative path holds from src/mcp and from dist/mcp.
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** brum's version, from its package.json. */
export const BRUM_VERSION: string = readVersion();
