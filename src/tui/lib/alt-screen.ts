/**
 * The alternate screen buffer: the TUI draws there and the user's scrollback is untouched; leaving it
 * restores the shell exactly as it was. Leaving is idempotent and also runs on process exit, so an
 * unexpected exit never strands the terminal in the alternate buffer.
 */
const ENTER = '\u001B[?1049h\u001B[H';
const LEAVE = '\u001B[?25h\u001B[?1049l';

/** Switches `stream` to the alternate screen; returns the function that switches back. */
export function enterAlternateScreen(stream: NodeJS.WriteStream): () => void {
  if (!stream.isTTY) return () => {};
  stream.write(ENTER);
  let left = false;
  const leave = (): void => {
    if (left) return;
    left = true;
    process.off('exit', leave);
    stream.write(LEAVE);
  };
  process.on('exit', leave);
  return leave;
}
