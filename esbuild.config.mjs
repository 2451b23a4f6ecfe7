// Second half of `npm run build`: after tsc has type-checked and compiled src/ into dist/,
// bundle the CLI and its libraries into a few ES modules in dist/bundle/, which
// bin/roleplay.js starts.
//
// Why: the first frame of `roleplay play` waited ~0.7 s, mostly on Node resolving and
// compiling some 400 small ES modules (ink, react, zod, yaml, xstate, our own); bundled it
// is ~0.4 s and ~10 MB smaller (bench/results.md). Lazily imported commands and screens stay
// separate chunks, so `roleplay lint` still loads no React.
import { build } from 'esbuild';

// string-width compiles three Unicode-property regular expressions when it is loaded (~25 ms
// of every start), though most commands measure no text it cannot measure itself (lint of
// plain Chinese and ASCII: core/format/checks.ts). Inside the bundle it is loaded on its
// first call instead: every import of it gets a stub that require()s it then (esbuild turns
// that require into a lazy initialiser of the bundled module).
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, (args) =>
      args.pluginData?.real ? undefined : { path: 'string-width', namespace: 'lazy-string-width' },
    );
    b.onResolve({ filter: /^string-width-now$/ }, async (args) => {
      const real = await b.resolve('string-width', {
        kind: 'require-call',
        resolveDir: args.resolveDir,
        pluginData: { real: true },
      });
      return { path: real.path };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, () => ({
      contents:
        "let loaded;\nexport default function stringWidth(text, options) {\n  loaded ??= require('string-width-now').default;\n  return loaded(text, options);\n}\n",
      resolveDir: process.cwd(),
      loader: 'js',
    }));
  },
};

await build({
  plugins: [lazyStringWidth],
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
