/**
 * A rewritten document is not the upstream's bytes, so its validator must differ: the ETag becomes
 * weak with a brum suffix (`W/"abc~brum<tag>"`). A browser revalidating with that value gets it
 * translated back before the request goes upstream, so 304s keep working through the proxy.
 */

/** `"abc"` or `W/"abc"` → `W/"abc~brum<suffix>"`. */
export function rewriteEtag(etag: string, suffix: string): string {
  const m = /^(?:W\/)?"([^"]*)"$/.exec(etag.trim());
  return m ? `W/"${m[1]}~brum${suffix}"` : etag;
}

/** `If-None-Match` with our rewritten values turned back into the upstream's (weak) ones. */
export function restoreIfNoneMatch(value: string, suffix: string): string {
  if (!value.includes('~brum')) return value;
  const ours = `~brum${suffix}"`;
  return value
    .split(',')
    .map((part) => {
      const t = part.trim();
      return t.endsWith(ours) && t.startsWith('W/"') ? `W/${t.slice(2, -ours.length)}"` : t;
    })
    .join(', ');
}
