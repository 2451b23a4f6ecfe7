/** The terminal's bracketed-paste mode, on while a full-screen UI runs. */

/**
 * Asks the terminal to wrap pasted text in ESC[200~ … ESC[201~ (bracketed paste), so a paste
 * reaches the answer field whole and a newline in it does not send the answer (see
 * key-presses.ts); returns the call that turns it off again. Also turned off should the
 * process end some other way: a shell left in this mode shows the markers around pastes.
 */
export function bracketedPaste(stdout: NodeJS.WriteStream = process.stdout): () => void {
  if (!stdout.isTTY) return () => {};
  const off = () => {
    process.off('exit', off);
    stdout.write('\u001b[?2004l');
  };
  stdout.write('\u001b[?2004h');
  process.on('exit', off);
  return off;
}
