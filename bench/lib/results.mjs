// bench/results.md is shared by several benchmark scripts: each owns one "## " section and
// replaces only that one when it runs again.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FILE = fileURLToPath(new URL('../results.md', import.meta.url));

/** Replaces the section that starts with `heading` (or adds it at the end). */
export function updateResults(heading, section) {
  let text;
  try {
    text = readFileSync(FILE, 'utf8');
  } catch {
    text =
      '# Benchmark results\n\nWritten by the scripts in bench/; each section is replaced when its script runs again.\n\n';
  }
  const start = text.indexOf(heading);
  if (start < 0) text = `${text.trimEnd()}\n\n${section}`;
  else {
    const next = text.indexOf('\n## ', start + heading.length);
    text = `${text.slice(0, start) + section.trimEnd()}\n\n${next < 0 ? '' : text.slice(next + 1)}`;
  }
  writeFileSync(FILE, `${text.trimEnd()}\n`);
}
