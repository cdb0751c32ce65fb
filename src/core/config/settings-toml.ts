/**
 * `brum --settings`: the effective configuration as valid TOML, each value annotated with where it
 * came from, so a person can see why a value is what it is and copy lines into a `.brum.toml`.
 */
import { stringify } from 'smol-toml';
import { formatByteSize } from './byte-size.js';
import { TOP_LEVEL_TOML_KEYS } from './build.js';
import { formatKey, formatKeyPath } from './key-path.js';
import { maskSecretText, maskValue } from './mask.js';
import type { LoadedConfig, ProcessConfig, TopLevelOptions } from './types.js';

export interface FormatSettingsOptions {
  /** Print secret env values and URL passwords instead of masking them. Default false. */
  readonly revealSecrets?: boolean;
}

/** A TOML value as written on the right of `=`. */
function tomlValue(value: unknown): string {
  return stringify({ v: value }).trim().slice('v = '.length);
}

/** `# from /path`, `# default`, `# flag --port`, on one line whatever the path contains. */
function comment(source: string, note?: string): string {
  const origin = source === 'default' || source.startsWith('flag ') ? source : `from ${source}`;
  // eslint-disable-next-line no-control-regex -- a newline in a path must not end the comment early
  return `# ${origin}${note ? ` (${note})` : ''}`.replace(/[\u0000-\u001f\u007f]/g, '?');
}

function line(key: string, value: unknown, source: string, note?: string): string {
  return `${formatKey(key)} = ${tomlValue(value)} ${comment(source, note)}`;
}

const SIZE_KEYS = new Set<keyof TopLevelOptions>(['logBufferBytes', 'logTotalBytes']);

function topLevel(loaded: LoadedConfig): string[] {
  const lines: string[] = [];
  for (const [option, key] of Object.entries(TOP_LEVEL_TOML_KEYS) as [keyof TopLevelOptions, string][]) {
    const value = loaded.config[option];
    const source = loaded.sourceOf(key);
    if (value === undefined) {
      lines.push(`# ${key} is not set (${source}: brum detects it from the project)`);
    } else if (SIZE_KEYS.has(option) && typeof value === 'number') {
      lines.push(line(key, formatByteSize(value), source, `${value} bytes`));
    } else {
      lines.push(line(key, value, source));
    }
  }
  return lines;
}

const TABLE_FIELDS: readonly [keyof ProcessConfig | 'run', string][] = [
  ['run', 'run'],
  ['cwd', 'cwd'],
  ['envFile', 'env_file'],
  ['readyPattern', 'ready_pattern'],
  ['readyPort', 'ready_port'],
  ['readyUrl', 'ready_url'],
  ['restart', 'restart'],
  ['maxRestarts', 'max_restarts'],
  ['dependsOn', 'depends_on'],
  ['autostart', 'autostart'],
];

function table(
  loaded: LoadedConfig,
  kind: 'scripts' | 'commands',
  name: string,
  config: ProcessConfig & { run?: string },
  options: FormatSettingsOptions,
): string[] {
  const path = (...rest: string[]) => formatKeyPath([kind, name, ...rest]);
  const lines = ['', `[${path()}] ${comment(loaded.sourceOf(path()))}`];
  for (const [field, key] of TABLE_FIELDS) {
    const value = config[field];
    if (value === undefined) continue;
    // A command line or a URL may carry a password (`run = "psql postgres://u:pw@db"`) or a credential
    // (`curl -H 'Authorization: Bearer …'`, `API_TOKEN=… node x`).
    const shown = typeof value === 'string' && !options.revealSecrets ? maskSecretText(value) : value;
    lines.push(line(key, shown, loaded.sourceOf(path(key)), shown === value ? undefined : 'hidden'));
  }
  const variables = Object.entries(config.env);
  if (variables.length > 0) {
    lines.push(`[${path('env')}]`);
    for (const [variable, value] of variables) {
      const shown = options.revealSecrets ? value : maskValue(variable, value);
      lines.push(
        line(variable, shown, loaded.sourceOf(path('env', variable)), shown === value ? undefined : 'hidden'),
      );
    }
  }
  return lines;
}

function proxy(loaded: LoadedConfig): string[] {
  const { enabled, port, ports } = loaded.config.proxy;
  const lines = [
    '',
    `[proxy] ${comment(loaded.sourceOf('proxy'))}`,
    line('enabled', enabled, loaded.sourceOf('proxy.enabled')),
    line('port', port, loaded.sourceOf('proxy.port'), 'the first proxy port'),
  ];
  const pinned = Object.entries(ports);
  if (pinned.length > 0) {
    lines.push('[proxy.ports]');
    for (const [script, p] of pinned)
      lines.push(line(script, p, loaded.sourceOf(formatKeyPath(['proxy', 'ports', script]))));
  }
  return lines;
}

/** The effective configuration as TOML that smol-toml (and brum) can parse back. */
export function formatSettings(loaded: LoadedConfig, options: FormatSettingsOptions = {}): string {
  const header = [
    '# brum settings: the effective configuration (later sources win: default < files < flags).',
    loaded.files.length > 0 ? '# Files read, in order:' : '# No .brum.toml file was found.',
    ...loaded.files.map((file) => `#   ${file}`.replace(/[\r\n]/g, '?')),
    '',
  ];
  const tables = (['scripts', 'commands'] as const).flatMap((kind) =>
    Object.entries(loaded.config[kind]).flatMap(([name, config]) =>
      table(loaded, kind, name, config, options),
    ),
  );
  return [...header, ...topLevel(loaded), ...tables, ...proxy(loaded), ''].join('\n');
}
