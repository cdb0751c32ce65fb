/**
 * `.brum/artifacts/`: where screenshots and large page snapshots are saved. Bounded in files and
 * bytes; the oldest go first. Only files brum named (`screenshot-…`, `snapshot-…`) are counted or
 * deleted, so whatever else a person puts there stays.
 */
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBrumDir } from './pid-file.js';

export const MAX_ARTIFACT_FILES = 50;
export const MAX_ARTIFACT_BYTES = 200 * 1024 * 1024;

const OURS = /^(screenshot|snapshot)-\d{8}T\d{6}-\d{3}-\d+\.(png|jpeg|webp|yaml)$/;

export interface ArtifactStoreOptions {
  readonly maxFiles?: number;
  readonly maxBytes?: number;
}

export class ArtifactStore {
  readonly dir: string;
  #counter = 0;
  readonly #maxFiles: number;
  readonly #maxBytes: number;

  constructor(projectDir: string, options: ArtifactStoreOptions = {}) {
    this.dir = join(projectDir, '.brum', 'artifacts');
    this.#maxFiles = options.maxFiles ?? MAX_ARTIFACT_FILES;
    this.#maxBytes = options.maxBytes ?? MAX_ARTIFACT_BYTES;
  }

  /** Saves `data` as a new `<kind>-<time>-<n>.<ext>` and trims the folder to its bounds. Returns the path. */
  save(kind: 'screenshot' | 'snapshot', extension: string, data: Buffer | string, now = new Date()): string {
    ensureBrumDir(join(this.dir, '..', '..'));
    mkdirSync(this.dir, { recursive: true });
    const stamp = now.toISOString().replace(/[-:]/g, '').replace('.', '-').slice(0, 19);
    const name = `${kind}-${stamp}-${++this.#counter}.${extension}`;
    const path = join(this.dir, name);
    writeFileSync(path, data, { mode: 0o600 });
    this.trim(path);
    return path;
  }

  /** Deletes the oldest of brum's files until at most `maxFiles` and `maxBytes` remain (never `keep`). */
  trim(keep?: string): void {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    const files = names
      .filter((name) => OURS.test(name))
      .map((name) => {
        const path = join(this.dir, name);
        try {
          const stat = statSync(path);
          return { path, size: stat.size, time: stat.mtimeMs };
        } catch {
          return undefined;
        }
      })
      .filter((f): f is { path: string; size: number; time: number } => f !== undefined)
      .sort((a, b) => a.time - b.time || a.path.localeCompare(b.path));
    let count = files.length;
    let bytes = files.reduce((sum, f) => sum + f.size, 0);
    for (const file of files) {
      if (count <= this.#maxFiles && bytes <= this.#maxBytes) break;
      if (file.path === keep) continue;
      rmSync(file.path, { force: true });
      count--;
      bytes -= file.size;
    }
  }
}
