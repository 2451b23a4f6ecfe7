/**
 * Turning file text into plain data while keeping where everything came from, so that
 * every later problem can be reported at file:line:column. Pure: text in, data out.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { Diagnostic, Severity } from './diagnostics.js';

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Resolves a data path (e.g. ['nodes', 'gate', 'choices', 0, 'goto']) to a position. */
export type Locator = (path: Path, part?: 'key' | 'value') => Position;

export interface ParsedYaml {
  /** undefined when the text could not be turned into data at all */
  readonly data: unknown;
  readonly diagnostics: readonly Diagnostic[];
  readonly locate: Locator;
}

/** Aliases may legitimately repeat a block a few times; more than this is an alias bomb. */
const MAX_ALIAS_COUNT = 100;

export function parseYaml(rawText: string, file: string): ParsedYaml {
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  const lineCounter = new LineCounter();
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const diag = (severity: Severity, code: string, pos: Position, message: string): Diagnostic => ({
    file, line: pos.line, column: pos.column, severity, code, message,
  });
  const startOfFile: Locator = () => ({ line: 1, column: 1 });

  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    lineCounter.addNewLine(0);
    const before = text.slice(0, nul);
    const line = before.split('\n').length;
    const column = nul - before.lastIndexOf('\n');
    return {
      data: undefined,
      locate: startOfFile,
      diagnostics: [diag('error', 'binary-file', { line, column }, 'this is not a text file (it contains a NUL byte); a scenario must be UTF-8 YAML text')],
    };
  }
  if (text.trim() === '') {
    return {
      data: undefined,
      locate: startOfFile,
      diagnostics: [diag('error', 'empty-file', { line: 1, column: 1 }, 'the file is empty; a scenario needs at least id, title, cast, start and nodes (run `roleplay new <id>` for a starter)')],
    };
  }

  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const locate = makeLocator(doc, at);
  const diagnostics: Diagnostic[] = [];
  // After the first syntax error the parser's later complaints are mostly echoes of it;
  // duplicate keys are independent, so all of those are kept.
  const firstSyntax = doc.errors.find((e) => e.code !== 'DUPLICATE_KEY');
  const errors = doc.errors.filter((e) => e.code === 'DUPLICATE_KEY' || e === firstSyntax);
  for (const e of errors) diagnostics.push(diag('error', `yaml-${e.code.toLowerCase().replace(/_/g, '-')}`, at(e.pos[0]), yamlMessage(e.code, e.message, text, e.pos)));
  for (const w of doc.warnings) diagnostics.push(diag('warning', `yaml-${w.code.toLowerCase().replace(/_/g, '-')}`, at(w.pos[0]), yamlMessage(w.code, w.message, text, w.pos)));
  if (doc.errors.length > 0) return { data: undefined, diagnostics, locate };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof ReferenceError && /alias/i.test(error.message)
      ? `too many alias references (more than ${MAX_ALIAS_COUNT}); this looks like an alias bomb — write the text out instead of using &anchors and *aliases`
      : `the YAML could not be read: ${firstLine(String((error as Error)?.message ?? error))}`;
    diagnostics.push(diag('error', 'yaml-alias-count', { line: 1, column: 1 }, message));
    return { data: undefined, diagnostics, locate };
  }
  return { data, diagnostics, locate };
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

function yamlMessage(code: string, message: string, text: string, pos: [number, number]): string {
  switch (code) {
    case 'DUPLICATE_KEY': {
      const key = keyAt(text, pos[0]);
      return `duplicate key '${key}': a key may appear only once in the same map; rename or remove one of them`;
    }
    case 'TAB_AS_INDENT':
      return 'a tab is used for indentation; YAML indents with spaces only (replace the tab with spaces)';
    case 'BAD_INDENT':
      return `the indentation is off here; line this up with its siblings using spaces (${firstLine(message)})`;
    case 'MULTIPLE_DOCS':
      return 'this file holds more than one YAML document (a `---` line); put each scenario in its own file';
    default:
      return firstLine(message).replace(/\.$/, '');
  }
}

function keyAt(text: string, offset: number): string {
  const m = /^[^:\n]*/.exec(text.slice(offset, offset + 200));
  return (m?.[0] ?? '').trim().replace(/^["']|["']$/g, '');
}

function makeLocator(doc: Document, at: (offset: number) => Position): Locator {
  return (path, part = 'value') => {
    let node: unknown = doc.contents;
    let lastKey: YamlNode | undefined;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) return startOf(lastKey ?? node);
        const isLast = i === path.length - 1;
        if (isLast && part === 'key') return startOf(pair.key as YamlNode);
        lastKey = pair.key as YamlNode;
        node = pair.value ?? pair.key;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (item === undefined) return startOf(lastKey ?? node);
        lastKey = item as YamlNode;
        node = item;
      } else {
        return startOf(lastKey ?? node);
      }
    }
    return startOf(node);
  };

  function startOf(node: unknown): Position {
    const range = (node as YamlNode | undefined)?.range;
    return range ? at(range[0]) : { line: 1, column: 1 };
  }
}
