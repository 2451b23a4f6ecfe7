/**
 * Colours by meaning (good, bad, muted…) rather than by name, so that NO_COLOR can turn every
 * colour off in one place while bold and dim (which NO_COLOR allows) still carry emphasis.
 */
import { createContext, useContext } from 'react';
import type { Tone } from './lines.js';

export interface Theme {
  readonly color: boolean;
}

/** NO_COLOR (https://no-color.org): present and not empty means no colour. */
export function themeFromEnv(env: NodeJS.ProcessEnv = process.env): Theme {
  return { color: !(env.NO_COLOR !== undefined && env.NO_COLOR !== '') };
}

export const ThemeContext = createContext<Theme>({ color: true });

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

const COLORS: Readonly<Record<Tone, string | undefined>> = {
  title: 'cyan',
  accent: 'cyan',
  good: 'green',
  bad: 'red',
  warn: 'yellow',
  muted: undefined,
  speaker: 'magenta',
  you: 'blue',
  selected: 'cyan',
  cursor: undefined,
};

export interface TextStyle {
  color?: string;
  bold?: boolean;
  dimColor?: boolean;
  inverse?: boolean;
}

export function styleOf(theme: Theme, tone: Tone | undefined, bold: boolean | undefined): TextStyle {
  const style: TextStyle = {};
  if (tone) {
    const c = COLORS[tone];
    if (theme.color && c) style.color = c;
    if (tone === 'muted') style.dimColor = true;
    if (tone === 'title' || tone === 'selected') style.bold = true;
    if (tone === 'cursor') style.inverse = true;
  }
  if (bold) style.bold = true;
  return style;
}
