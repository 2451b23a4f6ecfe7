// Second half of `npm run build`: after tsc has type-checked and compiled src/ into dist/,
// bundle the CLI and its libraries into a few ES modules in dist/bundle/, which
// bin/roleplay.js starts.
//
// Why: the first frame of `roleplay play` waited ~0.7 s, mostly on Node resolving and
// compiling some 400 small ES modules (ink, react, zod, yaml, xstate, our own); bundled it
// is ~0.4 s and ~10 MB smaller (bench/results.md). Lazily imported commands and screens stay
// separate chunks, so `roleplay lint` still loads no React.
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/cli/main.js'],
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Native addon, optional database driver, and ink's development-only devtools: loaded
  // from node_modules when (if ever) they are needed.
  external: ['better-sqlite3', 'pg', 'react-devtools-core'],
  // CommonJS packages inside the bundle (commander, react) call require() for Node's
  // built-in modules; an ES module has no require of its own.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  // Keep names and layout: a stack trace from a user's report should stay readable.
  minify: false,
  logLevel: 'warning',
});

// The bundled lesson catalog, loaded once here rather than at every start of the CLI (every
// scenario file sees it): src/cli/bundled-catalog.ts uses it while scenarios/lessons.yaml
// is still the text it was made from.
{
  const { readFileSync, writeFileSync } = await import('node:fs');
  const { createHash } = await import('node:crypto');
  const { loadFile } = await import('./dist/core/index.js');
  const text = readFileSync('scenarios/lessons.yaml', 'utf8');
  const loaded = loadFile(text, 'scenarios/lessons.yaml');
  if (loaded.kind !== 'catalog' || !loaded.catalog) throw new Error('scenarios/lessons.yaml is not a lesson catalog');
  const sha256 = createHash('sha256').update(text).digest('hex');
  writeFileSync('dist/bundled-catalog.json', `${JSON.stringify({ sha256, catalog: loaded.catalog })}\n`);
}
