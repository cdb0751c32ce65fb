/**
 * The prefixed line format of headless and one-shot modes: `12:03:44 dev    | text`.
 * Each process gets a stable colour; stderr lines get a red bar when colour is on. ANSI in the line is
 * kept when colour is on, stripped otherwise.
 *
 * Hot path (every line brum prints): a batch shares one prefix (one process, one stream, one second),
 * so it is formatted with a single `join`. The prefix is kept ASCII so that the batch string stays
 * one-byte (a single non-ASCII character in it makes V8 build, and later encode, a two-byte string —
 * measured about six times slower).
 */
import pc from 'picocolors';
import type { JoinedText } from '../core/engine-api.js';
import type { LogLine } from '../core/logs/types.js';

type Paint = (text: string) => string;

const PALETTE: readonly Paint[] = [pc.cyan, pc.magenta, pc.yellow, pc.green, pc.blue, pc.red];
const RESET = '\x1b[0m';
const MAX_LABEL = 20;

/** A formatted batch as pieces (see `LineFormatter.formatParts`). */
export interface FormattedBatch {
  readonly parts: readonly string[];
  /** Every piece is ASCII: latin1 encodes it exactly, as a plain copy. */
  readonly ascii: boolean;
}

const EMPTY: FormattedBatch = Object.freeze({ parts: Object.freeze([]), ascii: true });

export class LineFormatter {
  readonly #labels = new Map<string, string>();
  /** The labels that are pure ASCII (a script's name may not be). */
  readonly #asciiLabels = new Set<string>();
  readonly #colors: ReturnType<typeof pc.createColors>;
  #width = 0;
  #lastSecond = -1;
  #clock = '';

  constructor(private readonly color: boolean) {
    this.#colors = pc.createColors(color);
  }

  /**
   * Pads every label to at least the widest of `names` (at most 20): the processes a run will start,
   * known before any prints, so that the first label is as wide as the later ones.
   */
  reserve(names: readonly string[]): void {
    for (const name of names) this.#width = Math.min(MAX_LABEL, Math.max(this.#width, name.length));
  }

  /** The label of a process, padded to the widest name seen when it was first used (at most 20). */
  label(processId: string, name: string): string {
    let label = this.#labels.get(processId);
    if (label === undefined) {
      this.#width = Math.min(MAX_LABEL, Math.max(this.#width, name.length));
      const paint = this.color ? (PALETTE[this.#labels.size % PALETTE.length] ?? pc.cyan) : (s: string) => s;
      label = paint(name.slice(0, MAX_LABEL).padEnd(this.#width));
      this.#labels.set(processId, label);
      if (isAsciiText(label)) this.#asciiLabels.add(label);
    }
    return label;
  }

  /**
   * Formats one batch (one process, one stream) as whole lines, so outputs never interleave mid-line.
   * `joined` (the lines' raw and stripped text joined by `\n`, from the engine's `logs` event) lets the
   * colour and ASCII be known without looking at every line.
   */
  format(processId: string, name: string, lines: readonly LogLine[], joined?: JoinedText): string {
    return this.formatParts(processId, name, lines, joined).parts.join('');
  }

  /**
   * `format` as pieces whose concatenation is the text, for `BoundedWriter.write`, which encodes them
   * one after the other: the batch is never built as one string (encoding a concatenation first copies
   * it into a flat string). `ascii` when every piece is ASCII, so they may be encoded as latin1.
   */
  formatParts(
    processId: string,
    name: string,
    lines: readonly LogLine[],
    joined?: JoinedText,
  ): FormattedBatch {
    const first = lines[0];
    if (!first) return EMPTY;
    const c = this.#colors;
    const bar = first.stream === 'stderr' ? c.red('|') : c.dim('|');
    const label = this.label(processId, name);
    const prefix = `${this.#time(first.ts)} ${label} ${bar} `;
    if (first.stream === 'system') {
      return { parts: [prefix, lines.map((l) => c.dim(l.text)).join(`\n${prefix}`), '\n'], ascii: false };
    }
    // With the joined text, one `replaceAll` over it. A `join` of the lines' own strings allocates less
    // (~130 against ~300 bytes a line on an access flood: a replace's result is a rope that encoding
    // copies flat) but, measured on the errors mix, made brum's peak RSS land above 100 MB in a third of
    // the runs (102–108 MB, against 95–100 with `replaceAll`, 6 runs or more each): kept as it was.
    const ascii = joined?.ascii === true && this.#asciiLabels.has(label);
    let coloured = joined !== undefined && joined.raw !== joined.text;
    if (joined === undefined) {
      for (const line of lines) {
        if (line.raw !== line.text) {
          coloured = true;
          break;
        }
      }
    }
    const body = (field: 'raw' | 'text', separator: string): string =>
      joined === undefined ? joinField(lines, field, separator) : joined[field].replaceAll('\n', separator);
    if (!coloured) return { parts: [prefix, body('raw', `\n${prefix}`), '\n'], ascii };
    // Reset after each coloured line so its colour never bleeds into the next prefix.
    if (this.color) return { parts: [prefix, body('raw', `${RESET}\n${prefix}`), RESET + '\n'], ascii };
    return { parts: [prefix, body('text', `\n${prefix}`), '\n'], ascii };
  }

  /** `HH:MM:SS`, recomputed once per second, not per line. */
  #time(ts: number): string {
    const second = Math.floor(ts / 1000);
    if (second !== this.#lastSecond) {
      this.#lastSecond = second;
      const d = new Date(ts);
      const two = (n: number) => String(n).padStart(2, '0');
      this.#clock = this.#colors.dim(`${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`);
    }
    return this.#clock;
  }
}

function joinField(lines: readonly LogLine[], field: 'raw' | 'text', separator: string): string {
  const parts = new Array<string>(lines.length);
  for (let i = 0; i < lines.length; i++) parts[i] = lines[i]![field];
  return parts.join(separator);
}

function isAsciiText(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
