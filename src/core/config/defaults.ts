/** The defaults, also importable on their own (they are defined beside the types they fill in). */
export { DEFAULT_CONFIG, DEFAULT_PROCESS_CONFIG } from './types.js';
