/**
 * The MCP front-end's public entry points (used by the CLI composition root).
 *
 * - `startRegisteredServer` — HTTP server at `/mcp` plus its instance-registry entry (normal `brum`).
 * - `startHttpServer` — the HTTP server alone.
 * - `runStdio` — `brum --mcp`: bridge to a running brum for the project, or serve an embedded engine.
 * - `createMcpServer` — one `McpServer` with every tool and resource (for custom transports and tests).
 */
export { startRegisteredServer, type RegisteredServerOptions } from './instances/registered-server.js';
export {
  startHttpServer,
  MCP_PATH,
  type HttpServerHandle,
  type HttpServerOptions,
} from './transports/http/http-server.js';
export { runStdio, type OwnedEngine, type StdioOptions, type StdioOutcome } from './transports/stdio.js';
export {
  createMcpServer,
  DEFAULT_IDENTITY,
  type McpEngine,
  type ServerIdentity,
} from './server/create-server.js';
export {
  findInstance,
  instancesDir,
  listInstances,
  registerInstance,
  type InstanceInfo,
} from './instances/registry.js';
export { createToken } from './instances/token.js';
export { BRUM_VERSION } from './server/version.js';
