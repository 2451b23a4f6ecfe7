/**
 * The benchmark scripts are plain JavaScript that import the built program from dist/; no
 * type checker sees them, so a renamed or moved export would only show when someone runs
 * `npm run bench`. This reads every such import and checks the module and the names exist.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BENCH = join(ROOT, 'bench');

/** { names, module path under dist/ } for `import { a, b } from '../dist/x.js'` and `const { a } = await import(dist('x'))` forms. */
function distImports(source: string): { names: string[]; module: string }[] {
  const found: { names: string[]; module: string }[] = [];
  const forms = [
    /import\s*\{([^}]*)\}\s*from\s*'\.\.\/dist\/([^']+)'/g,
    /const\s*\{([^}]*)\}\s*=\s*await import\('\.\.\/dist\/([^']+)'\)/g,
    /const\s*\{([^}]*)\}\s*=\s*await import\(dist\('([^']+)'\)\)/g,
    /const\s*\{([^}]*)\}\s*=\s*await import\(join\(ROOT, 'dist', ([^)]+)\)\)/g,
  ];
  for (const form of forms) {
    for (const m of source.matchAll(form)) {
      const module = m[2]!.includes("'")
        ? m[2]!
            .split(',')
            .map((p) => p.trim().replace(/'/g, ''))
            .join('/')
        : m[2]!;
      const names = m[1]!
        .split(',')
        .map((n) =>
          n
            .trim()
            .split(/\s+as\s+|:\s*/)[0]!
            .trim(),
        )
        .filter(Boolean);
      found.push({ names, module });
    }
  }
  return found;
}

describe('benchmark scripts', () => {
  const scripts = readdirSync(BENCH).filter((f) => f.endsWith('.mjs'));
  it('find their imports (the check reads something)', () => {
    expect(scripts.flatMap((f) => distImports(readFileSync(join(BENCH, f), 'utf8'))).length).toBeGreaterThan(10);
  });
  it.each(scripts)('%s imports only what dist/ exports', async (file) => {
    for (const { names, module } of distImports(readFileSync(join(BENCH, file), 'utf8'))) {
      const exported = (await import(pathToFileURL(join(ROOT, 'dist', module)).href)) as Record<string, unknown>;
      for (const name of names) expect(exported[name], `${file}: ${name} from dist/${module}`).toBeDefined();
    }
  });
});
