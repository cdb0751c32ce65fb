/**
 * Secrets brum itself loaded for its processes, hidden where output leaves brum through MCP (logs,
 * search results, errors, status). A value counts when brum read it from the project's `.env`, an
 * `env_file` or an `env` table (not brum's own inherited environment, which the user's shell already
 * holds) under a name `isSecretName` calls secret — and a URL's password in any value brum loaded.
 *
 * Bounded: values shorter than `MIN_SECRET_LENGTH` are not masked (a 1–3 character "secret" would
 * mask ordinary text everywhere), at most `MAX_SECRETS` values of at most `MAX_SECRET_LENGTH`
 * characters are kept (the first ones; later ones are dropped and counted in `dropped`).
 */
import { INHERITED_SOURCE } from './env.js';
import { isSecretName, MASK } from './mask.js';

export const MIN_SECRET_LENGTH = 4;
export const MAX_SECRETS = 256;
export const MAX_SECRET_LENGTH = 4096;

/** A URL's password, as written and decoded, or nothing. */
function urlPasswords(value: string): string[] {
  if (!value.includes('://') || !value.includes('@')) return [];
  try {
    const raw = new URL(value).password;
    if (raw === '') return [];
    const decoded = decodeURIComponent(raw);
    return decoded === raw ? [raw] : [raw, decoded];
  } catch {
    return [];
  }
}

/** The values of one resolved environment that are secrets brum loaded (see the module comment). */
export function loadedSecrets(
  env: Readonly<Record<string, string>>,
  sources: Readonly<Record<string, string>>,
): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (sources[name] === INHERITED_SOURCE) continue;
    if (isSecretName(name)) out.push(value);
    else out.push(...urlPasswords(value));
  }
  return out;
}

/** The set of secret values to hide, longest first (so a secret containing another is hidden whole). */
export class SecretMasker {
  #values: string[] = [];
  #dropped = 0;

  /** Adds values (duplicates, too-short and too-long ones ignored). */
  add(values: Iterable<string>): void {
    let changed = false;
    for (const value of values) {
      if (value.length < MIN_SECRET_LENGTH || value.length > MAX_SECRET_LENGTH) continue;
      if (this.#values.includes(value)) continue;
      if (this.#values.length >= MAX_SECRETS) {
        this.#dropped++;
        continue;
      }
      this.#values.push(value);
      changed = true;
    }
    if (changed) this.#values.sort((a, b) => b.length - a.length);
  }

  get size(): number {
    return this.#values.length;
  }

  /** Values not kept because `MAX_SECRETS` was reached. */
  get dropped(): number {
    return this.#dropped;
  }

  /** `text` with every known secret replaced by the mask. Cost: one `includes` per secret. */
  mask(text: string): string {
    const values = this.#values;
    if (values.length === 0) return text;
    let out = text;
    for (const value of values) if (out.includes(value)) out = out.split(value).join(MASK);
    return out;
  }
}
