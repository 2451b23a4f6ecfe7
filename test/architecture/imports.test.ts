/**
 * The layers of docs/architecture.md, enforced: every import in src/ (static, dynamic and
 * type-only) is read from the source, relative ones are followed to the file they name, and
 * the test fails on an import against the arrow (cli → ui, report → store → core; text is
 * usable by ui, report and cli) or on a circle of imports between files. A failure names the
 * file, the line and the import as written.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');

type Layer = 'core' | 'text' | 'store' | 'report' | 'ui' | 'cli';

/** Which layers each layer may import (besides itself). Keep in step with docs/architecture.md. */
const MAY_IMPORT: Readonly<Record<Layer, readonly Layer[]>> = {
  core: [],
  text: [],
  store: ['core'],
  report: ['store', 'core', 'text'],
  ui: ['core', 'text'],
  cli: ['ui', 'report', 'store', 'core', 'text'],
};

/** Packages the pure core must not use: terminal, files, processes, databases. */
const NOT_IN_CORE =
  /^(node:|ink($|\/)|ink-|react($|\/)|better-sqlite3|pg$|chokidar|commander|fs$|path$|os$|child_process$)/;

interface Import {
  readonly file: string;
  readonly line: number;
  /** the statement as written (first line), for the failure message */
  readonly text: string;
  readonly specifier: string;
  /** the file it names under src/, for relative imports */
  readonly target?: string;
}

