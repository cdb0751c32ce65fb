/**
 * Rewrites a regular expression into one that matches the same LINES (a `test`, not the same match
 * positions), without the leading and trailing repetitions that make a backtracking engine quadratic
 * on long lines: `.*foo` → `foo`, `[^!]*z` → `z`, `[a-z]+Z` → `[a-z]Z`, `\s+$` → `\s$`.
 *
 * Why it is sound, for an unanchored test: a leading `X*` (or any repetition that can repeat zero
 * times) can always match empty, so `X* R` matches somewhere iff `R` does; a leading `X{n,m}` (`X+`)
 * that matches with c ≥ n copies leaves its last n copies followed by R, so it can be cut to `X{n}`.
 * The end of the pattern is the mirror image. Rules stop at an anchor or assertion (`^`, `$`, `\b`),
 * and a pattern with a top-level `|` is left alone. Backreferences and lookaround are refused before
 * this runs (safe-regex.ts), so dropping a group changes nothing else.
 *
 * The input must be a valid pattern (no `u` flag). Also tells whether the result has any quantifier
 * left: a pattern without one is cheap for the backtracking engine on any line.
 */
import { classEnd } from './fold-case.js';

interface Atom {
  /** The atom's text without its quantifier. */
  readonly body: string;
  /** The quantifier as written (`*`, `+?`, `{2,5}`), or ''. */
  readonly quantifier: string;
  /** Minimum repetitions (1 without a quantifier). */
  readonly min: number;
  /** An anchor or assertion (`^`, `$`, `\b`, `\B`): never dropped, stops the rules. */
  readonly assertion: boolean;
}

const QUANTIFIER = /^(?:[*+?]|\{(\d+)(?:,(\d*))?\})\??/;

export interface ReducedPattern {
  readonly source: string;
  /** No quantifier anywhere in `source`. */
  readonly quantifierFree: boolean;
}

export function reducePattern(source: string): ReducedPattern {
  const atoms = splitTopLevel(source);
  if (atoms === undefined) return { source, quantifierFree: !hasQuantifier(source) };
  let lo = 0;
  let hi = atoms.length;
  // Leading repetitions.
  while (lo < hi) {
    const a = atoms[lo]!;
    if (a.assertion || a.quantifier === '') break;
    if (a.min === 0) {
      lo++;
      continue;
    }
    atoms[lo] = exactly(a);
    break;
  }
  // Trailing repetitions.
  while (hi > lo) {
    const a = atoms[hi - 1]!;
    if (a.assertion || a.quantifier === '') break;
    if (a.min === 0) {
      hi--;
      continue;
    }
    atoms[hi - 1] = exactly(a);
    break;
  }
  const reduced = atoms
    .slice(lo, hi)
    .map((a) => a.body + a.quantifier)
    .join('');
  return { source: reduced, quantifierFree: !hasQuantifier(reduced) };
}

const SPECIAL = new Set([...'\\^$.|?*+()[]{}']);

/**
 * The longest run of plain characters every match must contain (top-level atoms without a
 * quantifier; `\.`-style escapes of punctuation count as the character), or '' when there is none
 * or the pattern has a top-level `|`. Lets a search skip lines that cannot match with a literal scan.
 */
export function requiredLiteral(source: string): string {
  const atoms = splitTopLevel(source);
  if (atoms === undefined) return '';
  let best = '';
  let run = '';
  for (const a of atoms) {
    let c: string | undefined;
    if (a.quantifier === '' && !a.assertion) {
      if (a.body.length === 1 && !SPECIAL.has(a.body)) c = a.body;
      else if (a.body.length === 2 && a.body[0] === '\\' && /[^\w\s]/.test(a.body[1]!) && a.body[1]! < '\x80')
        c = a.body[1];
    }
    if (c === undefined) {
      if (run.length > best.length) best = run;
      run = '';
    } else run += c;
  }
  return run.length > best.length ? run : best;
}

/** `X{n,m}` → `X{n}` (`X+` → `X`). */
function exactly(a: Atom): Atom {
  return { ...a, quantifier: a.min === 1 ? '' : `{${a.min}}` };
}

/** Top-level atoms of a pattern, or undefined when it has a top-level `|`. */
function splitTopLevel(p: string): Atom[] | undefined {
  const atoms: Atom[] = [];
  let i = 0;
  while (i < p.length) {
    const c = p[i]!;
    let end: number;
    let assertion = false;
    if (c === '|') return undefined;
    if (c === '\\') {
      end = escapeEnd(p, i);
      assertion = p[i + 1] === 'b' || p[i + 1] === 'B';
    } else if (c === '[') end = classEnd(p, i);
    else if (c === '(') end = groupEnd(p, i);
    else {
      end = i + 1;
      assertion = c === '^' || c === '$';
    }
    const body = p.slice(i, end);
    const q = assertion ? null : QUANTIFIER.exec(p.slice(end));
    if (q) {
      const min = q[0][0] === '*' || q[0][0] === '?' ? 0 : q[0][0] === '+' ? 1 : Number(q[1]);
      atoms.push({ body, quantifier: q[0], min, assertion });
      i = end + q[0].length;
    } else {
      atoms.push({ body, quantifier: '', min: 1, assertion });
      i = end;
    }
  }
  return atoms;
}

/** Whether a quantifier appears anywhere (outside classes and escapes). */
function hasQuantifier(p: string): boolean {
  for (let i = 0; i < p.length;) {
    const c = p[i]!;
    if (c === '\\') i = escapeEnd(p, i);
    else if (c === '[') i = classEnd(p, i);
    else if (c === '(') {
      // `(?:`, `(?<name>` are not quantifiers; skip the group's opening only.
      i += p[i + 1] === '?' ? (p[i + 2] === '<' ? p.indexOf('>', i) - i + 1 : 3) : 1;
    } else if (QUANTIFIER.test(p.slice(i, i + 24))) return true;
    else i++;
  }
  return false;
}

function escapeEnd(p: string, i: number): number {
  const next = p[i + 1] ?? '';
  if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(p.slice(i + 2, i + 4))) return i + 4;
  if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(p.slice(i + 2, i + 6))) return i + 6;
  if (next === 'c' && /^[A-Za-z]$/.test(p[i + 2] ?? '')) return i + 3;
  if (next === 'k' && p[i + 2] === '<') return p.indexOf('>', i) + 1;
  const digits = /^\d+/.exec(p.slice(i + 1));
  if (digits) return i + 1 + digits[0].length;
  return Math.min(p.length, i + 2);
}

function groupEnd(p: string, i: number): number {
  let depth = 0;
  for (let j = i; j < p.length;) {
    const c = p[j]!;
    if (c === '\\') j = escapeEnd(p, j);
    else if (c === '[') j = classEnd(p, j);
    else {
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return j + 1;
      j++;
    }
  }
  return p.length;
}
