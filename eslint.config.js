// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Folders that front-ends live in; core must never import them, and they must not import each other. */
const frontEnds = ['tui', 'mcp', 'cli'];

const restrict = (/** @type {string[]} */ groups, /** @type {string} */ message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'examples/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/core/**'],
    rules: restrict(
      [
        ...frontEnds.map((f) => `**/${f}/**`),
        'ink',
        'react',
        'ink-*',
        '@modelcontextprotocol/*',
        'commander',
      ],
      'core/ knows nothing of its front-ends (tui, mcp, cli, ink, react, MCP SDK, argv).',
    ),
  },
  {
    files: ['src/tui/**'],
    rules: restrict(['**/mcp/**', '**/cli/**', '@modelcontextprotocol/*'], 'tui/ reads core only.'),
  },
  {
    files: ['src/mcp/**'],
    rules: restrict(['**/tui/**', '**/cli/**', 'ink', 'react'], 'mcp/ reads core only.'),
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: globals.node },
  },
);
