// Connects the MCP SDK client to a brum HTTP endpoint, retrying until brum is up (bounded).
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { waitUntil } from './proc.mjs';

export function connectMcp(url, token, timeoutMs = 15_000) {
  return waitUntil(
    async () => {
      const c = new Client({ name: 'bench', version: '1.0.0' });
      const transport = new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
      });
      try {
        await c.connect(transport);
        return c;
      } catch {
        return undefined;
      }
    },
    timeoutMs,
    'brum MCP server',
    100,
  );
}
