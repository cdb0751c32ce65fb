/**
 * Colours used by the TUI. When `NO_COLOR` is set (https://no-color.org) every colour becomes
 * `undefined`, so components render plain text; meaning is then carried by icons and markers alone.
 */
import type { ProcessStatus } from '../core/process/snapshot.js';

export interface Theme {
  readonly color: boolean;
  readonly accent: string | undefined;
  readonly muted: string | undefined;
  readonly error: string | undefined;
  readonly warning: string | undefined;
  readonly ok: string | undefined;
  readonly link: string | undefined;
  readonly status: (status: ProcessStatus, ready: boolean) => string | undefined;
  /** A stable colour per process label, so the same process always looks the same in the merged log. */
  readonly label: (name: string) => string | undefined;
}

const LABEL_COLORS = [
  'cyan',
  'magenta',
  'yellow',
  'blue',
  'green',
  'cyanBright',
  'magentaBright',
  'blueBright',
];

/** Whether colour output is allowed for this environment. */
export function colorEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env['NO_COLOR'] === undefined || env['NO_COLOR'] === '';
}

/** Builds the theme; pass `false` for the monochrome variant. */
export function createTheme(color: boolean): Theme {
  const c = (name: string): string | undefined => (color ? name : undefined);
  return {
    color,
    accent: c('cyan'),
    muted: c('gray'),
    error: c('red'),
    warning: c('yellow'),
    ok: c('green'),
    link: c('blue'),
    status: (status, ready) => {
      switch (status) {
        case 'pending':
          return c('gray');
        case 'running':
          return c(ready ? 'green' : 'yellow');
        case 'stopping':
          return c('yellow');
        case 'stopped':
          return c('gray');
        case 'succeeded':
          return c('green');
        case 'failed':
          return c('red');
        default: {
          const never: never = status;
          return never;
        }
      }
    },
    label: (name) => {
      if (!color) return undefined;
      let hash = 0;
      for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) >>> 0;
      return LABEL_COLORS[hash % LABEL_COLORS.length];
    },
  };
}
