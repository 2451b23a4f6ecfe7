/** Scrolling a list of lines taller than its window: ↑/↓ by a line, PgUp/PgDn/space by a page. */
import type { Key } from 'ink';
import { useState } from 'react';

export function useScroll(total: number, height: number) {
  const [offset, setOffset] = useState(0);
  const max = Math.max(0, total - height);
  const clamped = Math.min(offset, max);
  const by = (n: number) => setOffset(Math.min(max, Math.max(0, clamped + n)));
  /** true when the key scrolled */
  const onKey = (_input: string, key: Key): boolean => {
    if (key.upArrow) {
      by(-1);
      return true;
    }
    if (key.downArrow) {
      by(1);
      return true;
    }
    if (key.pageUp) {
      by(-Math.max(1, height - 1));
      return true;
    }
    if (key.pageDown) {
      by(Math.max(1, height - 1));
      return true;
    }
    if (key.home) {
      setOffset(0);
      return true;
    }
    if (key.end) {
      setOffset(max);
      return true;
    }
    return false;
  };
  return { offset: clamped, max, onKey, reset: () => setOffset(0) };
}
