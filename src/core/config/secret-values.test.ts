import { describe, expect, it } from 'vitest';
import { INHERITED_SOURCE } from './env.js';
import { MASK } from './mask.js';
import { loadedSecrets, MAX_SECRETS, SecretMasker } from './secret-values.js';

describe('secrets brum loaded for a process', () => {
  it('are the values under secret names from .env, env_file and env tables, and URL passwords in loaded values', () => {
    const env = {
      API_KEY: 'from-dotenv-123',
      GITHUB_TOKEN: 'inherited-token',
      DATABASE_URL: 'postgres://app:p%40ss-w0rd@db/app',
      PORT: '3000',
      SESSION_SECRET: 'table-secret-xyz',
    };
    const sources = {
      API_KEY: '/p/.env',
      GITHUB_TOKEN: INHERITED_SOURCE,
      DATABASE_URL: '/p/.env.local',
      PORT: '/p/.env',
      SESSION_SECRET: 'env table',
    };
    expect(loadedSecrets(env, sources).sort()).toEqual(
      ['from-dotenv-123', 'p%40ss-w0rd', 'p@ss-w0rd', 'table-secret-xyz'].sort(),
    );
  });

  it('are masked wherever they appear, longest first; short values and overflow are bounded', () => {
    const masker = new SecretMasker();
    expect(masker.mask('nothing to hide')).toBe('nothing to hide');
    masker.add(['abc', 'hunter22', 'hunter22-long', 'hunter22']);
    expect(masker.size).toBe(2);
    expect(masker.mask('pw=hunter22-long, again hunter22; abc stays')).toBe(
      `pw=${MASK}, again ${MASK}; abc stays`,
    );
    masker.add(Array.from({ length: MAX_SECRETS + 5 }, (_, i) => `secret-${i}`));
    expect(masker.size).toBe(MAX_SECRETS);
    expect(masker.dropped).toBe(7);
  });
});
