/**
 * The standard HTTP headers a 2026-07-28 request must carry on Streamable HTTP (`MCP-Protocol-Version`,
 * `Mcp-Method`, `Mcp-Name`), derived from the message body the way the SDK's own HTTP client does.
 * The stdio bridge needs them because stdio messages arrive as bare JSON-RPC.
 */
const PROTOCOL_META_KEY = 'io.modelcontextprotocol/protocolVersion';

/** Which body field `Mcp-Name` mirrors, per method. */
const NAME_SOURCE: Readonly<Record<string, string>> = {
  'tools/call': 'name',
  'prompts/get': 'name',
  'resources/read': 'uri',
  'tasks/get': 'taskId',
  'tasks/update': 'taskId',
  'tasks/cancel': 'taskId',
};

/** A header-safe value: printable ASCII passes; anything else goes base64 inside `=?base64?…?=`. */
export function encodeHeaderValue(value: string): string {
  const plain =
    value.length > 0 &&
    value === value.trim() &&
    !(value.startsWith('=?base64?') && value.endsWith('?=')) &&
    [...value].every((ch) => ch === '\t' || (ch >= ' ' && ch <= '~'));
  return plain ? value : `=?base64?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/** The envelope's protocol version of a message, if it carries one. */
export function envelopeVersion(message: Record<string, unknown>): string | undefined {
  const params = message.params as Record<string, unknown> | undefined;
  const meta = params?._meta as Record<string, unknown> | undefined;
  const version = meta?.[PROTOCOL_META_KEY];
  return typeof version === 'string' ? version : undefined;
}

/**
 * Headers for forwarding `message`: the body-derived standard headers for an enveloped (2026-era)
 * request or notification, else `MCP-Protocol-Version: <legacyVersion>` once a 2025-era
 * `initialize` has negotiated one.
 */
export function protocolHeaders(
  message: Record<string, unknown>,
  legacyVersion: string | undefined,
): Record<string, string> {
  const version = envelopeVersion(message);
  const method = typeof message.method === 'string' ? message.method : undefined;
  if (version === undefined) {
    return legacyVersion !== undefined && method !== 'initialize'
      ? { 'mcp-protocol-version': legacyVersion }
      : {};
  }
  const headers: Record<string, string> = { 'mcp-protocol-version': version };
  if (method !== undefined && 'id' in message) {
    headers['mcp-method'] = method;
    const field = Object.hasOwn(NAME_SOURCE, method) ? NAME_SOURCE[method] : undefined;
    const value =
      field === undefined ? undefined : (message.params as Record<string, unknown> | undefined)?.[field];
    if (typeof value === 'string') headers['mcp-name'] = encodeHeaderValue(value);
  }
  return headers;
}
