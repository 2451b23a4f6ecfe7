/** Draws pre-wrapped lines (see lines.ts): one Ink row each, never re-wrapped by Ink. */
import { Box, Text } from 'ink';
import { fitLine, type Line } from '../lines.js';
import { styleOf, useTheme } from '../theme.js';

export function Lines({ lines, width }: { readonly lines: readonly Line[]; readonly width?: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      {(width === undefined ? lines : lines.map((l) => fitLine(l, width))).map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line.length === 0 ? ' ' : line.map((p, j) => <Text key={j} {...styleOf(theme, p.tone, p.bold)}>{p.text}</Text>)}
        </Text>
      ))}
    </Box>
  );
}
