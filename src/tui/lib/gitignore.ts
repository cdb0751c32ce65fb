/**
 * Keeping a file that holds the MCP token (a project-scoped client config like `.mcp.json`) out of git:
 * asks git whether the file would be committed, and appends it to the project's `.gitignore` when the
 * user agrees.
 */
import { execFile } from 'node:child_process';
import { appendFile, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** `not-ignored`: inside a git work tree, and git would offer to commit the file. */
export type IgnoreState = 'ignored' | 'not-ignored' | 'no-git';

const GIT_TIMEOUT_MS = 3000;

function git(cwd: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve) => {
    execFile('git', [...args], { cwd, timeout: GIT_TIMEOUT_MS, windowsHide: true }, (error) => {
      if (!error) return resolve(0);
      const code = (error as { code?: unknown }).code;
      resolve(typeof code === 'number' ? code : -1);
    });
  });
}

/** Whether `file` (inside `projectDir`) is ignored by git; `no-git` outside a work tree or without git. */
export async function ignoreState(projectDir: string, file: string): Promise<IgnoreState> {
  if ((await git(projectDir, ['rev-parse', '--is-inside-work-tree'])) !== 0) return 'no-git';
  // check-ignore: 0 = ignored, 1 = not ignored, anything else = could not tell.
  const code = await git(projectDir, ['check-ignore', '-q', '--no-index', '--', file]);
  return code === 0 ? 'ignored' : code === 1 ? 'not-ignored' : 'no-git';
}

/** Appends `/<file relative to projectDir>` to `projectDir/.gitignore`; returns the pattern added. */
export async function addToGitignore(projectDir: string, file: string): Promise<string> {
  const pattern = `/${relative(projectDir, file).split(sep).join('/')}`;
  const path = join(projectDir, '.gitignore');
  const before = await readFile(path, 'utf8').catch(() => '');
  const gap = before === '' || before.endsWith('\n') ? '' : '\n';
  await appendFile(
    path,
    `${gap}# MCP client config written by brum: it holds the access token\n${pattern}\n`,
  );
  return pattern;
}
