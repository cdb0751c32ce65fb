/**
 * The prefixed line format of headless and one-shot modes: `12:03:44 dev    │ text`.
 * Each process gets a stable colour; ANSI in the line is kept when colour is on, stripped otherwise.
 */
import pc from 'picocolors';
import type { LogLine } from '../core/logs/types.js';

type Paint = (text: string) => string;

const PALETTE: readonly Paint[] = [pc.cyan, pc.magenta, pc.yellow, pc.green, pc.blue, pc.red];

export class LineFormatter {
  readonly #labels = new Map<string, string>();
  readonly #colors: ReturnType<typeof pc.createColors>;
  #width = 0;
  #lastSecond = -1;
  #clock = '';

  constructor(private readonly color: boolean) {
    this.#colors = pc.createColors(color);
  }

  /** Registers a label for a process (padded to the widest seen so far, up to 20). */
  label(processId: string, name: string): string {
    let label = this.#labels.get(processId);
    if (label === undefined) {
      this.#width = Math.min(20, Math.max(this.#width, name.length));
      const paint = this.color ? (PALETTE[this.#labels.size % PALETTE.length] ?? pc.cyan) : (s: string) => s;
      label = paint(name.padEnd(this.#width).slice(0, 20));
      this.#labels.set(processId, label);
    }
    return label;
  }

  /** Formats a batch of lines of one process as one string (whole lines only, so outputs never interleave). */
  format(processId: string, name: string, lines: readonly LogLine[]): string {
    const label = this.label(processId, name);
    const first = lines[0];
    if (!first) return '';
    const clock = this.#time(first.ts);
    const bar = this.#colors.dim('│');
    const errBar = this.#colors.red('┃');
    let out = '';
    for (const line of lines) {
      if (line.stream === 'system') {
        out += `${clock} ${label} ${bar} ${this.#colors.dim(line.text)}\n`;
      } else if (this.color) {
        // Reset after a coloured line so its colour never bleeds into the next prefix.
        const reset = line.raw === line.text ? '' : '\x1b[0m';
        out += `${clock} ${label} ${line.stream === 'stderr' ? errBar : bar} ${line.raw}${reset}\n`;
      } else {
        out += `${clock} ${label} ${line.stream === 'stderr' ? '┃' : '│'} ${line.text}\n`;
      }
    }
    return out;
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
