import { describe, expect, it } from 'vitest';
import { checkHost, checkOrigin } from './guards.js';

describe('checkHost (DNS rebinding)', () => {
  it.each(['localhost', 'localhost:7777', 'LOCALHOST:1', '127.0.0.1:7777', '[::1]:7777', '[::1]'])(
    'accepts the loopback name %s',
    (host) => expect(checkHost(host)).toBeUndefined(),
  );

  it.each([
    undefined,
    '',
    'evil.example',
    'localhost.evil.example:7777',
    '127.0.0.1.nip.io',
    // Stricter than the SDK's validator alone: URL parsing would reduce each of these to a loopback name.
    'user@localhost',
    'localhost/x',
    'localhost :7777',
    '127.1',
    '0x7f.0.0.1',
    '2130706433',
    'localhost:99999999',
  ])('refuses %j with 403', (host) => {
    expect(checkHost(host)?.status).toBe(403);
  });
});

describe('checkOrigin', () => {
  it.each([undefined, 'http://localhost:5173', 'http://127.0.0.1', 'https://[::1]:8443'])(
    'accepts %j (absent, or a loopback page)',
    (origin) => expect(checkOrigin(origin)).toBeUndefined(),
  );

  it.each(['', 'null', 'http://evil.example', 'http://localhost.evil.example', 'not a url'])(
    'refuses %j with 403',
    (origin) => expect(checkOrigin(origin)?.status).toBe(403),
  );
});
