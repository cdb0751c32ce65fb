/**
 * Tests that run the built brum (dist/) or drive it in tmux call these at load time: a missing or
 * stale build, or a missing tmux, fails the file with an error saying what to do — never a silent skip
 * nor a run of yesterday's code.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { repoPath } from './engine.js';

/** dist/ files missing or older than their source under src/ (tests excluded), at most `limit`. */
export function staleBuildFiles(limit = 5): string[] {
  const src = repoPath('src');
  const stale: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (stale.length >= limit) return;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.tsx?$/.test(entry.name) && !/\.test(-helper)?\.tsx?$|\.d\.ts$/.test(entry.name)) {
        const out = builtFile(relative(src, path));
        let outTime: number;
        try {
          outTime = statSync(out).mtimeMs;
        } catch {
          stale.push(`${relative(repoPath(''), out)} (missing)`);
          continue;
        }
        if (outTime < statSync(path).mtimeMs)
          stale.push(`${relative(repoPath(''), out)} (older than its source)`);
      }
    }
  };
  visit(src);
  return stale;
}

/** The dist/ file a source under src/ becomes: the page client's browser sources are bundled into one. */
function builtFile(source: string): string {
  if (source.split(sep).join('/').startsWith('browser/page-client/client/'))
    return join(repoPath('dist'), 'browser/page-client/client.js');
  return join(repoPath('dist'), source).replace(/\.tsx?$/, '.js');
}

/** Throws unless dist/ is built and at least as new as every source file. Returns dist/cli/main.js. */
export function requireFreshBuild(): string {
  const stale = staleBuildFiles();
  if (stale.length > 0)
    throw new Error(
      `These tests run the built brum, and dist/ is missing or stale (${stale.join(', ')}). ` +
        'Run `npm run build` first (`npm test` does).',
    );
  return repoPath('dist/cli/main.js');
}

/** Throws unless `tmux` runs. */
export function requireTmux(): void {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
  } catch (error) {
    throw new Error(
      `The terminal UI end-to-end tests drive brum in tmux, and tmux did not run (${(error as Error).message}). ` +
        'Install tmux (e.g. `apt-get install tmux`).',
      { cause: error },
    );
  }
}
