/**
 * Runs user patterns off the main thread, so that no pattern — however slow on however long a line —
 * can hold up MCP calls, keys, output ingestion or signal handling.
 *
 * One `PatternWorker` owns at most one worker thread (started on first use, `unref`ed so it never
 * keeps brum alive) and runs one job at a time, in order. A job is a pattern source (validated by
 * `checkPattern`) and a list of texts; the reply says which texts matched and how many were tested.
 * A job with a deadline stops testing at the deadline (checked before every text); if one test is
 * still running GRACE_MS after it, the thread is terminated (V8 interrupts a running regex in ~20 ms)
 * and the job resolves as timed out. The next job starts a fresh thread.
 *
 * The worker's code is a self-contained script (no imports from brum), so it runs the same from the
 * compiled build and from the test runner; it mirrors `patternTester` in safe-regex.ts.
 */
import { Worker } from 'node:worker_threads';
import { SHORT_LINE, type PreparedPattern } from './safe-regex.js';

/** How long past its deadline a job may run before its thread is terminated. */
export const GRACE_MS = 25;

/** Lines given as one text: line k is `text.slice(k === 0 ? 0 : ends[k - 1] + 1, ends[k])`. */
export interface PatternRun {
  readonly text: string;
  readonly ends: Uint32Array;
}

export interface PatternJob {
  /** From `preparePattern`. */
  readonly pattern: PreparedPattern;
  /** The lines to test, one string each... */
  readonly texts?: readonly string[];
  /** ...or in runs (cheaper to send: one string per run), tested in order. */
  readonly runs?: readonly PatternRun[];
  /** Test each run's lines last to first (a newest-first search). */
  readonly backward?: boolean;
  /** Stop at the first match. */
  readonly first?: boolean;
  /** Stop after this many matches. */
  readonly maxHits?: number;
  /** Wall-clock time (`Date.now()` scale) after which no further text is tested. */
  readonly deadline?: number;
}

export interface PatternReply {
  /** Indexes of the lines that matched, in the order tested (into `texts`, or counting through `runs`). */
  readonly hits: readonly number[];
  /** Lines tested, from the first: the rest were not looked at (deadline, `first`, `maxHits`). */
  readonly tested: number;
  readonly timedOut: boolean;
}

const WORKER_SOURCE = `
'use strict';
const { parentPort } = require('node:worker_threads');
const v8 = require('node:v8');
v8.setFlagsFromString('--enable-experimental-regexp-engine');
v8.setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
const SHORT_LINE = ${SHORT_LINE};
const cache = new Map();
function tester(source, fastOnly) {
  const key = (fastOnly ? 'f' : 'h') + source;
  let test = cache.get(key);
  if (test === undefined) {
    const fast = new RegExp(source);
    if (fastOnly) test = (text) => fast.test(text);
    else {
      const linear = new RegExp(source, 'l');
      test = (text) => (text.length <= SHORT_LINE ? fast.test(text) : linear.test(text));
    }
    if (cache.size >= 32) cache.clear();
    cache.set(key, test);
  }
  return test;
}
parentPort.on('message', (job) => {
  try {
    const test = tester(job.source, job.fastOnly);
    const hits = [];
    let tested = 0;
    let timedOut = false;
    const check = (text) => {
      if (job.deadline !== undefined && Date.now() > job.deadline) { timedOut = true; return false; }
      if (test(text)) {
        hits.push(tested);
        if (job.first || hits.length >= job.maxHits) { tested++; return false; }
      }
      tested++;
      return true;
    };
    if (job.texts) {
      for (const text of job.texts) if (!check(text)) break;
    } else {
      outer: for (const run of job.runs) {
        const ends = run.ends;
        const n = ends.length;
        for (let j = 0; j < n; j++) {
          const k = job.backward ? n - 1 - j : j;
          if (!check(run.text.slice(k === 0 ? 0 : ends[k - 1] + 1, ends[k]))) break outer;
        }
      }
    }
    parentPort.postMessage({ id: job.id, hits, tested, timedOut });
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: String(error && error.message || error) });
  }
});
`;

interface Pending {
  readonly id: number;
  readonly job: PatternJob;
  readonly resolve: (reply: PatternReply) => void;
  readonly reject: (error: Error) => void;
}

