/** The reverse proxy in front of dev servers: manager (what to proxy, which port), server, endpoint seam. */
export { CLIENT_PATH, RESERVED_PREFIX, SOCKET_PATH, stubPageClient } from './endpoint.js';
export type { PageClientEndpoint, PageConnection } from './endpoint.js';
export { DEFAULT_PROXY_PORT, MAX_PROXIES, ProxyManager } from './manager.js';
export type { ProxyManagerOptions, ProxySettings } from './manager.js';
export { BrumProxy } from './server.js';
export type { BrumProxyOptions } from './server.js';
