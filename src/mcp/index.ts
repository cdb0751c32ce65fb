/**
 * The MCP front-end's public entry points (used by the CLI composition root).
 *
 * - `startMcpService` — HTTP server at `/mcp` plus its instance-registry entry (normal `brum`).
 * - `startHttpServer` — the HTTP server alone.
 * - `runStdio` — `brum --mcp`: bridge to a running brum for the project, or serve an embedded engine.
 * - `createMcpServer` — one `McpServer` with every tool and resource (for custom transports and tests).
 */
export { startMcpService, type McpServiceOptions } from './service.js';
export { startHttpServer, MCP_PATH, type HttpServerHandle, type HttpServerOptions } from './http.js';
export { runStdio, type OwnedEngine, type StdioOptions, type StdioOutcome } from './stdio.js';
export { createMcpServer, DEFAULT_IDENTITY, type McpEngine, type ServerIdentity } from './server.js';
export {
  findInstance,
  instancesDir,
  listInstances,
  registerInstance,
  type InstanceInfo,
} from './registry.js';
export { createToken } from './token.js';
export { BRUM_VERSION } from './version.js';
