import { splitLocation } from './location.js';
import type { Location } from './location.js';
import type { Block, Diagnostic, Parser, Step } from './types.js';

/** `[vite] Internal server error: msg` and `[vite] (client) Pre-transform error: msg` (the same problem). */
const INTERNAL = /\[vite\] (?:\(\w+\) )?(?:Internal server|Pre-transform) error: (.*)$/;
/** Vite's repeat counter after a message it printed again (`(x3)`): the message is the same. */
const REPEATS = /\s+\(x\d+\)$/;
const BUILD = /^error during build:$/;
const WARN = /^\(!\) (.*)$/;
/** A new timestamped log line (`3:07:44 PM [vite] …`) ends the report. */
const NEW_LOG = /^\d{1,2}:\d{2}:\d{2}(?: [AP]M)? |^\[vite\]/;
const FRAME = /^\s+at /;
const FILE_LINE = /^\s*(?:File|file): (.+)$/;
const BOX_LOC = /^\s*╭─\[ (.+?) \]$/;
const ESBUILD_LOC = /^(.+?:\d+:\d+): ERROR: (.*)$/;
const PLUGIN = /^\s*Plugin: (.+)$/;
/** `[vite:esbuild] msg`, `[PARSE_ERROR] msg`, `[builtin:vite-transform] msg`. */
const TAG = /^\[([\w:-]+)\] (.*)$/;
const SUMMARY = /(?:failed with \d+ errors?:|^Build failed with \d+ errors?:)$/;

class ViteBlock implements Block {
  readonly #lines: string[] = [];
  readonly #frames: string[] = [];
  #framesEnded = false;

  constructor(first: string) {
    if (first !== '') this.#lines.push(first);
  }

  next(text: string): Step {
    if (NEW_LOG.test(text)) return 'end';
    if (FRAME.test(text)) {
      this.#frames.push(text.trim().replace(/ \{$/, ''));
      return 'take';
    }
    if (this.#frames.length > 0) {
      // After the frames only the error's own properties (`{ errors: … }`) may follow.
      if (text.trim() === '}') return 'last';
      if (text.startsWith(' ') && !this.#framesEnded) return 'take';
      this.#framesEnded = true;
      return 'end';
    }
    this.#lines.push(text);
    return 'take';
  }

  finish(): readonly Diagnostic[] {
    let loc: Location | undefined;
    let message: string | undefined;
    let code: string | undefined;
    const notes: string[] = [];
    for (const raw of this.#lines) {
      const text = raw.trim();
      if (text === '') continue;
      const file = FILE_LINE.exec(raw) ?? BOX_LOC.exec(raw);
      if (file) {
        const l = splitLocation(file[1]!) ?? { file: file[1]! };
        if (!loc || (loc.line === undefined && l.line !== undefined))
          loc = l.line === undefined ? { file: file[1]! } : l;
        continue;
      }
      const es = ESBUILD_LOC.exec(text);
      if (es) {
        loc ??= splitLocation(es[1]!);
        if (message === undefined || SUMMARY.test(message)) message = es[2];
        continue;
      }
      const plugin = PLUGIN.exec(raw);
      if (plugin) {
        notes.push(`Plugin: ${plugin[1]}`);
        continue;
      }
      if (message === undefined || SUMMARY.test(message)) {
        const tag = TAG.exec(text);
        let candidate = tag ? tag[2]! : text;
        // `[PARSE_ERROR]` is an error code; `[vite:esbuild]` is a plugin name.
        if (tag && /^[A-Z_]+$/.test(tag[1]!)) code = tag[1];
        candidate = candidate.trim();
        if (candidate !== '') message = candidate;
      }
    }
    if (message === undefined) return [];
    return [{ severity: 'error', kind: 'vite', code, message, ...loc, stack: [...notes, ...this.#frames] }];
  }
}

/** Vite dev-server transform errors, `vite build` failures, and `(!)` build warnings. */
export const viteParser: Parser = {
  name: 'vite',
  start(text) {
    if (text.includes('[vite]')) {
      // Most `[vite]` lines are rebuild markers: one literal check before the regex.
      if (!text.includes(' error: ')) return undefined;
      const m = INTERNAL.exec(text);
      return m ? new ViteBlock(m[1]!.trim().replace(REPEATS, '')) : undefined;
    }
    if (text.charCodeAt(0) === 101 /* e */ && BUILD.test(text)) return new ViteBlock('');
    if (!text.startsWith('(!) ')) return undefined;
    const w = WARN.exec(text);
    if (w) return { severity: 'warning', kind: 'vite', message: w[1]!, stack: [] };
    return undefined;
  },
};
