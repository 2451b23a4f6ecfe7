#!/usr/bin/env node
// `npm run bench [-- name ...]`: runs each benchmark script in its own process (so one
// cannot warm up or slow down another) and prints their reports one after another.
// Each script measures its own baseline in the same run and prints ratios against it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ALL = [
  ['engine', 'lint + maxima of generated 100/1,000/5,000-node scenarios'],
  ['authoring', '`paths` and deep lint on generated 1,000-node and cyclic scenarios'],
  ['ui', 'startup to first frame vs a minimal Ink app; keypress-to-frame latency'],
  ['peers', 'headless play and lint vs inkjs; startup and peak memory'],
  ['report', '`report --json` over 100,000 sessions vs a hand-written SQL aggregate'],
  ['report-pg', '`report --json` on PostgreSQL and SQLite side by side'],
  ['load', '8 concurrent recording processes into one database'],
];

const wanted = process.argv.slice(2);
const chosen = wanted.length ? ALL.filter(([name]) => wanted.includes(name)) : ALL;
let failed = 0;
for (const [name, what] of chosen) {
  const script = fileURLToPath(new URL(`./${name}.mjs`, import.meta.url));
  if (!existsSync(script)) continue;
  console.log(`\n=== ${name}: ${what} ===`);
  const r = spawnSync(process.execPath, ['--expose-gc', script], { stdio: 'inherit', env: { ...process.env, CI: 'false' } });
  if (r.status !== 0) { failed++; console.log(`(${name} exited with ${r.status ?? r.signal})`); }
}
process.exit(failed ? 1 : 0);
