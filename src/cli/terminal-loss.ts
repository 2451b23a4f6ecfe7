/**
 * The terminal going away: a hang-up (SIGHUP: the ssh link dropped, the window closed, tmux
 * kill-session or kill-server), reads or writes failing (EIO on a hung-up terminal, EPIPE on a
 * closed pipe), standard input ending under a full-screen UI. Whatever was on screen closes in
 * order, so the recorder has written every step and the store is closed (the session can be
 * resumed), and the process ends quietly with status 129, as a shell reports a hang-up.
 *
 * Quietly also means without Node's own last words. At exit Node restores the terminal
 * settings of every standard stream that was a terminal when it started (ResetStdio), and it
 * aborts with a native "Assertion failed" stack when that fails — which it does on a hung-up
 * terminal (EIO). Node skips a stream whose file descriptor now names another file, so a
 * hung-up terminal's descriptors are pointed at /dev/null on the way out.
 */
import { closeSync, fstatSync, openSync } from 'node:fs';
import { isatty } from 'node:tty';

/** 128 + SIGHUP: the status a shell reports for a process ended by a hang-up. */
export const HANG_UP_STATUS = 129;

/** A screen that does not close within this long after the terminal went away is not waited for. */
const CLOSE_WITHIN_MS = 5000;

/** Which of stdin, stdout and stderr were terminals at start: the ones Node restores at exit. */
const WAS_TERMINAL = [0, 1, 2].map((fd) => isatty(fd));

let lost = false;
const closers = new Set<() => void>();

/** Whether the terminal went away during this run. */
export function terminalLost(): boolean {
  return lost;
}

/**
 * Installed once, first thing (main.ts): the way out always lets go of a hung-up terminal, and
 * a failed write to stdout or stderr ends the run quietly. A reader that stops early
 * (`roleplay sessions | head -1`) closes the pipe: exit 0, it is not a failure of ours.
 */
export function guardStandardStreams(): void {
  process.on('exit', releaseHungUpTerminal);
  // for the whole run, not only while a screen is up: a hang-up between two screens (or
  // before the first) must not kill the process by the signal, with a session half-closed
  process.on('SIGHUP', terminalGone);
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (closers.size > 0) terminalGone();
      else process.exit(e.code === 'EPIPE' ? 0 : 1);
    });
  }
}

/**
 * While a full-screen UI runs (until the returned function is called): a hang-up, or stdin
 * failing or ending, means the terminal is gone, and `close` is called once to close the screen
 * in order. Stdin reaching its end cannot happen at a live terminal in raw mode (Ctrl+D is a
 * key there); on a hung-up one, reading gives end-of-file or EIO.
 */
export function onTerminalLoss(close: () => void): () => void {
  closers.add(close);
  process.stdin.on('error', terminalGone);
  process.stdin.on('end', terminalGone);
  return () => {
    closers.delete(close);
    process.stdin.off('error', terminalGone);
    process.stdin.off('end', terminalGone);
  };
}

function terminalGone(): void {
  if (lost) return;
  lost = true;
  process.exitCode = HANG_UP_STATUS;
  if (closers.size === 0) process.exit(HANG_UP_STATUS);
  for (const close of closers) close();
  setTimeout(() => process.exit(HANG_UP_STATUS), CLOSE_WITHIN_MS).unref();
}

/**
 * Points each standard stream that was a terminal at start and is not one any more (a hung-up
 * terminal answers no terminal request) at /dev/null, so that Node's exit leaves it alone.
 * Runs in the 'exit' event: no more I/O is waited for after it. A terminal still there is
 * left as it is, so Node restores its settings as usual.
 */
function releaseHungUpTerminal(): void {
  for (const fd of [0, 1, 2]) {
    if (!WAS_TERMINAL[fd] || isatty(fd)) continue;
    try {
      fstatSync(fd);
    } catch {
      continue; // closed already: Node skips it too
    }
    try {
      closeSync(fd);
      openSync('/dev/null', fd === 0 ? 'r' : 'w'); // the lowest free descriptor: this one
    } catch {
      // nothing better to do on the way out
    }
  }
}
