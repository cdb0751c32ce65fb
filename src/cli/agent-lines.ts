/**
 * Headless mode's view of the assistant: one line per MCP tool call when it finishes, and one when a
 * client first appears (`--quiet-mcp` turns both off). Arguments are the store's masked one-line
 * summary; the full arguments and results stay in the TUI's Agent view.
 */
import pc from 'picocolors';
import { formatBytes, formatDuration } from '../core/activity/summarize.js';
import type { ActivityView, AgentClient, ToolCallRecord } from '../core/activity/types.js';
import type { BoundedWriter } from './bounded-writer.js';

const LABEL = 'mcp';

function clock(time: number): string {
  return new Date(time).toTimeString().slice(0, 8);
}

/** `12:03:04 mcp | claude-code scripts_run name="dev" → ok 812 ms, 1.2 KB` (or `→ error 3 ms: <first line>`). */
export function callLine(call: ToolCallRecord, color: boolean): string {
  const c = pc.createColors(color);
  const args = call.summary ? ` ${call.summary}` : '';
  const took = call.durationMs !== undefined ? ` ${formatDuration(call.durationMs)}` : '';
  const size = call.resultBytes !== undefined ? `, ${formatBytes(call.resultBytes)}` : '';
  const outcome =
    call.status === 'error' ? c.red(`→ error${took}: ${call.error ?? ''}`) : `→ ok${took}${size}`;
  return `${clock(call.time)} ${c.dim(LABEL)} | ${call.clientName} ${c.bold(call.tool)}${args} ${outcome}\n`;
}

export function clientLine(client: AgentClient, color: boolean): string {
  const c = pc.createColors(color);
  const version = client.version ? ` ${client.version}` : '';
  return `${clock(client.lastSeen)} ${c.dim(LABEL)} | ${client.name}${version} connected (${client.transport})\n`;
}

/** Prints calls and new clients to `out`; returns the unsubscribe. */
export function printAgentActivity(activity: ActivityView, out: BoundedWriter, color: boolean): () => void {
  const offCall = activity.on('call', (call) => {
    if (call.status !== 'running') out.write(callLine(call, color));
  });
  const offClient = activity.on('client', (client) => out.write(clientLine(client, color)));
  return () => {
    offCall();
    offClient();
  };
}
