/**
 * TOML key paths as people read them in messages and `--settings` output: `scripts.dev.restart`,
 * `scripts."web:dev".env.PORT`. Names that are not bare TOML keys are quoted.
 */
const BARE_KEY = /^[A-Za-z0-9_-]+$/;

/** One key as TOML writes it: bare when possible, otherwise a quoted basic string. */
export function formatKey(key: string): string {
  if (BARE_KEY.test(key)) return key;
  // JSON escapes are valid TOML basic-string escapes; DEL must be escaped in TOML but not in JSON.
  return JSON.stringify(key).replace(/\x7f/g, '\\u007f');
}

/** Segments joined into a dotted TOML key path. */
export function formatKeyPath(segments: readonly (string | number)[]): string {
  return segments
    .map((segment) => (typeof segment === 'number' ? `[${segment}]` : formatKey(segment)))
    .join('.')
    .replace(/\.\[/g, '[');
}

/** `mcpPort` → `mcp_port`; snake_case input is returned unchanged. */
export function toSnakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * Splits a dotted key path written by a caller (`scripts.dev.env.PORT`, `scripts."web:dev".cwd`) into
 * segments and normalises the field-name positions to snake_case, so `scripts.dev.readyPattern` and
 * `scripts.dev.ready_pattern` name the same value. Names of scripts and variables are kept as written.
 */
export function parseKeyPath(path: string): string[] {
  const segments: string[] = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|([^.]+?))\s*(?:\.|$)/gy;
  let match: RegExpExecArray | null;
  while (re.lastIndex < path.length && (match = re.exec(path)) !== null) {
    segments.push(match[1] !== undefined ? (JSON.parse(`"${match[1]}"`) as string) : (match[2] ?? ''));
  }
  const isTable = segments[0] === 'scripts' || segments[0] === 'commands';
  return segments.map((segment, index) =>
    index === 0 || (isTable && index === 2) ? toSnakeCase(segment) : segment,
  );
}
