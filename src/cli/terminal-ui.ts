/**
 * Process settings for the full-screen terminal UI, made before React and Ink load. Only the
 * interactive commands (the menu, play, resume, review, play --watch) call this.
 */
export function prepareTerminalUi(): void {
  // React's development build checks every element and doubles the time per keypress; a
  // trainee's terminal wants the production one (unless someone asked otherwise).
  // V8's --optimize-for-size, set here at run time, was tried too: three plays peaked at
  // ~91 MB instead of ~95, but with the launcher's young-generation cap the keypress p99
  // went from ~10 ms to ~20 ms (goal < 16 ms), so it is not used (bench/results.md).
  process.env.NODE_ENV ??= 'production';
}
