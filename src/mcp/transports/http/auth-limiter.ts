/**
 * Slows down token guessing. Every presented token that turns out wrong spends one credit from a
 * bucket shared by all connections (`burst` credits, refilled at `perSecond`). While the bucket is
 * empty, a request from a connection that has not yet authenticated waits (FIFO, at most
 * `maxWaiting` of them; more are refused at once) until a credit is back, and only then is its token
 * compared — so guesses cannot outrun the refill rate however many connections an attacker opens.
 *
 * A correct token spends nothing, and a connection that has authenticated once skips the queue, so
 * a client already connected is never slowed by someone else's guessing. The per-connection limit
 * is in http-server.ts: a refused request closes its connection, so each connection gets one guess.
 */

export interface AuthLimits {
  /** Wrong tokens accepted without delay, e.g. a client restarted with a stale token (default 10). */
  readonly burst: number;
  /** Wrong tokens per second once the burst is spent (default 5). */
  readonly perSecond: number;
  /** Requests that may wait for a credit (default 16); more are refused at once (429). */
  readonly maxWaiting: number;
}

export const DEFAULT_AUTH_LIMITS: AuthLimits = Object.freeze({ burst: 10, perSecond: 5, maxWaiting: 16 });

/** Runs a token check; returns true when the token was right (then no credit is spent). */
export type AuthCheck = () => boolean;

export class AuthLimiter {
  readonly #limits: AuthLimits;
  readonly #now: () => number;
  #credit: number;
  #at: number;
  readonly #waiting: AuthCheck[] = [];
  #timer: NodeJS.Timeout | undefined;
  /** Wrong tokens seen, and requests refused for waiting too long or too many (for logs and benches). */
  readonly stats = { failures: 0, refused: 0 };

  constructor(limits: Partial<AuthLimits> = {}, now: () => number = () => performance.now()) {
    this.#limits = { ...DEFAULT_AUTH_LIMITS, ...limits };
    this.#now = now;
    this.#credit = this.#limits.burst;
    this.#at = now();
  }

  /**
   * Runs `check` now when a credit is available and nobody waits, else queues it; calls `busy`
   * instead when the queue is full. Returns a function that withdraws a queued check (its client
   * went away); it is a no-op once the check ran.
   */
  admit(check: AuthCheck, busy: () => void): () => void {
    this.#refill();
    if (this.#waiting.length === 0 && this.#credit >= 1) {
      this.#run(check);
      return () => {};
    }
    if (this.#waiting.length >= this.#limits.maxWaiting) {
      this.stats.refused += 1;
      busy();
      return () => {};
    }
    this.#waiting.push(check);
    this.#schedule();
    return () => {
      const i = this.#waiting.indexOf(check);
      if (i !== -1) this.#waiting.splice(i, 1);
    };
  }

  /** Records a wrong token presented outside `admit` (on an already authenticated connection). */
  fail(): void {
    this.#refill();
    this.#spend();
  }

  /** Stops the refill timer (server closing); queued checks are dropped. */
  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#waiting.length = 0;
  }

  #run(check: AuthCheck): void {
    if (!check()) this.#spend();
  }

  #spend(): void {
    this.#credit -= 1;
    this.stats.failures += 1;
  }

  #refill(): void {
    const now = this.#now();
    this.#credit = Math.min(
      this.#limits.burst,
      this.#credit + ((now - this.#at) / 1000) * this.#limits.perSecond,
    );
    this.#at = now;
  }

  #schedule(): void {
    if (this.#timer || this.#waiting.length === 0) return;
    const ms = Math.max(1, Math.ceil(((1 - this.#credit) / this.#limits.perSecond) * 1000));
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#drain();
    }, ms);
    this.#timer.unref();
  }

  /** Releases waiting checks while credits last (a right token spends none, so the next goes too). */
  #drain(): void {
    this.#refill();
    while (this.#waiting.length > 0 && this.#credit >= 1) {
      const check = this.#waiting.shift();
      if (check) this.#run(check);
    }
    this.#schedule();
  }
}
