/** The page a browser gets when the dev server behind a proxy does not answer. */

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface UpstreamDown {
  readonly target: string;
  /** `dev (dev-1): failed, exit 1`, from the engine. */
  readonly process: string;
  /** The process may come back (running, starting, restarting): the page retries by itself. */
  readonly retry: boolean;
  readonly error: string;
}

export function badGatewayPage(down: UpstreamDown): string {
  const refresh = down.retry ? '<meta http-equiv="refresh" content="2">' : '';
  return `<!doctype html>
<html><head><meta charset="utf-8">${refresh}<title>502 · brum: ${escape(down.process)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:42em;margin:3em auto;padding:0 1em;color:#222}code{background:#f3f3f3;padding:0 .3em}</style>
</head><body>
<h1>The dev server is not answering</h1>
<p>brum's proxy could not reach <code>${escape(down.target)}</code>.</p>
<p>Process: <strong>${escape(down.process)}</strong></p>
<p>Error: <code>${escape(down.error)}</code></p>
<p>${down.retry ? 'This page reloads by itself every 2 seconds while the process runs.' : 'Start the process again in brum, then reload.'}</p>
</body></html>
`;
}
