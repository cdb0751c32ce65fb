/** The terminal UI front-end: `runTui` is its only entry point. */
export { runTui } from './run-tui.js';
export type { RunTuiOptions } from './run-tui.js';
