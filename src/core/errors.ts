/**
 * The few errors brum itself raises. Each carries a stable `code` (for MCP and tests), a message that
 * says how to fix the problem, and optionally a `cause`. A process exit is data, never one of these.
 */
export type BrumErrorCode =
  | 'NO_PACKAGE_JSON'
  | 'INVALID_PACKAGE_JSON'
  | 'UNKNOWN_SCRIPT'
  | 'UNKNOWN_PROCESS'
  | 'UNKNOWN_TAB'
  | 'TAB_DISCONNECTED'
  | 'COMMAND_TIMEOUT'
  | 'BROWSER_UNAVAILABLE'
  | 'INVALID_PATTERN'
  | 'INVALID_CONFIG'
  | 'INVALID_ARGUMENT'
  | 'PORT_IN_USE'
  | 'RESOURCE_EXHAUSTED'
  | 'SHUTTING_DOWN';

export class BrumError extends Error {
  override readonly name = 'BrumError';
  constructor(
    readonly code: BrumErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.details = options?.details;
  }
  readonly details: Record<string, unknown> | undefined;
}

export function isBrumError(error: unknown, code?: BrumErrorCode): error is BrumError {
  return error instanceof BrumError && (code === undefined || error.code === code);
}

/**
 * What an errno means when brum or the system ran out of a resource rather than anything being
 * wrong with the input, in words; undefined for any other code. Such failures must be reported as
 * what they are (a full descriptor table is not a bad config file).
 */
export function describeResourceError(code: string | undefined): string | undefined {
  switch (code) {
    case 'EMFILE':
      return 'brum has too many files and connections open (EMFILE); close some, or raise the limit (ulimit -n)';
    case 'ENFILE':
      return 'the system has too many files open (ENFILE)';
    case 'ENOMEM':
      return 'the system is out of memory (ENOMEM)';
    default:
      return undefined;
  }
}
