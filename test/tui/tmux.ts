/** A tiny driver for a detached tmux session on a private socket (one per test file). */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

export class Tmux {
  readonly socket = `brum-e2e-${process.pid}-${Date.now().toString(36)}`;
  readonly session = 'brum';

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Starts `command` (argv) in a 100×30 session with `env` added to a clean environment. */
  start(command: readonly string[], cwd: string, env: Record<string, string>): void {
    const envArgs = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    this.tmux(
      '-f',
      '/dev/null',
      'new-session',
      '-d',
      '-s',
      this.session,
      '-x',
      '100',
      '-y',
      '30',
      '-c',
      cwd,
      ...envArgs,
      ...command,
    );
    // Keep the pane after the program exits, so its summary can be read.
    this.tmux('set-option', '-t', this.session, 'remain-on-exit', 'on');
  }

  /**
   * Sends keys one by one (tmux key names like `Enter`, `Tab`, `C-c`, or single characters), pausing
   * between them as a person would: keys sent in one burst reach the app as one pasted chunk.
   */
  async keys(...keys: string[]): Promise<void> {
    for (const key of keys) {
      this.tmux('send-keys', '-t', this.session, key);
      await new Promise((r) => setTimeout(r, 60));
    }
  }

  /** Types `text` character by character. */
  async type(text: string): Promise<void> {
    for (const char of text) {
      this.tmux('send-keys', '-t', this.session, '-l', char);
      await new Promise((r) => setTimeout(r, 40));
    }
  }

  /**
   * Sends `text` (control characters included, e.g. `\r` for Enter, `\x7f` for Backspace) in one write,
   * so the app reads it as one chunk: what a fast typist, a held key or a loaded machine produce.
   */
  burst(text: string): void {
    this.tmux('send-keys', '-t', this.session, '-l', text);
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-t', this.session);
  }

  /** Polls the screen until `pattern` appears; throws with the last screen after `timeoutMs`. */
  async waitFor(pattern: string | RegExp, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < deadline) {
      screen = this.screen();
      if (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen)) return screen;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${String(pattern)}; screen:\n${screen}`);
  }

  paneDead(): boolean {
    return this.tmux('display-message', '-p', '-t', this.session, '#{pane_dead}').trim() === '1';
  }

  /** Ends the private server and removes its socket file (tmux 3.3 leaves it behind). */
  kill(): void {
    let socketPath: string | undefined;
    try {
      socketPath = this.tmux('display-message', '-p', '#{socket_path}').trim();
      this.tmux('kill-server');
    } catch {
      // already gone
    }
    if (socketPath) rmSync(socketPath, { force: true });
  }
}
