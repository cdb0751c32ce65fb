/**
 * The page client: the script the proxy injects (bundled from `client/` into the build) and its
 * endpoint in brum. The composition root creates one service per engine and hands it to the proxy as
 * its `PageClientEndpoint`; `close()` on every exit path.
 */
import type { Engine } from '../../core/engine-api.js';
import { PageClientService, type PageClientOptions } from './endpoint.js';

export { PageClientService, type PageClientEndpoint, type PageClientOptions } from './endpoint.js';
export { LIMITS as PAGE_CLIENT_LIMITS, SCRIPT_PATH, WS_PATH } from './wire.js';

/** The page-client endpoint over an engine: events and tabs go to `engine.browser`. */
export function createPageClient(
  engine: Pick<Engine, 'browser' | 'get' | 'projectDir'>,
  options: Pick<PageClientOptions, 'isManaged'> = {},
): PageClientService {
  return new PageClientService({
    feed: engine.browser,
    rootFor: (processId) => engine.get(processId)?.cwd,
    projectDir: engine.projectDir,
    ...options,
  });
}
