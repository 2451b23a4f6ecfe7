/**
 * A full-screen Ink UI in the real terminal, the one way both play and the live preview start:
 * bracketed paste on while it runs, Ctrl+C as an orderly unmount, closable from outside (the
 * terminal went away, the database could not be opened), and the terminal left as it was.
 */
import { render } from 'ink';
import type { ReactElement } from 'react';
import { bracketedPaste } from './paste-mode.js';

/** Resolves when the UI has unmounted (q, Ctrl+C, or `signal`). */
export async function runFullScreen(element: ReactElement, signal?: AbortSignal): Promise<void> {
  const pasteOff = bracketedPaste();
  try {
    const instance = render(element, { exitOnCtrlC: true, patchConsole: false, maxFps: 60 });
    signal?.addEventListener('abort', () => instance.unmount(), { once: true });
    await instance.waitUntilExit();
  } finally {
    pasteOff();
  }
}
