/**
 * State that key handlers can read back at once. Several keys can arrive in one chunk
 * (a terminal sends "↓↓↓⏎" together when keys repeat or are pasted); they are handled before
 * React renders again, so the second ↓ must see the first one's result, and ⏎ the last.
 */
import { useRef, useState } from 'react';

export function useSyncedState<T>(initial: T): [() => T, (next: T | ((prev: T) => T)) => void, T] {
  const [value, setValue] = useState(initial);
  const ref = useRef(initial);
  const set = (next: T | ((prev: T) => T)) => {
    ref.current = typeof next === 'function' ? (next as (prev: T) => T)(ref.current) : next;
    setValue(ref.current);
  };
  return [() => ref.current, set, value];
}
