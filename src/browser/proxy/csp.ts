/**
 * Can the injected client run under the page's Content-Security-Policy? brum never removes or
 * weakens a policy: a same-origin script passes `'self'`, a page nonce is copied onto our tag, and a
 * policy that would block the tag anyway (hashes only, `'strict-dynamic'` without a nonce, `'none'`)
 * is reported plainly instead — the tag is then not injected (it would only add a violation).
 */

export type CspVerdict =
  { readonly allowed: true; readonly nonce?: string } | { readonly allowed: false; readonly reason: string };

interface ScriptPolicy {
  readonly directive: string;
  readonly sources: readonly string[];
}

/** The source list that governs a `<script src>` element in one policy, if any. */
function scriptPolicy(policy: string): ScriptPolicy | undefined {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const tokens = part.trim().split(/\s+/).filter(Boolean);
    const name = tokens.shift()?.toLowerCase();
    // The first occurrence of a directive wins (CSP3 §2.2.1).
    if (name !== undefined && !directives.has(name)) directives.set(name, tokens);
  }
  for (const directive of ['script-src-elem', 'script-src', 'default-src']) {
    const sources = directives.get(directive);
    if (sources) return { directive, sources };
  }
  return undefined;
}

/** Does a host-source or scheme-source allow `http://<host>:<port>/__brum/client.js`? */
function sourceAllows(source: string, origin: URL): boolean {
  const s = source.toLowerCase();
  if (s === '*' || s === "'self'" || s === 'http:') return true;
  const m = /^(?:(https?):\/\/)?(\*|(?:\*\.)?[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(\d+|\*))?(?:\/.*)?$/.exec(s);
  if (!m || s.startsWith("'")) return false;
  const [, scheme, host, port] = m;
  if (scheme !== undefined && scheme !== 'http') return false;
  const hostOk =
    host === '*' ||
    host === origin.hostname ||
    (host!.startsWith('*.') && origin.hostname.endsWith(host!.slice(1)));
  const portOk = port === '*' || (port ?? '80') === origin.port;
  return hostOk && portOk;
}

function verdictFor(policy: ScriptPolicy, origin: URL): CspVerdict {
  const sources = policy.sources;
  const lower = sources.map((s) => s.toLowerCase());
  const nonce = sources.find((s) => /^'nonce-[^']+'$/i.test(s))?.slice(7, -1);
  const strictDynamic = lower.includes("'strict-dynamic'");
  if (nonce !== undefined) return { allowed: true, nonce };
  if (!strictDynamic && sources.some((s) => sourceAllows(s, origin))) return { allowed: true };
  const why = lower.includes("'none'")
    ? `${policy.directive} 'none'`
    : strictDynamic
      ? `${policy.directive} uses 'strict-dynamic' without a nonce`
      : lower.some((s) => /^'sha(256|384|512)-/.test(s))
        ? `${policy.directive} allows only hashed scripts`
        : `${policy.directive} does not allow this origin ('self')`;
  return { allowed: false, reason: why };
}

/**
 * The verdict for every enforced policy of a response (`Content-Security-Policy` headers; report-only
 * policies never block). Several policies must all allow; a nonce is needed by at most one of them.
 */
export function cspVerdict(headers: string | readonly string[] | undefined, origin: URL): CspVerdict {
  const policies = (headers === undefined ? [] : typeof headers === 'string' ? [headers] : headers)
    // One header line may hold several policies separated by commas.
    .flatMap((h) => h.split(','))
    .map(scriptPolicy)
    .filter((p): p is ScriptPolicy => p !== undefined);
  let nonce: string | undefined;
  for (const policy of policies) {
    const verdict = verdictFor(policy, origin);
    if (!verdict.allowed) {
      return {
        allowed: false,
        reason: `the page's Content-Security-Policy blocks brum's page client (${verdict.reason}); browser telemetry is off for this page`,
      };
    }
    if (verdict.nonce !== undefined) {
      if (nonce !== undefined && nonce !== verdict.nonce)
        return {
          allowed: false,
          reason:
            "the page's Content-Security-Policy headers require two different nonces; brum's page client cannot carry both, browser telemetry is off for this page",
        };
      nonce = verdict.nonce;
    }
  }
  return nonce === undefined ? { allowed: true } : { allowed: true, nonce };
}
