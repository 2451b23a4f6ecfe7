/** The terminal's size, updated when it is resized (Ink redraws; we re-lay out). */
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface Size {
  readonly columns: number;
  readonly rows: number;
}

const read = (stdout: NodeJS.WriteStream): Size => ({
  columns: stdout.columns > 0 ? stdout.columns : 80,
  rows: stdout.rows > 0 ? stdout.rows : 24,
});

/**
 * When a terminal gets narrower it re-wraps the lines already on screen, so Ink's "erase
 * the last frame" misses rows and old text stays above the new frame. On a resize of a real
 * terminal we clear the screen first (before Ink's own resize handler, hence prepend), then
 * lay out again; Ink then draws the new frame from the top.
 */
export function useTerminalSize(): Size {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => read(stdout));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onResize = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (stdout.isTTY) stdout.write('\u001b[2J\u001b[3J\u001b[H');
        setSize(read(stdout));
      }, 40);
    };
    stdout.on('resize', onResize);
    return () => {
      clearTimeout(timer);
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
