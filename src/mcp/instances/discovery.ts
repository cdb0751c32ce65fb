/**
 * The hub's view of the brums running on this machine: the instance registry says where they might
 * be, the network says whether they are (an MCP `ping` within a bound). Entries of dead pids are
 * removed by the registry; entries that do not answer are skipped. Nothing is cached beyond one
 * call, so a brum that restarted on another port or with another token is found again at once.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { listInstances, type InstanceInfo } from './registry.js';
import { probeEndpoint } from '../bridge/remote.js';

/** A registry entry that answered a ping. */
export interface LiveInstance extends InstanceInfo {
  /** How the hub names it: the pid, as text. */
  readonly id: string;
  /** package.json `name`, else the folder's name. */
  readonly projectName: string;
}

export interface InstanceSource {
  /** Registry folder (tests); default the per-user one. */
  readonly registryDir?: string;
  /** How long a ping may take (default 1500 ms). */
  readonly pingTimeoutMs?: number;
  readonly log?: (message: string) => void;
}

const MAX_PACKAGE_JSON = 256 * 1024;

/** Names read recently, by directory (a call must not re-read every package.json). */
const names = new Map<string, { name: string; at: number }>();
const NAME_TTL_MS = 10_000;
const MAX_NAMES = 64;

/** The project's name as people call it: package.json `name`, else the folder's name (cached 10 s). */
export function projectNameOf(dir: string): string {
  const known = names.get(dir);
  if (known && Date.now() - known.at < NAME_TTL_MS) return known.name;
  const name = readProjectName(dir);
  names.delete(dir);
  names.set(dir, { name, at: Date.now() });
  if (names.size > MAX_NAMES) names.delete(names.keys().next().value as string);
  return name;
}

function readProjectName(dir: string): string {
  try {
    const text = readFileSync(path.join(dir, 'package.json'), 'utf8');
    if (text.length <= MAX_PACKAGE_JSON) {
      const name = (JSON.parse(text) as { name?: unknown }).name;
      if (typeof name === 'string' && name !== '') return name;
    }
  } catch {
    // No or unreadable package.json: the folder's name.
  }
  return path.basename(dir);
}

function live(info: InstanceInfo): LiveInstance {
  return { ...info, id: String(info.pid), projectName: projectNameOf(info.projectDir) };
}

/** Registry entries (trusted, pid alive), without asking the network. */
export function registeredInstances(source: InstanceSource): LiveInstance[] {
  return listInstances(source.registryDir, source.log).map(live);
}

/** Registry entries whose server answers a ping within the bound, newest first. */
export async function liveInstances(source: InstanceSource): Promise<LiveInstance[]> {
  const all = registeredInstances(source);
  const answers = await Promise.all(
    all.map((i) => probeEndpoint(i.url, i.token, source.pingTimeoutMs ?? 1500)),
  );
  return all.filter((_, n) => answers[n]).sort((a, b) => b.startedAt - a.startedAt);
}

/** What `instances_connect {instance}` and the `instance` argument accept: id, directory or project name. */
export type InstanceMatch =
  { readonly ok: true; readonly instance: LiveInstance } | { readonly ok: false; readonly message: string };

/** Finds `ref` among `instances`: a pid, a directory (resolved against `cwd`), or a project name. */
export function matchInstance(
  instances: readonly LiveInstance[],
  ref: string,
  cwd: string = process.cwd(),
): InstanceMatch {
  const wanted = ref.trim();
  const byId = instances.find((i) => i.id === wanted);
  if (byId) return { ok: true, instance: byId };
  const dir = path.resolve(cwd, wanted);
  const byDir = instances.filter((i) => path.resolve(i.projectDir) === dir);
  const byName = instances.filter(
    (i) => i.projectName.toLowerCase() === wanted.toLowerCase() || path.basename(i.projectDir) === wanted,
  );
  const found = byDir.length > 0 ? byDir : byName;
  if (found.length === 1 || (found.length > 1 && new Set(found.map((i) => i.projectDir)).size === 1)) {
    return { ok: true, instance: found[0]! }; // several brums of one project: the newest
  }
  if (found.length > 1) {
    return {
      ok: false,
      message: `"${ref}" names ${found.length} running brums: ${found.map(describeShort).join('; ')}. Pass the id (pid) or the directory instead.`,
    };
  }
  return { ok: false, message: `No running brum matches "${ref}". ${listText(instances)}` };
}

export function describeShort(i: LiveInstance): string {
  return `${i.id} ${i.projectName} (${i.projectDir})`;
}

/** One sentence listing the instances to choose from (or saying there are none). */
export function listText(instances: readonly LiveInstance[]): string {
  if (instances.length === 0) {
    return 'No brum is running on this machine for your user: start `brum` in a project (its MCP server registers itself), then call instances_list.';
  }
  return `Running brums: ${instances.map(describeShort).join('; ')}. Choose one with instances_connect {instance} or pass instance to a tool.`;
}
