/**
 * Builds real engines on fixture projects for tests, and shuts every one of them down afterwards
 * (call `shutdownEngines` in `afterEach`), so no test leaves a process behind.
 */
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG } from '../../src/core/config/defaults.js';
import { DEFAULT_PROCESS_CONFIG } from '../../src/core/config/types.js';
import type { BrumConfig } from '../../src/core/config/types.js';
import { BrumEngine } from '../../src/core/engine/engine.js';
import type { Clock } from '../../src/core/clock.js';
import { discoverScripts } from '../../src/core/scripts/discover.js';

const engines = new Set<BrumEngine>();

/** Absolute path of a folder under `test/fixtures/` or the repository root. */
export function repoPath(relative: string): string {
  return fileURLToPath(new URL(`../../${relative}`, import.meta.url));
}

export function createTestEngine(
  dir: string,
  config: Partial<BrumConfig> = {},
  options: { readonly clock?: Clock } = {},
): BrumEngine {
  const catalog = discoverScripts(repoPath(dir));
  const engine = new BrumEngine({ catalog, config: { ...DEFAULT_CONFIG, ...config }, ...options });
  engines.add(engine);
  return engine;
}

/** The secrets the fixture script `leaky` is given through its `env` table, and prints. */
export const LEAKY_SECRETS = { token: 'tok-4f9a-secret', password: 'pg-pass-77' } as const;

/** A test engine on test/fixtures/procs whose `leaky` script gets LEAKY_SECRETS (and PORT=3000, no secret). */
export function createLeakyEngine(): BrumEngine {
  return createTestEngine('test/fixtures/procs', {
    scripts: {
      leaky: {
        ...DEFAULT_PROCESS_CONFIG,
        env: {
          API_TOKEN: LEAKY_SECRETS.token,
          DATABASE_URL: `postgres://app:${LEAKY_SECRETS.password}@db/app`,
          PORT: '3000',
        },
      },
    },
  });
}

export async function shutdownEngines(): Promise<void> {
  await Promise.all([...engines].map((e) => e.shutdown()));
  engines.clear();
}

/** Polls `check` every 20 ms until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => T | undefined | false,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
