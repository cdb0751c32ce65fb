/**
 * The tab id survives reloads of a tab (sessionStorage), and a duplicated tab gets a new one: a
 * browser copies sessionStorage into a duplicate while the original page is still live, so the
 * copy finds the id without the "unloading" mark the original would have set on its way out.
 */
const TAB_KEY = '__brum_tab';
const LEAVING_KEY = '__brum_leaving';

export function randomId(prefix: string): string {
  const bytes = new Uint8Array(8);
  try {
    crypto.getRandomValues(bytes);
  } catch {
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  }
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return `${prefix}${s}`;
}

export interface TabIdentity {
  tab: string;
  /** A duplicate of another tab: its copied id was replaced. */
  dup: boolean;
}

export function tabIdentity(): TabIdentity {
  let storage: Storage | undefined;
  try {
    storage = window.sessionStorage;
  } catch {
    storage = undefined; // storage blocked: a new id per load
  }
  const stored = read(storage, TAB_KEY);
  const leaving = read(storage, LEAVING_KEY);
  const valid = stored !== null && /^t-[0-9a-f]{16}$/.test(stored);
  const dup = valid && leaving !== stored;
  const tab = valid && !dup ? stored : randomId('t-');
  write(storage, TAB_KEY, tab);
  remove(storage, LEAVING_KEY);
  // On the way out (reload, navigation, bfcache), mark it: the next page of this tab keeps the id.
  const leave = () => write(storage, LEAVING_KEY, tab);
  const back = () => remove(storage, LEAVING_KEY);
  window.addEventListener('pagehide', leave, true);
  window.addEventListener('pageshow', (e) => {
    if (e.persisted) back();
  });
  return { tab, dup };
}

function read(storage: Storage | undefined, key: string): string | null {
  try {
    return storage ? storage.getItem(key) : null;
  } catch {
    return null;
  }
}
function write(storage: Storage | undefined, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // quota or blocked: nothing to do
  }
}
function remove(storage: Storage | undefined, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // blocked
  }
}
