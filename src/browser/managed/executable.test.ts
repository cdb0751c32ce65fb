import { describe, expect, it } from 'vitest';
import { findBrowserExecutable, installHint, NoBrowserError } from './executable.js';

const only =
  (...paths: string[]) =>
  (path: string): boolean =>
    paths.includes(path);

describe('findBrowserExecutable', () => {
  it('prefers [browser] executable, then BRUM_BROWSER, then what it finds', () => {
    const isExecutable = only('/opt/mine/chrome', '/env/chromium', '/usr/bin/chromium');
    const env = { BRUM_BROWSER: '/env/chromium', PATH: '' };
    expect(
      findBrowserExecutable({ configured: '/opt/mine/chrome', env, platform: 'linux', isExecutable }),
    ).toEqual({
      path: '/opt/mine/chrome',
      source: 'config',
    });
    expect(findBrowserExecutable({ env, platform: 'linux', isExecutable })).toEqual({
      path: '/env/chromium',
      source: 'env',
    });
    expect(findBrowserExecutable({ env: { PATH: '' }, platform: 'linux', isExecutable })).toEqual({
      path: '/usr/bin/chromium',
      source: 'found',
    });
  });

  it('finds Chrome or Edge on PATH and in the macOS and Windows places', () => {
    expect(
      findBrowserExecutable({
        env: { PATH: '/x/bin:/y/bin' },
        platform: 'linux',
        isExecutable: only('/y/bin/google-chrome'),
      }).path,
    ).toBe('/y/bin/google-chrome');
    expect(
      findBrowserExecutable({
        env: {},
        platform: 'darwin',
        isExecutable: only('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'),
      }).path,
    ).toBe('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
    const win = findBrowserExecutable({
      env: { PROGRAMFILES: 'C:\\Program Files' },
      platform: 'win32',
      isExecutable: (p) => p.includes('Edge') && p.endsWith('msedge.exe'),
    });
    expect(win.path).toMatch(/msedge\.exe$/);
  });

  it('says in one line how to install one when none is found, and never downloads', () => {
    const find = () =>
      findBrowserExecutable({ env: { PATH: '/nowhere' }, platform: 'linux', isExecutable: () => false });
    expect(find).toThrow(NoBrowserError);
    expect(find).toThrow(/apt-get install -y chromium/);
    expect(installHint('linux')).not.toContain('\n');
    expect(installHint('linux')).toMatch(/never downloads/);
  });

  it('names a bad BRUM_BROWSER or configured path instead of silently looking elsewhere', () => {
    const isExecutable = only('/usr/bin/chromium');
    expect(() =>
      findBrowserExecutable({ env: { BRUM_BROWSER: '/nope' }, platform: 'linux', isExecutable }),
    ).toThrow(/BRUM_BROWSER \(\/nope\) is not an executable file/);
    expect(() =>
      findBrowserExecutable({ configured: '/nope', env: {}, platform: 'linux', isExecutable }),
    ).toThrow(/\[browser\] executable/);
  });
});
