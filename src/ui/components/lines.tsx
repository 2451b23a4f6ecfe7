/** Draws pre-wrapped lines (see lines.ts): one Ink row each, never re-wrapped by Ink. */
import { Box, Text } from 'ink';
import { fitLine, type Line, type Piece } from '../lines.js';
import { styleOf, useTheme } from '../theme.js';

/** Neighbouring pieces in the same style become one: Ink measures every text node it draws. */
function merged(line: Line): Line {
  const out: Piece[] = [];
  for (const p of line) {
    const last = out[out.length - 1];
    if (last && last.tone === p.tone && Boolean(last.bold) === Boolean(p.bold))
      out[out.length - 1] = { ...last, text: last.text + p.text };
    else out.push(p);
  }
  return out;
}

export function Lines({ lines, width }: { readonly lines: readonly Line[]; readonly width?: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      {(width === undefined ? lines : lines.map((l) => fitLine(l, width))).map(merged).map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line.length === 0
            ? ' '
            : line.map((p, j) => (
                <Text key={j} {...styleOf(theme, p.tone, p.bold)}>
                  {p.text}
                </Text>
              ))}
        </Text>
      ))}
    </Box>
  );
}
