/**
 * Asking for a secret on the terminal without echoing it (a password for the team server, or
 * for a new member), and reading one from a pipe. Only ever used before a screen opens: the
 * play screen owns the terminal afterwards.
 */
import { readFileSync } from 'node:fs';

/** Whether a prompt can be shown and answered: both ends of the conversation are a terminal. */
export function canPrompt(): boolean {
  return process.stdin.isTTY === true && process.stderr.isTTY === true;
}

/**
 * The line typed after `question` on the terminal, not echoed; undefined when there is no
 * terminal or the person pressed Ctrl-C or Ctrl-D on an empty line.
 */
export function promptSecret(question: string): Promise<string | undefined> {
  const stdin = process.stdin;
  if (!canPrompt()) return Promise.resolve(undefined);
  process.stderr.write(question);
  const wasRaw = stdin.isRaw;
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve) => {
    let value = '';
    const done = (result: string | undefined) => {
      stdin.off('data', onData);
      stdin.setRawMode(wasRaw);
      stdin.pause();
      process.stderr.write('\n');
      resolve(result);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done(value);
        if (ch === '\u0003') return done(undefined); // Ctrl-C
        if (ch === '\u0004') return done(value === '' ? undefined : value); // Ctrl-D
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch === '\u0015')
          value = ''; // Ctrl-U
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** One secret from standard input when it is a pipe or a file: its first line. */
export function secretFromStdin(): string {
  const text = readFileSync(0, 'utf8');
  return (text.split(/\r?\n/)[0] ?? '').trim();
}
