// A detached tmux session on a private socket (`-L`), for driving the real TUI. `kill()` ends the
// whole private server, so nothing started in it survives.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

export class Tmux {
  constructor(name = 'bench') {
    this.socket = `brum-${name}-${process.pid}-${Date.now().toString(36)}`;
    this.session = name;
  }

  run(...args) {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Starts `command` (argv) in a `cols`×`rows` session, in `cwd`, without a config file. */
  start(command, cwd, cols, rows) {
    const size = ['-x', String(cols), '-y', String(rows)];
    this.run('-f', '/dev/null', 'new-session', '-d', '-s', this.session, ...size, '-c', cwd, ...command);
    // Keep the pane after the program exits, so `paneDead` can tell that it quit.
    this.run('set-option', '-t', this.session, 'remain-on-exit', 'on');
    this.socketPath = this.run('display-message', '-p', '#{socket_path}').trim();
  }

  /** Appends everything the program writes to the terminal to `file` (from now on). */
  pipeTo(file) {
    this.run('pipe-pane', '-o', '-t', this.session, `cat >> '${file.replace(/'/g, `'\\''`)}'`);
  }

  panePid() {
    return Number(this.run('display-message', '-p', '-t', this.session, '#{pane_pid}').trim());
  }

  paneDead() {
    return this.run('display-message', '-p', '-t', this.session, '#{pane_dead}').trim() === '1';
  }

  /** Sends one key (tmux key name or a single character). */
  key(k) {
    this.run('send-keys', '-t', this.session, k);
  }

  screen() {
    return this.run('capture-pane', '-p', '-J', '-t', this.session);
  }

  /** Ends the private server (and whatever still runs in it) and removes its socket file. */
  kill() {
    try {
      this.run('kill-server');
    } catch {
      // already gone
    }
    if (this.socketPath) rmSync(this.socketPath, { force: true });
  }
}
