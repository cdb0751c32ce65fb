/**
 * `depends_on` graph queries. Only configured tables have known dependencies; any other name (a
 * package.json script without a table) is a leaf.
 */
import { BrumError } from '../errors.js';
import type { BrumConfig } from './types.js';

type Graph = Pick<BrumConfig, 'scripts' | 'commands'>;

function dependenciesOf(name: string, config: Graph): readonly string[] {
  const table = Object.hasOwn(config.scripts, name)
    ? config.scripts[name]
    : Object.hasOwn(config.commands, name)
      ? config.commands[name]
      : undefined;
  return table?.dependsOn ?? [];
}

/**
 * A dependency cycle as a closed path (`['a', 'b', 'a']`), or undefined when there is none.
 * Deterministic: tables are visited in declaration order, scripts before commands.
 */
export function findCycle(config: Graph): string[] | undefined {
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (name: string): string[] | undefined => {
    if (onPath.has(name)) return [...path.slice(path.indexOf(name)), name];
    if (done.has(name)) return undefined;
    path.push(name);
    onPath.add(name);
    for (const dependency of dependenciesOf(name, config)) {
      const cycle = visit(dependency);
      if (cycle) return cycle;
    }
    path.pop();
    onPath.delete(name);
    done.add(name);
    return undefined;
  };
  for (const name of [...Object.keys(config.scripts), ...Object.keys(config.commands)]) {
    const cycle = visit(name);
    if (cycle) return cycle;
  }
  return undefined;
}

/** `a → b → a`, as messages print a cycle. */
export function formatCycle(cycle: readonly string[]): string {
  return cycle.join(' → ');
}

/**
 * What to start for `name`: its transitive dependencies, deepest first, each once, then `name`.
 * Throws BrumError('INVALID_CONFIG') on a cycle (loadConfig rejects those, so only hand-built
 * configurations can have one).
 */
export function startOrder(name: string, config: Graph): string[] {
  const order: string[] = [];
  const placed = new Set<string>();
  const path: string[] = [];
  const visit = (current: string): void => {
    if (placed.has(current)) return;
    if (path.includes(current)) {
      const cycle = [...path.slice(path.indexOf(current)), current];
      throw new BrumError('INVALID_CONFIG', `depends_on has a cycle: ${formatCycle(cycle)}`, {
        details: { cycle },
      });
    }
    path.push(current);
    for (const dependency of dependenciesOf(current, config)) visit(dependency);
    path.pop();
    placed.add(current);
    order.push(current);
  };
  visit(name);
  return order;
}
