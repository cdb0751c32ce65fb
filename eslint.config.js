// @ts-check
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), 'src');

/**
 * The house: `cli → tui | mcp → browser → core`. Each layer (a folder under src/) may import the
 * layers listed for it and itself; `core/browser/` is part of core (the contract), `browser/` is the
 * network layer. The composition root (cli/) wires browser objects into the front-ends.
 */
const LAYERS = /** @type {Record<string, string[]>} */ ({
  core: ['core'],
  browser: ['core'],
  tui: ['core'],
  mcp: ['core'],
  cli: ['core', 'browser', 'tui', 'mcp'],
});

/** The layer a file under src/ belongs to, or undefined outside src/. */
const layerOf = (/** @type {string} */ file) => {
  const rel = relative(SRC, file);
  if (rel.startsWith('..')) return undefined;
  return rel.split(/[\\/]/)[0];
};

/** @type {import('eslint').Rule.RuleModule} */
const layerImports = {
  meta: { type: 'problem', schema: [], messages: { down: '{{from}}/ may not import {{to}}/ ({{rule}}).' } },
  create(context) {
    const from = layerOf(context.filename);
    if (from === undefined || !(from in LAYERS)) return {};
    const check = (/** @type {any} */ node, /** @type {unknown} */ spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const to = layerOf(resolve(dirname(context.filename), spec));
      if (to === undefined || to === from || !(to in LAYERS) || LAYERS[from]?.includes(to)) return;
      context.report({
        node,
        messageId: 'down',
        data: { from, to, rule: 'cli → tui | mcp → browser → core' },
      });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

const restrict = (/** @type {string[]} */ groups, /** @type {string} */ message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'examples/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { brum: { rules: { 'layer-imports': layerImports } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'brum/layer-imports': 'error',
    },
  },
  {
    files: ['src/core/**'],
    rules: restrict(
      ['ink', 'react', 'ink-*', '@modelcontextprotocol/*', 'commander'],
      'core/ knows nothing of its front-ends (ink, react, MCP SDK, argv).',
    ),
  },
  {
    files: ['src/browser/**'],
    rules: restrict(
      ['ink', 'react', 'ink-*', '@modelcontextprotocol/*', 'commander'],
      'browser/ is the network layer under the front-ends: core only.',
    ),
  },
  {
    files: ['src/tui/**'],
    rules: restrict(['@modelcontextprotocol/*', 'commander'], 'tui/ reads core only.'),
  },
  {
    files: ['src/mcp/**'],
    rules: restrict(['ink', 'react', 'ink-*', 'commander'], 'mcp/ reads core only.'),
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: globals.node },
  },
);
