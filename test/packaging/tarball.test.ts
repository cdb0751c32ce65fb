/**
 * The package as a user gets it: `npm pack` (its `prepack` builds dist/ afresh) in a copy of this
 * repository, then the tarball installed the two ways a user installs it — globally into a temporary
 * prefix (`npm install -g brummer`) and into a temporary project (`npx brummer`) — and the installed
 * `brum` run for real. Dependencies come from the npm cache or registry (`--prefer-offline`); brum
 * itself comes only from the tarball.
 */
import { spawn } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoPath } from '../helpers/engine.js';

const STEP_TIMEOUT_MS = 180_000;
const OUTPUT_LIMIT = 1 << 20;

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

const running = new Set<number>();

/** npm's own settings for the outer `npm test` (prefix, lifecycle, package) must not leak inward. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (/^npm_(lifecycle|package)_/.test(lower)) continue;
    if (/^npm_config_(prefix|global_prefix|local_prefix|global|location|dry_run)$/.test(lower)) {
      continue;
    }
    env[key] = value;
  }
  return env;
}

/** Runs a command in its own process group; the group is killed on timeout and in afterAll. */
function run(command: string, args: readonly string[], cwd: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: childEnv(), detached: true, stdio: 'pipe' });
    const pid = child.pid;
    if (pid === undefined) {
      reject(new Error(`could not start ${command}`));
      return;
    }
    running.add(pid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdout.length < OUTPUT_LIMIT) stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < OUTPUT_LIMIT) stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => killGroup(pid), STEP_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      running.delete(pid);
      resolve({ code, stdout, stderr });
    });
  });
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function ok(result: Result, what: string): Result {
  if (result.code !== 0) {
    throw new Error(`${what} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

const repo = repoPath('.');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

let tmp = '';
let packed: string[] = [];
let prefix = '';
let project = '';
let installedGlobal = '';

const installFlags = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'brum-pack-'));
  // Pack a copy, so `prepack` rebuilding dist/ never touches the dist/ other tests are running.
  const copy = join(tmp, 'repo');
  const skip = new Set(['node_modules', 'dist', '.git', 'coverage', '.bench-tmp']);
  cpSync(repo, copy, {
    recursive: true,
    filter: (source) => {
      const rel = relative(repo, source);
      return rel === '' || !skip.has(rel.split(sep)[0] ?? '');
    },
  });
  symlinkSync(join(repo, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const out = join(tmp, 'out');
  mkdirSync(out);
  const pack = ok(await run('npm', ['pack', '--json', '--pack-destination', out], copy), 'npm pack');
  // Lifecycle output may precede the JSON on stdout; the JSON is the last top-level array.
  const json = pack.stdout.slice(pack.stdout.lastIndexOf('\n[') + 1);
  const [info] = JSON.parse(json.startsWith('[') ? json : pack.stdout) as [
    { filename: string; files: { path: string }[] },
  ];
  packed = info.files.map((file) => file.path);
  const tarball = join(out, info.filename);

  prefix = join(tmp, 'prefix');
  project = join(tmp, 'project');
  cpSync(repoPath('examples/basic'), project, { recursive: true });
  await Promise.all([
    run('npm', ['install', '-g', '--prefix', prefix, ...installFlags, tarball], tmp).then((r) =>
      ok(r, 'npm install -g'),
    ),
    run('npm', ['install', ...installFlags, tarball], project).then((r) => ok(r, 'npm install')),
  ]);
  installedGlobal = join(prefix, 'lib', 'node_modules', 'brummer');
}, 4 * STEP_TIMEOUT_MS);

afterAll(() => {
  for (const pid of running) killGroup(pid);
  if (tmp !== '') rmSync(tmp, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds the built program, README, LICENSE and docs, and nothing else', () => {
    expect(packed).toContain('package.json');
    expect(packed).toContain('README.md');
    expect(packed).toContain('LICENSE');
    expect(packed).toContain('dist/cli/main.js');
    expect(packed).toContain('dist/core/logs/pattern-worker.js');
    expect(packed).toContain('dist/tui/index.js');
    expect(packed).toContain('docs/architecture.md');
    const outside = packed.filter(
      (path) => !/^(dist\/.+\.js|docs\/[^/]+\.md|README\.md|LICENSE|package\.json)$/.test(path),
    );
    expect(outside).toEqual([]);
    expect(packed.filter((path) => /\.test\.|test-helper|\.map$/.test(path))).toEqual([]);
  });

  it('has every source module compiled, and imports only runtime dependencies', () => {
    const modules = packed.filter((path) => path.startsWith('dist/')).map((p) => p.slice(5, -3));
    // The page client's browser sources are bundled into one script, `browser/page-client/client.js`.
    const sources = [
      ...new Set(
        listSources(join(repo, 'src')).map((p) =>
          p.startsWith(PAGE_CLIENT_SOURCES) ? 'browser/page-client/client' : p.replace(/\.tsx?$/, ''),
        ),
      ),
    ];
    expect(modules.sort()).toEqual(sources.sort());

    const allowed = new Set([...Object.keys(pkg.dependencies), ...builtinModules]);
    const strays = new Set<string>();
    for (const path of packed.filter((p) => p.endsWith('.js'))) {
      const text = readFileSync(join(installedGlobal, path), 'utf8');
      for (const spec of importSpecifiers(text)) {
        if (spec.startsWith('.') || spec.startsWith('node:')) continue;
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (name === undefined || !allowed.has(name)) strays.add(`${path}: ${spec}`);
      }
    }
    expect([...strays]).toEqual([]);
  });
});

describe('installed globally (npm install -g)', () => {
  it('links an executable brum whose --version is package.json’s', async () => {
    const bin = join(prefix, 'bin', 'brum');
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    expect(readFileSync(join(installedGlobal, 'dist/cli/main.js'), 'utf8')).toMatch(
      /^#!\/usr\/bin\/env node\n/,
    );
    const version = ok(await run(bin, ['--version'], tmp), 'brum --version');
    expect(version.stdout.trim()).toBe(pkg.version);
  });

  it('runs a project’s script with brum run', async () => {
    const result = await run(join(prefix, 'bin', 'brum'), ['run', 'build', '--dir', project], tmp);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/build\s+\| build finished$/m);
    expect(result.stdout).toMatch(/✔ build\s+succeeded\s+exit 0/);
  });

  it('loads the terminal UI (ink, react) and runs the pattern worker thread from the installed package', async () => {
    const module = (path: string): string => JSON.stringify(join(installedGlobal, path));
    const script = [
      `const tui = await import(${module('dist/tui/index.js')});`,
      `const { PatternWorker } = await import(${module('dist/core/logs/pattern-worker.js')});`,
      `const { preparePattern } = await import(${module('dist/core/logs/safe-regex.js')});`,
      'const worker = new PatternWorker();',
      "const reply = await worker.run({ pattern: preparePattern('err'), texts: ['ok', 'an err'] });",
      'await worker.close();',
      'console.log(typeof tui.runTui, JSON.stringify(reply.hits));',
    ].join('\n');
    // A file, not `--input-type=module -e`: worker threads inherit that flag and the worker's
    // (CommonJS) source would then be read as a module.
    const file = join(tmp, 'load-installed.mjs');
    writeFileSync(file, script);
    const result = ok(await run(process.execPath, [file], tmp), 'import from the installed package');
    expect(result.stdout.trim()).toBe('function [1]');
  });
});

describe('installed into a project', () => {
  it('`npx brummer` finds brum as the package’s only bin', async () => {
    const result = ok(await run('npx', ['--offline', 'brummer', '--version'], project), 'npx');
    expect(result.stdout.trim()).toBe(pkg.version);
  });
});

const PAGE_CLIENT_SOURCES = 'browser/page-client/client/';

function listSources(dir: string, base = dir): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listSources(path, base));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$|\.test-helper\.tsx?$/.test(entry.name)) {
      found.push(relative(base, path).split(sep).join('/'));
    }
  }
  return found;
}

/** The module specifiers of static imports/re-exports, side-effect imports and literal `import()`. */
function importSpecifiers(text: string): string[] {
  const patterns = [
    /^(?:import|export)\s[^;]*?\sfrom\s*['"]([^'"]+)['"]/gm,
    /^import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1] ?? ''));
}
