#!/usr/bin/env -S node --max-semi-space-size=1 --v8-pool-size=1
// Thin launcher for the bundled CLI in dist/bundle/ (built by `npm install` via the prepare
// script; see esbuild.config.mjs).
// The flags above keep a full play under 100 MB of memory (bench/results.md has the figures):
// V8's young generation is capped at 1 MB a half (the terminal UI makes short-lived garbage on
// every frame, and by default that space grows to 16 MB), and V8 gets one background thread
// instead of four (each kept its own memory; lint and play were not slower).
// `npm start` passes the same flags.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/bundle/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('roleplay: the program is not built yet; run `npm install` (or `npm run build`) in ' + fileURLToPath(new URL('..', import.meta.url)) + '\n');
  process.exit(2);
}
await import(entry.href);
