/**
 * Loads the TUI with two import-time decisions made for a person at a terminal:
 * - Ink decides once, when first imported, whether it runs "in CI" (any `CI` or
 *   `CONTINUOUS_INTEGRATION` variable) and then draws only the last frame. We open the TUI only when
 *   stdin and stdout are terminals, so a person is watching whatever CI says.
 * - React picks its development or production build from `NODE_ENV` at import; the development
 *   build cost ~20% more CPU under a log flood (bench/tui).
 * The variables are changed for that one import and restored right after: children inherit brum's
 * environment and must see the user's own `NODE_ENV` and `CI`.
 */
import type * as TuiModule from '../tui/index.js';

export async function importTui(): Promise<typeof TuiModule> {
  const keys = ['CI', 'CONTINUOUS_INTEGRATION', 'NODE_ENV'] as const;
  const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  process.env.NODE_ENV = 'production';
  try {
    return await import('../tui/index.js');
  } finally {
    for (const key of keys) {
      const value = saved[key];
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
