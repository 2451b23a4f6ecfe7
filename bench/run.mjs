#!/usr/bin/env node
// `npm run bench [-- name ...] [-- --no-write]`: runs each benchmark script in its own process
// (so one cannot warm up or slow down another) and prints their reports one after another.
// Each script measures its own baseline in the same run and prints ratios against it.
// Every report lands in bench/results.md: `peers`, `load` and `scale` write their own tables; for the
// others their printed report is kept as it is, under the machine and the date.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { updateResults } from './lib/results.mjs';

const ALL = [
  ['engine', 'lint + maxima of generated 100/1,000/5,000-node scenarios'],
  ['authoring', '`paths` and deep lint on generated 1,000-node and cyclic scenarios'],
  ['ui', 'startup to first frame vs a minimal Ink app; keypress-to-frame latency'],
  ['peers', 'headless play and lint vs inkjs; startup and peak memory'],
  ['report', '`report --json` over 100,000 sessions vs a hand-written SQL aggregate'],
  ['report-pg', '`report --json` on PostgreSQL and SQLite side by side'],
  ['load', '8 concurrent recording processes into one database'],
  ['scale', "issue 21's five figures, each against its peer (runs report-pg itself)"],
];
const WRITE_THEIR_OWN = new Set(['peers', 'load', 'scale']);
// scale runs report-pg as a child (its report figures); run alone only when named.
const ONLY_WHEN_NAMED = new Set(['report-pg']);
// The keypress benchmark runs the UI inside its own process: give node the launcher's flags
// (bin/roleplay.js's shebang), so it measures what a trainee runs.
const NODE_FLAGS = { ui: ['--max-semi-space-size=1', '--v8-pool-size=1'] };

const args = process.argv.slice(2);
const write = !args.includes('--no-write');
const wanted = args.filter((a) => !a.startsWith('--'));
const chosen = wanted.length
  ? ALL.filter(([name]) => wanted.includes(name))
  : ALL.filter(([name]) => !ONLY_WHEN_NAMED.has(name));

// Terminal control sequences some reports print (a cursor shown again after a pseudo-terminal run).
const plain = (text) => text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');

function run(script, capture, flags, nodeFlags) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', ...nodeFlags, script, ...flags], {
      stdio: ['inherit', capture ? 'pipe' : 'inherit', 'inherit'],
      env: { ...process.env, CI: 'false' },
    });
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.on('close', (status, signal) => resolve({ status: status ?? signal, out }));
  });
}

let failed = 0;
for (const [name, what] of chosen) {
  const script = fileURLToPath(new URL(`./${name}.mjs`, import.meta.url));
  if (!existsSync(script)) continue;
  console.log(`\n=== ${name}: ${what} ===`);
  const capture = write && !WRITE_THEIR_OWN.has(name);
  const load = loadavg()[0];
  const started = new Date();
  const r = await run(
    script,
    capture,
    !write && WRITE_THEIR_OWN.has(name) ? ['--no-write'] : [],
    NODE_FLAGS[name] ?? [],
  );
  if (r.status !== 0) {
    failed++;
    console.log(`(${name} exited with ${r.status})`);
  }
  if (capture && r.out.trim() !== '') {
    const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${load.toFixed(1)} at the start`;
    updateResults(
      `## ${name} (`,
      [
        `## ${name} (\`npm run bench -- ${name}\`): ${what}`,
        '',
        `Measured ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}${r.status === 0 ? '' : `; the script exited with ${r.status} (a goal missed or a failure, see its report)`}.`,
        '',
        '```',
        plain(r.out).trim(),
        '```',
        '',
      ].join('\n'),
    );
  }
}
process.exit(failed ? 1 : 0);
