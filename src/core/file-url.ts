import { fileURLToPath } from 'node:url';

/**
 * `file:///a/my%20app/b.js` → `/a/my app/b.js` (percent-escapes decoded, as `fileURLToPath` does);
 * anything that is not a `file://` URL, or not a valid one, is returned unchanged. The one place
 * brum turns the file URLs that ESM stacks print into paths an editor can open.
 */
export function pathFromFileUrl(text: string): string {
  if (!text.startsWith('file://')) return text;
  try {
    return fileURLToPath(text);
  } catch {
    return text;
  }
}
