/**
 * No process brum started may outlive it. Whatever ends brum — quit, SIGINT, SIGTERM, SIGHUP, an uncaught
 * error — the engine stops every group it started (gracefully when there is time), and a synchronous
 * `exit` hook SIGKILLs whatever is still there as the last resort.
 */
const SIGNAL_CODES: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

export interface ExitGuardOptions {
  /** Graceful shutdown: stop everything, flush output. */
  readonly shutdown: (reason: string) => Promise<void>;
  /** Synchronous last resort: SIGKILL every group. */
  readonly killNow: () => void;
  /** Upper bound for the graceful shutdown before we kill and exit anyway. */
  readonly timeoutMs: number;
  readonly log: (message: string) => void;
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
    const timer = setTimeout(() => {
      options.log(`brum: processes did not stop within ${options.timeoutMs} ms; killing them`);
      options.killNow();
      process.exit(code);
    }, options.timeoutMs);
    options
      .shutdown(reason)
      .catch((error: unknown) => options.log(`brum: error while stopping: ${String(error)}`))
      .finally(() => {
        clearTimeout(timer);
        process.exit(code);
      });
  };
  const onSignal = (signal: NodeJS.Signals): void => finish(128 + (SIGNAL_CODES[signal] ?? 1), signal);
  const onFatal = (error: unknown): void => {
    options.log(
      `brum: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    finish(70, 'internal error');
  };
  const onExit = (): void => options.killNow();
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, onSignal);
  process.on('uncaughtException', onFatal);
  process.on('unhandledRejection', onFatal);
  process.on('exit', onExit);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
    process.off('uncaughtException', onFatal);
    process.off('unhandledRejection', onFatal);
    process.off('exit', onExit);
  };
}
