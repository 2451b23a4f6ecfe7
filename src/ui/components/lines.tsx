/** Draws pre-wrapped lines (see lines.ts): one Ink row each, never re-wrapped by Ink. */
import { Box, Text } from 'ink';
import type { Line } from '../lines.js';
import { styleOf, useTheme } from '../theme.js';

export function Lines({ lines }: { readonly lines: readonly Line[] }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line.length === 0 ? ' ' : line.map((p, j) => <Text key={j} {...styleOf(theme, p.tone, p.bold)}>{p.text}</Text>)}
        </Text>
      ))}
    </Box>
  );
}
