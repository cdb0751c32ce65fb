/**
 * What an AI assistant does through MCP, as the person sees it: the clients that talk to this brum
 * and a bounded list of their tool calls. The MCP front-end records into it (`ActivityFeed`); the TUI
 * and the headless printer read it (`ActivityView`). Types only; `activity.ts` holds the store.
 */
import type { Unsubscribe } from '../events.js';

/** How a client reaches brum. `stdio` is an embedded `brum --mcp`; `bridge` a `brum --mcp` attached over HTTP. */
export type AgentTransport = 'http' | 'stdio' | 'bridge';

/** Who a call came from, as the MCP layer knows it. */
export interface ClientRef {
  /** Stable for one client (a connection, a bridge process, or name+version for plain HTTP). */
  readonly id: string;
  /** From the client's `initialize` (or the per-request envelope); `unknown client` when it never said. */
  readonly name: string;
  readonly version?: string;
  readonly transport: AgentTransport;
}

export interface AgentClient extends ClientRef {
  /** Epoch ms of the first request seen. */
  readonly connectedAt: number;
  /** Epoch ms of the latest request. */
  readonly lastSeen: number;
  readonly calls: number;
}

export type CallStatus = 'running' | 'ok' | 'error';

/** One tool call. Arguments and results are masked and bounded before they are stored. */
export interface ToolCallRecord {
  readonly seq: number;
  /** Epoch ms when the call arrived. */
  readonly time: number;
  readonly clientId: string;
  readonly clientName: string;
  readonly tool: string;
  /** One line: `name="dev" wait="ready"` (secrets masked, at most 160 characters). */
  readonly summary: string;
  /** The full arguments as indented JSON, secrets masked, bounded (`argsTruncated`). */
  readonly args: string;
  readonly argsTruncated: boolean;
  readonly status: CallStatus;
  readonly durationMs?: number;
  /** Size of the whole result as sent (JSON bytes). */
  readonly resultBytes?: number;
  /** The result's text (bounded, `resultTruncated`). */
  readonly result?: string;
  readonly resultTruncated?: boolean;
  /** The error text of a failed call (first line, bounded). */
  readonly error?: string;
}

/** Counts only: what `about` may show any client (never another client's arguments). */
export interface ActivityCounts {
  readonly clients: number;
  readonly total: number;
  readonly running: number;
  readonly errors: number;
  /** Calls per tool among the kept records. */
  readonly byTool: Readonly<Record<string, number>>;
}

export interface ActivityEvents {
  /** A client appeared or was seen again. */
  client: AgentClient;
  /** A call started (`status: running`) or finished. */
  call: ToolCallRecord;
}

/** What front-ends read. */
export interface ActivityView {
  /** Clients seen recently (or still connected), oldest first. */
  clients(): readonly AgentClient[];
  /** Kept calls, oldest first (bounded). */
  calls(): readonly ToolCallRecord[];
  running(): number;
  counts(): ActivityCounts;
  /** The client that started this process through MCP, if one did. */
  startedBy(processId: string): string | undefined;
  /** Increases on every change (clients, calls, marks): a cheap "anything new?" for renderers. */
  readonly revision: number;
  on<K extends keyof ActivityEvents>(event: K, listener: (payload: ActivityEvents[K]) => void): Unsubscribe;
}

/** The outcome of a call as the MCP layer saw it. */
export interface CallOutcome {
  readonly isError: boolean;
  /** The result's text blocks joined (or the thrown error's message). */
  readonly text: string;
  /** JSON size of the whole result. */
  readonly bytes: number;
}

/** What the MCP front-end writes. */
export interface ActivityFeed {
  /** Notes a request from `client` (any method); returns the stored client. */
  clientSeen(client: ClientRef): AgentClient;
  /** A connection-bound client (embedded stdio) went away. */
  clientClosed(id: string): void;
  /** Records a call; returns its seq for `callFinished`. */
  callStarted(client: ClientRef, tool: string, args: unknown): number;
  callFinished(seq: number, outcome: CallOutcome): void;
  /** Marks a process as started by `client` (scripts_run that started something new). */
  markStartedBy(processId: string, client: ClientRef): void;
}
