/**
 * No process brum started may outlive it. Whatever ends brum — quit, SIGINT, SIGTERM, SIGHUP, SIGQUIT, an
 * uncaught error — the engine stops every group it started (gracefully when there is time), and a
 * synchronous `exit` hook SIGKILLs whatever is still there as the last resort.
 *
 * The way out is a list of steps, each with its own time bound: a step that does not finish in time is
 * reported for what it is (processes that would not stop, a reader that does not read) and the exit goes
 * on. So a stuck stdout can delay the exit by its own bound only, and never reads as "processes did not
 * stop".
 */
const SIGNAL_CODES: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGTERM: 15 };

/** The signals that end brum gracefully. SIGQUIT (Ctrl+\) too: brum has no core dump worth its children. */
export const EXIT_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

export interface ExitStep {
  /**
   * Runs the step; the guard stops waiting for it after `timeoutMs`. It may resolve with a message
   * when it gave up on something itself (logged as is).
   */
  readonly run: (reason: string) => Promise<string | undefined | void>;
  readonly timeoutMs: number;
  /**
   * What to say (and do) when the step did not finish in time. It must name what blocked, e.g.
   * "processes did not stop within 5000 ms; sent SIGKILL".
   */
  readonly onTimeout: () => string;
}

export interface ExitGuardOptions {
  /** The graceful way out, in order (e.g. close servers, stop processes, flush output). */
  readonly steps: readonly ExitStep[];
  /** Synchronous last resort: SIGKILL every group. */
  readonly killNow: () => void;
  readonly log: (message: string) => void;
}

/** Runs `step`, giving up after its bound. Resolves true when it finished (or failed) in time. */
async function runBounded(step: ExitStep, reason: string, log: (message: string) => void): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), step.timeoutMs);
  });
  const finished = step.run(reason).then(
    (problem) => {
      if (typeof problem === 'string') log(`brum: ${problem}`);
      return true as const;
    },
    (error: unknown) => {
      log(`brum: error while stopping: ${error instanceof Error ? error.message : String(error)}`);
      return true as const;
    },
  );
  const done = await Promise.race([finished, timedOut]);
  clearTimeout(timer);
  if (!done) log(`brum: ${step.onTimeout()}`);
  return done;
}

export function installExitGuard(options: ExitGuardOptions): () => void {
  let exiting = false;
  const finish = (code: number, reason: string): void => {
    if (exiting) {
      // A second signal while stopping: the user wants out now.
      options.killNow();
      process.exit(code);
    }
    exiting = true;
    void (async () => {
      for (const step of options.steps) await runBounded(step, reason, options.log);
      process.exit(code);
    })();
  };
  const onSignal = (signal: NodeJS.Signals): void => finish(128 + (SIGNAL_CODES[signal] ?? 1), signal);
  const onFatal = (error: unknown): void => {
    options.log(
      `brum: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    finish(70, 'internal error');
  };
  const onExit = (): void => options.killNow();
  for (const signal of EXIT_SIGNALS) process.on(signal, onSignal);
  process.on('uncaughtException', onFatal);
  process.on('unhandledRejection', onFatal);
  process.on('exit', onExit);
  return () => {
    for (const signal of EXIT_SIGNALS) process.off(signal, onSignal);
    process.off('uncaughtException', onFatal);
    process.off('unhandledRejection', onFatal);
    process.off('exit', onExit);
  };
}
