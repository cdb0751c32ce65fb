import { biomeParser } from './biome.js';
import { bunTestParser } from './bun.js';
import { esbuildParser } from './esbuild.js';
import { eslintParser } from './eslint.js';
import { gccParser } from './gcc.js';
import { goParser } from './go.js';
import { jestParser } from './jest.js';
import { nextParser } from './next.js';
import { nodeParser } from './node.js';
import { nodeTestParser } from './node-test.js';
import { npmParser } from './npm.js';
import { oxlintParser } from './oxlint.js';
import { playwrightParser } from './playwright.js';
import { pytestParser } from './pytest.js';
import { pythonParser } from './python.js';
import { rustParser } from './rust.js';
import type { Parser } from './types.js';
import { typescriptParser } from './typescript.js';
import { vitestParser } from './vitest.js';
import { viteParser } from './vite.js';
import { webpackParser } from './webpack.js';

/**
 * All parsers, most specific first: the first whose `start` accepts a line wins. Formats that embed
 * a generic `Error: msg` line (vite, next, test runners) come before the generic Node parser.
 */
export const PARSERS: readonly Parser[] = [
  typescriptParser,
  eslintParser,
  oxlintParser,
  biomeParser,
  viteParser,
  esbuildParser,
  webpackParser,
  nextParser,
  vitestParser,
  jestParser,
  playwrightParser,
  nodeTestParser,
  npmParser,
  pythonParser,
  pytestParser,
  bunTestParser,
  rustParser,
  goParser,
  gccParser,
  nodeParser,
];

export type { Block, Diagnostic, Parser, StartContext, Step } from './types.js';