/** The source with comments blanked out (newlines kept, so offsets still give line numbers). */
function withoutComments(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end + 2;
      out += source.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === "'" || c === '"' || c === '`') {
      // copy a string whole, so a // or /* inside it is not taken for a comment
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
      out += source.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const PATTERNS = [
  // import x from '…', import type { … } from '…', export { … } from '…', export * from '…'
  /\b(?:import|export)\b[^;'"`]*?\bfrom\s*(['"])([^'"]+)\1/g,
  // import '…' (for its effects)
  /\bimport\s*(['"])([^'"]+)\1/g,
  // import('…') and typeof import('…')
  /\bimport\s*\(\s*(['"])([^'"]+)\1\s*\)/g,
];

/** The file a relative specifier names: `.js` is the compiled name of a `.ts` or `.tsx` file. */
function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(js|jsx|ts|tsx)$/, '');
  for (const candidate of [`${stem}.ts`, `${stem}.tsx`, join(base, 'index.ts'), base]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return base;
}

function importsOf(file: string, source: string): Import[] {
  const code = withoutComments(source);
  const found = new Map<number, Import>();
  for (const pattern of PATTERNS) {
    for (const m of code.matchAll(pattern)) {
      const at = m.index + m[0].indexOf(m[2]!) - 1;
      if (found.has(at)) continue;
      const line = code.slice(0, m.index).split('\n').length;
      const target = resolveImport(file, m[2]!);
      found.set(at, {
        file,
        line,
        text: source.split('\n')[line - 1]!.trim(),
        specifier: m[2]!,
        ...(target ? { target } : {}),
      });
    }
  }
  return [...found.values()].sort((a, b) => a.line - b.line);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const rel = (file: string) => relative(ROOT, file);

function layerOf(file: string): Layer | undefined {
  const top = relative(SRC, file).split(/[\\/]/)[0];
  return top && top in MAY_IMPORT ? (top as Layer) : undefined;
}

const where = (i: Import) => `${rel(i.file)}:${i.line}: ${i.text}`;

/** Imports against the arrow, one line each. */
function layerViolations(imports: readonly Import[]): string[] {
  const out: string[] = [];
  for (const i of imports) {
    const from = layerOf(i.file);
    if (!from) {
      out.push(`${where(i)}  (${rel(i.file)} is in no layer: put it in one of ${Object.keys(MAY_IMPORT).join(', ')})`);
      continue;
    }
    if (i.target === undefined) {
      if (from === 'core' && NOT_IN_CORE.test(i.specifier))
        out.push(`${where(i)}  (core is pure: no terminal, files, processes or databases)`);
      continue;
    }
    const to = layerOf(i.target);
    if (!i.target.startsWith(`${SRC}/`) || !to) {
      out.push(`${where(i)}  (imports ${rel(i.target)}, outside the layers of src/)`);
      continue;
    }
    if (to !== from && !MAY_IMPORT[from].includes(to))
      out.push(
        `${where(i)}  (${from} may import ${MAY_IMPORT[from].join(', ') || 'nothing outside itself'}; not ${to})`,
      );
  }
  return out;
}

/** Every circle of imports between files (each once), as the chain of imports that closes it. */
function circles(imports: readonly Import[]): string[] {
  const edges = new Map<string, Import[]>();
  for (const i of imports) if (i.target) edges.set(i.file, [...(edges.get(i.file) ?? []), i]);
  // Tarjan's strongly connected components: a component of more than one file (or a file
  // that imports itself) is a circle; name it by one cycle through it.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const e of edges.get(v) ?? []) {
      const w = e.target!;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      const selfLoop = (edges.get(v) ?? []).some((e) => e.target === v);
      if (group.length > 1 || selfLoop) groups.push(group);
    }
  };
  for (const file of edges.keys()) if (!index.has(file)) visit(file);
  return groups.map((group) => {
    const members = new Set(group);
    const start = [...group].sort()[0]!;
    // walk inside the group back to the start: breadth-first, so the chain shown is a short one
    const via = new Map<string, Import>();
    const queue = [start];
    let closing: Import | undefined;
    while (queue.length && !closing) {
      const v = queue.shift()!;
      for (const e of edges.get(v) ?? []) {
        if (!members.has(e.target!)) continue;
        if (e.target === start) {
          closing = e;
          break;
        }
        if (!via.has(e.target!)) {
          via.set(e.target!, e);
          queue.push(e.target!);
        }
      }
    }
    const chain: Import[] = [closing!];
    for (let f = closing!.file; f !== start; f = via.get(f)!.file) chain.unshift(via.get(f)!);
    return `a circle of ${group.length} file(s) (${group.map(rel).sort().join(', ')}), for example:\n${chain.map((i) => `    ${where(i)}`).join('\n')}`;
  });
}

const all = sourceFiles(SRC).flatMap((file) => importsOf(file, readFileSync(file, 'utf8')));

describe('the import graph of src/', () => {
  it('reads every import: static, type-only, re-exports and dynamic', () => {
    const sample = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      'import {\n  c,\n  type D,\n} from "./c.js";',
      "export * from './e.js';",
      "export { f } from './f.js';",
      "import './g.js';",
      "const h = await import('./h.js');",
      "type I = typeof import('./i.js');",
      "// import { no } from './comment.js';",
      "/* import { no } from './block.js'; */",
      "const s = 'http://example.com/x'; import { j } from './j.js';",
    ].join('\n');
    expect(importsOf(join(SRC, 'core', 'x.ts'), sample).map((i) => [i.specifier, i.line])).toEqual([
      ['./a.js', 1],
      ['../b.js', 2],
      ['./c.js', 3],
      ['./e.js', 7],
      ['./f.js', 8],
      ['./g.js', 9],
      ['./h.js', 10],
      ['./i.js', 11],
      ['./j.js', 14],
    ]);
  });

  it('resolves .js to the .ts or .tsx file it is compiled from', () => {
    expect(rel(resolveImport(join(SRC, 'ui', 'run-app.tsx'), './components/app.js')!)).toBe(
      join('src', 'ui', 'components', 'app.tsx'),
    );
    expect(rel(resolveImport(join(SRC, 'ui', 'run-app.tsx'), '../core/index.js')!)).toBe(
      join('src', 'core', 'index.ts'),
    );
  });

  it('catches an import against the arrow and a circle, naming the file and the line', () => {
    const store = join(SRC, 'store', 'x.ts');
    const ui = join(SRC, 'ui', 'y.ts');
    const bad = [
      ...importsOf(store, "import type { Recorder } from '../ui/y.js';"),
      ...importsOf(ui, "\nimport { x } from '../store/x.js';"),
    ].map((i) => ({ ...i, target: i.specifier.includes('ui') ? ui : store }));
    expect(layerViolations(bad)).toEqual([
      "src/store/x.ts:1: import type { Recorder } from '../ui/y.js';  (store may import core; not ui)",
      "src/ui/y.ts:2: import { x } from '../store/x.js';  (ui may import core, text; not store)",
    ]);
    expect(circles(bad)).toHaveLength(1);
    expect(circles(bad)[0]).toContain("src/store/x.ts:1: import type { Recorder } from '../ui/y.js';");
    expect(circles(bad)[0]).toContain("src/ui/y.ts:2: import { x } from '../store/x.js';");
  });

  it('finds imports in every layer', () => {
    for (const layer of Object.keys(MAY_IMPORT))
      expect(
        all.some((i) => layerOf(i.file) === layer),
        layer,
      ).toBe(true);
  });

  it('has no import against the arrow', () => {
    expect(layerViolations(all).join('\n')).toBe('');
  });

  it('has no circle of imports between files', () => {
    expect(circles(all).join('\n')).toBe('');
  });
});
