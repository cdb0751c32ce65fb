import { describe, expect, it } from 'vitest';
import { formatKeyPath, parseKeyPath } from './key-path.js';

describe('key paths', () => {
  it('quotes names that are not bare keys', () => {
    expect(formatKeyPath(['scripts', 'web:dev', 'env', 'PORT'])).toBe('scripts."web:dev".env.PORT');
    expect(formatKeyPath(['scripts', 'dev', 'env_file', 1])).toBe('scripts.dev.env_file[1]');
  });

  it('parses quoted segments and normalises field names only', () => {
    expect(parseKeyPath('scripts."web:dev".readyPort')).toEqual(['scripts', 'web:dev', 'ready_port']);
    expect(parseKeyPath('scripts.buildAll.env.myVar')).toEqual(['scripts', 'buildAll', 'env', 'myVar']);
    expect(parseKeyPath('logBufferBytes')).toEqual(['log_buffer_bytes']);
  });
});
