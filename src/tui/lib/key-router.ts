/**
 * One place where key presses enter the TUI. Ink hands over what one read of stdin held: a single key,
 * an escape sequence, or several plain keys at once (a held key, a fast typist, tmux sending `/watch`
 * then Enter in one write). The router cuts that into keys and delivers them one at a time, in order:
 * each key goes to the layers that are active after the previous key was handled.
 *
 * Keys are delivered one at a time: after each, the router asks React for a render (`KeyTick`) and
 * waits for its commit, which includes the key's own state changes (Ink renders them asynchronously,
 * and may yield in the middle of a render), before the next key goes. Layers register in a layout effect (so a prompt that the
 * previous key opened is registered) and are asked whether they are active only when a key is about to
 * be delivered, from a ref updated on render: never from a subscription made by an earlier render.
 */
import type { Key } from 'ink';

export interface KeyLayer {
  /** Read when a key is about to be delivered. */
  readonly isActive: () => boolean;
  /** A text layer takes a run of plain characters whole (a paste), instead of one by one. */
  readonly isText: () => boolean;
  readonly handle: (input: string, key: Key) => void;
}

export interface Pending {
  readonly input: string;
  readonly key: Key;
  /** A run of printable characters that may still be split into single keys. */
  readonly run: boolean;
}

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

// eslint-disable-next-line no-control-regex -- control characters are exactly what is being matched
const CONTROL = /[\u0000-\u001F\u007F]/;

/** The key one plain (non-escape) character stands for, as Ink would report it when alone. */
export function keyForChar(c: string): { input: string; key: Key } {
  if (c === '\r' || c === '\n') return { input: '', key: { ...NO_KEY, return: true } };
  if (c === '\t') return { input: '', key: { ...NO_KEY, tab: true } };
  if (c === '\b') return { input: '', key: { ...NO_KEY, backspace: true } };
  if (c === '\u007F') return { input: '', key: { ...NO_KEY, delete: true } };
  if (c === '\u001B') return { input: '', key: { ...NO_KEY, escape: true, meta: true } };
  const code = c.charCodeAt(0);
  if (c.length === 1 && code >= 1 && code <= 0x1a) {
    return { input: String.fromCharCode(code + 96), key: { ...NO_KEY, ctrl: true } };
  }
  if (CONTROL.test(c)) return { input: '', key: NO_KEY };
  return { input: c, key: { ...NO_KEY, shift: /^[A-Z]$/.test(c) } };
}

/**
 * Cuts one Ink input event into keys. `raw` is the event's text as read (Ink's own parse of a chunk of
 * several plain keys loses them: `\x7f\x7f` arrives as an empty input). An escape sequence or a lone key
 * stays as Ink parsed it; a chunk of plain characters becomes its control characters (Enter, Backspace,
 * Ctrl+…) one by one and its runs of printable characters, kept together so that a text prompt can take
 * a paste whole.
 */
export function cutKeys(raw: string, input: string, key: Key): Pending[] {
  if ([...raw].length < 2 || raw.startsWith('\u001B')) return [{ input, key, run: false }];
  const out: Pending[] = [];
  let run = '';
  const flush = (): void => {
    if ([...run].length === 1) out.push({ ...keyForChar(run), run: false });
    else if (run) out.push({ input: run, key: NO_KEY, run: true });
    run = '';
  };
  for (const c of raw) {
    if (!CONTROL.test(c)) {
      run += c;
      continue;
    }
    flush();
    out.push({ ...keyForChar(c), run: false });
  }
  flush();
  return out;
}

/** At most this many keys are queued; beyond it a flood of input is dropped rather than buffered. */
const MAX_QUEUED = 4096;

export class KeyRouter {
  readonly #layers = new Set<KeyLayer>();
  readonly #queue: Pending[] = [];
  #scheduled = false;
  #settling = false;
  #settle: (() => void) | undefined;

  /** Adds a layer (in mount order); returns its removal. */
  add(layer: KeyLayer): () => void {
    this.#layers.add(layer);
    return () => this.#layers.delete(layer);
  }

  /**
   * `request` asks React for a render whose commit calls `settled()` (see `KeyTick`): since React renders
   * every pending update of a lane together, that commit includes all a key's own state changes.
   */
  setSettler(request: (() => void) | undefined): void {
    this.#settle = request;
  }

  /** The render requested after a key has been committed; the next key may go. */
  settled(): void {
    if (!this.#settling) return;
    this.#settling = false;
    this.#schedule();
  }

  /**
   * Takes one Ink input event (`raw` as read, `input`/`key` as Ink parsed it); its keys are delivered one
   * at a time, each after the previous one's changes were rendered.
   */
  push(raw: string, input: string, key: Key): void {
    for (const p of cutKeys(raw, input, key)) if (this.#queue.length < MAX_QUEUED) this.#queue.push(p);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#scheduled || this.#settling || this.#queue.length === 0) return;
    this.#scheduled = true;
    // Outside Ink's batched input handler and outside React's commit.
    setImmediate(() => {
      this.#scheduled = false;
      try {
        this.#deliver();
      } finally {
        if (this.#settle) {
          this.#settling = true;
          this.#settle();
        } else this.#schedule();
      }
    });
  }

  #deliver(): void {
    const next = this.#queue.shift();
    if (!next) return;
    // Who gets this key is decided now, after the previous key's changes were rendered.
    const targets = [...this.#layers].filter((l) => l.isActive());
    let { input, key } = next;
    if (next.run && !targets.some((l) => l.isText())) {
      // Not typed text: each character is a key of its own.
      const [first = '', ...rest] = [...next.input];
      if (rest.length > 1) this.#queue.unshift({ input: rest.join(''), key: NO_KEY, run: true });
      else if (rest.length === 1) this.#queue.unshift({ ...keyForChar(rest[0]!), run: false });
      ({ input, key } = keyForChar(first));
    }
    for (const layer of targets) layer.handle(input, key);
  }
}
