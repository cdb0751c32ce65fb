import { describe, expect, it } from 'vitest';
import { clipboardTool, osc52 } from './clipboard.js';
import { browserCommand, editorCommand } from './launch.js';

describe('browserCommand', () => {
  it('opens only http(s) URLs, as one argument', () => {
    expect(browserCommand('http://localhost:3000/a b', 'linux')).toEqual([
      'xdg-open',
      'http://localhost:3000/a%20b',
    ]);
    expect(browserCommand('https://x.test/', 'darwin')).toEqual(['open', 'https://x.test/']);
    expect(browserCommand('file:///etc/passwd', 'linux')).toBeUndefined();
    expect(browserCommand('$(rm -rf ~)', 'linux')).toBeUndefined();
  });
});

describe('editorCommand', () => {
  it('uses +line file, or -g file:line for the VS Code family', () => {
    expect(editorCommand('vim', '/p/a.ts', 12)).toEqual({
      command: ['vim', '+12', '/p/a.ts'],
      terminal: true,
    });
    expect(editorCommand('code -w', '/p/a.ts', 3)).toEqual({
      command: ['code', '-w', '-g', '/p/a.ts:3'],
      terminal: false,
    });
    expect(editorCommand('subl', '/p/a.ts')).toEqual({ command: ['subl', '/p/a.ts'], terminal: false });
    expect(editorCommand(undefined, '/p/a.ts', 1)).toBeUndefined();
  });

  it('keeps the column where the editor can take one (issue 11)', () => {
    expect(editorCommand('code', 'src/a.ts', 3, 9)?.command).toEqual(['code', '-g', 'src/a.ts:3:9']);
    expect(editorCommand('nvim', 'src/a.ts', 3, 9)?.command).toEqual([
      'nvim',
      '+call cursor(3,9)',
      'src/a.ts',
    ]);
    expect(editorCommand('nano', 'src/a.ts', 3, 9)?.command).toEqual(['nano', '+3,9', 'src/a.ts']);
    expect(editorCommand('emacs', 'src/a.ts', 3, 9)?.command).toEqual(['emacs', '+3:9', 'src/a.ts']);
    expect(editorCommand('hx', 'src/a.ts', 3, 9)?.command).toEqual(['hx', 'src/a.ts:3:9']);
    expect(editorCommand('subl', 'src/a.ts', 3, 9)?.command).toEqual(['subl', '+3', 'src/a.ts']);
  });
});

describe('clipboard', () => {
  it('encodes OSC 52 and picks the platform tool only when installed', () => {
    expect(osc52('hi')).toBe('\u001B]52;c;aGk=\u0007');
    const has = (name: string) => name === 'xclip';
    expect(clipboardTool('linux', { DISPLAY: ':0' }, has)).toEqual(['xclip', '-selection', 'clipboard']);
    expect(clipboardTool('linux', { WAYLAND_DISPLAY: 'w' }, has)).toBeUndefined();
    expect(clipboardTool('darwin', {}, () => true)).toEqual(['pbcopy']);
  });
});
