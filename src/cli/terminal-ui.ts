/**
 * The full-screen terminal UI's needs, checked and set before React and Ink load. Only the
 * interactive commands (the menu, play, resume, review, play --watch) call this.
 */
import type { Lang } from '../core/text.js';
import { said } from './env.js';

export function prepareTerminalUi(): void {
  // React's development build checks every element and doubles the time per keypress; a
  // trainee's terminal wants the production one (unless someone asked otherwise).
  // V8's --optimize-for-size, set here at run time, was tried too: three plays peaked at
  // ~91 MB instead of ~95, but with the launcher's young-generation cap the keypress p99
  // went from ~10 ms to ~20 ms (goal < 16 ms), so it is not used (bench/results.md).
  process.env.NODE_ENV ??= 'production';
}

/** Raw mode needs a terminal on both ends; say what to do instead of failing inside Ink. */
export function needsTerminal(lang: Lang): boolean {
  if (process.stdin.isTTY && process.stdout.isTTY) return false;
  process.stderr.write(
    said(
      'roleplay: 练习需要交互式终端；没有终端时请用 `roleplay run <案例> --choices a,b,c`（见 `roleplay run --help`）\n',
      'roleplay: play needs an interactive terminal; without one, use `roleplay run <scenario> --choices a,b,c` (see `roleplay run --help`)\n',
    )[lang],
  );
  return true;
}
