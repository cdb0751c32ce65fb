/**
 * The bounded store of agent activity: clients seen recently and the last tool calls. One per brum,
 * made by the composition root, written by the MCP server, read by the TUI's Agent view and the
 * headless printer. Every stored text is masked and bounded here, whoever records it.
 */
import { TypedEmitter, type Unsubscribe } from '../events.js';
import { bound, maskArgs, maskedBound, summarizeArgs } from './summarize.js';
import type {
  ActivityCounts,
  ActivityEvents,
  ActivityFeed,
  ActivityView,
  AgentClient,
  CallOutcome,
  ClientRef,
  ToolCallRecord,
} from './types.js';

export interface ActivityOptions {
  /** Calls kept (oldest dropped first). Default 200. */
  readonly maxCalls?: number;
  /** Characters kept of a call's arguments (as JSON). Default 4 KiB. */
  readonly maxArgsChars?: number;
  /** Characters kept of a call's result text. Default 8 KiB. */
  readonly maxResultChars?: number;
  /** A client not seen for this long no longer counts as connected (HTTP has no connection). Default 10 min. */
  readonly idleMs?: number;
  /** Clients kept at most (least recently seen dropped). Default 32. */
  readonly maxClients?: number;
}

const MAX_ERROR_CHARS = 300;
const MAX_MARKS = 1000;

export class AgentActivity implements ActivityView, ActivityFeed {
  readonly #events: TypedEmitter<ActivityEvents>;
  readonly #clients = new Map<string, AgentClient>();
  /** Connection-bound clients (stdio) that are still open: listed whatever their idle time. */
  readonly #open = new Set<string>();
  /** Oldest first; `seq` increases by one, so a record's index is `seq - first seq`. */
  readonly #calls: ToolCallRecord[] = [];
  readonly #startedBy = new Map<string, string>();
  #nextSeq = 1;
  #running = 0;
  #revision = 0;
  readonly #options: Required<ActivityOptions>;

  constructor(
    private readonly now: () => number = Date.now,
    options: ActivityOptions = {},
    onListenerError: (error: unknown) => void = () => {},
  ) {
    this.#options = {
      maxCalls: options.maxCalls ?? 200,
      maxArgsChars: options.maxArgsChars ?? 4096,
      maxResultChars: options.maxResultChars ?? 8192,
      idleMs: options.idleMs ?? 10 * 60_000,
      maxClients: options.maxClients ?? 32,
    };
    this.#events = new TypedEmitter<ActivityEvents>((error) => onListenerError(error));
  }

  get revision(): number {
    return this.#revision;
  }

  on<K extends keyof ActivityEvents>(event: K, listener: (payload: ActivityEvents[K]) => void): Unsubscribe {
    return this.#events.on(event, listener);
  }

  // ---- feed
  clientSeen(ref: ClientRef, open = ref.transport === 'stdio'): AgentClient {
    const now = this.now();
    const known = this.#clients.get(ref.id);
    const client: AgentClient = Object.freeze({
      id: ref.id,
      name: ref.name,
      ...(ref.version !== undefined ? { version: ref.version } : {}),
      transport: ref.transport,
      connectedAt: known?.connectedAt ?? now,
      lastSeen: now,
      calls: known?.calls ?? 0,
    });
    this.#clients.delete(ref.id); // re-inserted last: the map stays ordered by last seen
    this.#clients.set(ref.id, client);
    if (open) this.#open.add(ref.id);
    while (this.#clients.size > this.#options.maxClients) {
      const oldest = this.#clients.keys().next().value as string;
      this.#clients.delete(oldest);
      this.#open.delete(oldest);
    }
    this.#revision++;
    if (!known) this.#events.emit('client', client);
    return client;
  }

  clientClosed(id: string): void {
    if (!this.#clients.delete(id)) return;
    this.#open.delete(id);
    this.#revision++;
  }

  callStarted(ref: ClientRef, tool: string, args: unknown): number {
    const client = this.clientSeen(ref);
    this.#clients.set(client.id, Object.freeze({ ...client, calls: client.calls + 1 }));
    const masked = maskArgs(args);
    const json = bound(JSON.stringify(masked ?? {}, null, 2), this.#options.maxArgsChars);
    const record: ToolCallRecord = Object.freeze({
      seq: this.#nextSeq++,
      time: this.now(),
      clientId: client.id,
      clientName: client.name,
      tool,
      summary: summarizeArgs(masked),
      args: json.text,
      argsTruncated: json.truncated,
      status: 'running',
    });
    this.#calls.push(record);
    if (this.#calls.length > this.#options.maxCalls) {
      const dropped = this.#calls.shift();
      if (dropped?.status === 'running') this.#running--;
    }
    this.#running++;
    this.#revision++;
    this.#events.emit('call', record);
    return record.seq;
  }

  callFinished(seq: number, outcome: CallOutcome): void {
    const first = this.#calls[0]?.seq ?? seq + 1;
    const index = seq - first;
    const record = this.#calls[index];
    if (!record || record.seq !== seq || record.status !== 'running') return;
    const result = maskedBound(outcome.text, this.#options.maxResultChars);
    const done: ToolCallRecord = Object.freeze({
      ...record,
      status: outcome.isError ? 'error' : 'ok',
      durationMs: Math.max(0, this.now() - record.time),
      resultBytes: outcome.bytes,
      result: result.text,
      resultTruncated: result.truncated,
      ...(outcome.isError ? { error: firstLine(result.text) } : {}),
    });
    this.#calls[index] = done;
    this.#running--;
    this.#revision++;
    this.#events.emit('call', done);
  }

  markStartedBy(processId: string, ref: ClientRef): void {
    this.#startedBy.set(processId, ref.name);
    if (this.#startedBy.size > MAX_MARKS)
      this.#startedBy.delete(this.#startedBy.keys().next().value as string);
    this.#revision++;
  }

  // ---- view
  clients(): readonly AgentClient[] {
    const cutoff = this.now() - this.#options.idleMs;
    return [...this.#clients.values()]
      .filter((c) => this.#open.has(c.id) || c.lastSeen >= cutoff)
      .sort((a, b) => a.connectedAt - b.connectedAt);
  }

  calls(): readonly ToolCallRecord[] {
    return this.#calls.slice();
  }

  running(): number {
    return this.#running;
  }

  counts(): ActivityCounts {
    const byTool: Record<string, number> = {};
    let errors = 0;
    for (const call of this.#calls) {
      byTool[call.tool] = (byTool[call.tool] ?? 0) + 1;
      if (call.status === 'error') errors++;
    }
    return {
      clients: this.clients().length,
      total: this.#nextSeq - 1,
      running: this.#running,
      errors,
      byTool,
    };
  }

  startedBy(processId: string): string | undefined {
    return this.#startedBy.get(processId);
  }
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > MAX_ERROR_CHARS ? `${line.slice(0, MAX_ERROR_CHARS - 1)}…` : line;
}