interface WireReply {
  readonly id: number;
  readonly hits?: number[];
  readonly tested?: number;
  readonly timedOut?: boolean;
  readonly error?: string;
}

const TIMED_OUT: PatternReply = Object.freeze({ hits: [], tested: 0, timedOut: true });

export class PatternWorker {
  #worker: Worker | undefined;
  #online: Promise<void> | undefined;
  #queue: Pending[] = [];
  #current: Pending | undefined;
  #timer: NodeJS.Timeout | undefined;
  #nextId = 1;
  #closed = false;
  /** Threads terminated because a job overran its deadline (for tests and diagnostics). */
  terminations = 0;

  /** Starts the thread if needed and resolves once it runs (a search's budget starts after this). */
  ready(): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('pattern worker closed'));
    this.#spawn();
    return this.#online!;
  }

  run(job: PatternJob): Promise<PatternReply> {
    if (this.#closed) return Promise.reject(new Error('pattern worker closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, job, resolve, reject });
      this.#pump();
    });
  }

  /** Terminates the thread; pending jobs reject. Idempotent. */
  async close(): Promise<void> {
    this.#closed = true;
    const error = new Error('pattern worker closed');
    for (const p of this.#queue.splice(0)) p.reject(error);
    this.#current?.reject(error);
    this.#current = undefined;
    await this.#kill();
  }

  #spawn(): Worker {
    if (this.#worker) return this.#worker;
    // execArgv: [] — never inherit Node options such as --input-type=module: the source is CommonJS.
    // (V8 flags such as the linear regexp engine's are process-wide and still apply.)
    const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
    worker.unref();
    this.#worker = worker;
    this.#online = new Promise((resolve) => {
      worker.once('online', () => resolve());
      worker.once('exit', () => resolve());
    });
    worker.on('message', (reply: WireReply) => this.#onReply(worker, reply));
    worker.on('error', (error) => this.#onDeath(worker, error));
    worker.on('exit', (code) => this.#onDeath(worker, new Error(`pattern worker exited (code ${code})`)));
    return worker;
  }

  #pump(): void {
    if (this.#current || this.#closed) return;
    let next = this.#queue.shift();
    // A job whose deadline passed while it waited is answered without running.
    while (next && next.job.deadline !== undefined && Date.now() > next.job.deadline) {
      next.resolve(TIMED_OUT);
      next = this.#queue.shift();
    }
    if (!next) return;
    this.#current = next;
    const { pattern, texts, runs, backward, first, maxHits, deadline } = next.job;
    this.#spawn().postMessage({
      id: next.id,
      source: pattern.source,
      fastOnly: pattern.fastOnly,
      texts,
      runs,
      backward: backward === true,
      first: first === true,
      maxHits: maxHits ?? Infinity,
      deadline,
    });
    if (deadline !== undefined) {
      this.#timer = setTimeout(() => this.#overrun(next), Math.max(0, deadline - Date.now()) + GRACE_MS);
      this.#timer.unref();
    }
  }

  #onReply(worker: Worker, reply: WireReply): void {
    const current = this.#current;
    if (worker !== this.#worker || !current || current.id !== reply.id) return;
    this.#finish();
    if (reply.error !== undefined) current.reject(new Error(reply.error));
    else
      current.resolve({
        hits: reply.hits ?? [],
        tested: reply.tested ?? 0,
        timedOut: reply.timedOut === true,
      });
    this.#pump();
  }

  /** A test is still running past the deadline: stop the thread, the job timed out. */
  #overrun(pending: Pending): void {
    if (this.#current !== pending) return;
    this.#finish();
    this.terminations += 1;
    void this.#kill();
    pending.resolve(TIMED_OUT);
    this.#pump();
  }

  #onDeath(worker: Worker, error: Error): void {
    if (worker !== this.#worker) return;
    this.#worker = undefined;
    this.#online = undefined;
    const current = this.#current;
    this.#finish();
    current?.reject(error);
    this.#pump();
  }

  #finish(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#current = undefined;
  }

  async #kill(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#online = undefined;
    if (worker) await worker.terminate();
  }
}
