/**
 * A full screen: fixed header lines, a body that scrolls when it is taller than the room
 * left, and fixed footer lines. The whole frame is at most `height` rows, so it never
 * scrolls the terminal (which would make Ink redraw badly).
 */
import { Box } from 'ink';
import type { ReactNode } from 'react';
import { plain, windowOf, type Line } from '../lines.js';
import { Lines } from './lines.js';

export interface FrameProps {
  readonly header: readonly Line[];
  readonly body: readonly Line[];
  readonly footer: readonly Line[];
  readonly height: number;
  /** lines are cut to this many columns (Ink would otherwise cut at the terminal's edge) */
  readonly width?: number;
  readonly offset: number;
  /** something drawn between body and footer that is not a line (a text field) */
  readonly extra?: ReactNode;
  readonly extraRows?: number;
}

/** Rows left for the body once header, footer and extras are placed. */
export function bodyRoom(height: number, header: number, footer: number, extraRows = 0): number {
  return Math.max(1, height - header - footer - extraRows);
}

export function Frame({ header, body, footer, height, width, offset, extra, extraRows = 0 }: FrameProps) {
  const room = bodyRoom(height, header.length, footer.length, extraRows);
  const overflow = body.length > room;
  const { visible, offset: o, maxOffset } = windowOf(body, overflow ? room - 1 : room, offset);
  const marker: Line[] = overflow
    ? [
        plain(
          `${o > 0 ? '↑' : ' '}${o < maxOffset ? '↓' : ' '} ${Math.min(body.length, o + room - 1)}/${body.length}`,
          'muted',
        ),
      ]
    : [];
  const fit = width !== undefined ? { width } : {};
  return (
    <Box flexDirection="column">
      <Lines lines={header} {...fit} />
      <Lines lines={[...visible, ...marker]} {...fit} />
      {extra}
      <Lines lines={footer} {...fit} />
    </Box>
  );
}
