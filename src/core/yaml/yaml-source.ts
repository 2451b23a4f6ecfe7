/**
 * Turning file text into plain data while keeping where everything came from, so that
 * every later problem can be reported at file:line:column. Pure: text in, data out.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, visit, type Document, type Node as YamlNode } from 'yaml';
import { tidyMessage, type Diagnostic, type Severity } from '../format/diagnostics.js';
import { slipNear, type Slip } from './yaml-slips.js';
import { plainYaml } from './yaml-plain.js';
import { yamlCode, yamlMessages as M, type Message } from '../format/messages.js';
import { MAX_NESTING, parseDocumentBounded, tooDeepMessage } from './yaml-depth.js';
import type { Lang } from '../text.js';
import type { Path } from './yaml-path.js';

export type { Path, PathSegment } from './yaml-path.js';

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

const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false, strict: true } as const;

/** Aliases may legitimately repeat a block a few times; more than this is an alias bomb. */
const MAX_ALIAS_COUNT = 100;

/** `lang`: the language of the messages (the trainer's). */
export function parseYaml(rawText: string, file: string, lang: Lang = 'en'): ParsedYaml {
  // A lone CR ends a line in YAML (old Mac files); the checks below count LFs. One for one keeps offsets.
  const text = (rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText).replace(/\r(?!\n)/g, '\n');
  const lineCounter = new LineCounter();
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const diag = (severity: Severity, pos: Position, m: Message): Diagnostic => ({
    file,
    line: pos.line,
    column: pos.column,
    severity,
    code: m.code,
    message: tidyMessage(m.text[lang]),
  });
  const refused = refuseBeforeParsing(text, diag);
  if (refused) return refused;

  // The fast way (yaml-plain.ts) for files of plain maps, lists and scalars; the full way below
  // for the rest and for every file yaml would complain about.
  const plain = plainYaml(text, lineCounter);
  if (plain) {
    const locate: Locator = (path, part) => at(plain.locate(path, part));
    const duplicates = plain.duplicates.map((o) => diag('error', at(o), M.duplicateKey(keyAt(text, o))));
    if (duplicates.length > 0) return { data: undefined, diagnostics: duplicates, locate };
    return { data: plain.data, diagnostics: [], locate };
  }

  // yaml's own duplicate-key check compares every key with every other key of its map, which
  // is quadratic in the size of `nodes:`; the conversion below does the same check linearly.
  const bounded = parseDocumentBounded(text, { ...PARSE_OPTIONS, lineCounter });
  if (bounded.tooDeep !== undefined)
    return {
      data: undefined,
      locate: () => ({ line: 1, column: 1 }),
      diagnostics: [diag('error', at(bounded.tooDeep), tooDeepMessage(MAX_NESTING))],
    };
  const doc = bounded.doc;
  const locate = makeLocator(doc, at);
  const fast = doc.errors.length === 0 ? plainData(doc) : undefined;
  const diagnostics: Diagnostic[] = [];
  for (const offset of fast?.duplicates ?? duplicateKeys(doc))
    diagnostics.push(diag('error', at(offset), M.duplicateKey(keyAt(text, offset))));
  // After the first syntax error the parser's later complaints are mostly echoes of it;
  // duplicate keys are independent, so all of those are kept.
  for (const e of doc.errors.slice(0, 1)) diagnostics.push(syntaxError(text, doc, e, at, diag));
  for (const w of doc.warnings)
    diagnostics.push(diag('warning', at(w.pos[0]), yamlMessage(w.code, w.message, text, w.pos)));
  if (doc.errors.length > 0 || diagnostics.some((d) => d.severity === 'error'))
    return { data: undefined, diagnostics, locate };
  if (doc.contents === null) {
    return {
      data: undefined,
      locate: () => ({ line: 1, column: 1 }),
      diagnostics: [...diagnostics, diag('error', { line: 1, column: 1 }, M.emptyFile())],
    };
  }
  if (fast?.data !== undefined) return { data: fast.data, diagnostics, locate };
  return withAliases(doc, at, diag, diagnostics, locate);
}

type Diag = (severity: Severity, pos: Position, m: Message) => Diagnostic;

/** The parser's first complaint, worded and placed for the trainer. */
function syntaxError(
  text: string,
  doc: Document,
  e: Document['errors'][number],
  at: (offset: number) => Position,
  diag: Diag,
): Diagnostic {
  // The parser notices an unclosed quote or bracket only where the file ends or the
  // indentation breaks; the trainer needs to see where it was opened.
  const opener = unclosedOpener(doc, e.code, e.message, e.pos[0]);
  if (opener) return diag('error', at(opener.offset), opener.message);
  const slip = slipAt(text, e.pos[0]);
  if (slip) return diag('error', at(slip.offset), M.slip(slip));
  const deeper = overIndentedLine(text, e.message, e.pos[0]);
  // "nested mappings" with no deeper line below: `key: text: more` on one line
  if (deeper === undefined && NESTED_MAPPINGS.test(e.message))
    return diag('error', at(e.pos[0]), M.colonInValue(yamlCode(e.code)));
  return diag('error', at(deeper ?? e.pos[0]), yamlMessage(e.code, e.message, text, e.pos));
}

/** Files refused before the parser sees them: binary (a NUL byte) or empty. */
function refuseBeforeParsing(text: string, diag: Diag): ParsedYaml | undefined {
  const startOfFile: Locator = () => ({ line: 1, column: 1 });
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const before = text.slice(0, nul);
    const line = before.split('\n').length;
    const column = nul - before.lastIndexOf('\n');
    return { data: undefined, locate: startOfFile, diagnostics: [diag('error', { line, column }, M.binaryFile())] };
  }
  if (text.trim() === '')
    return {
      data: undefined,
      locate: startOfFile,
      diagnostics: [diag('error', { line: 1, column: 1 }, M.emptyFile())],
    };
  return undefined;
}

/**
 * The data of a document that uses aliases, anchors, tags or collections as keys: the slow
 * way, with yaml's own conversion and a check for each of those first.
 */
function withAliases(
  doc: Document,
  at: (offset: number) => Position,
  diag: Diag,
  diagnostics: Diagnostic[],
  locate: Locator,
): ParsedYaml {
  // An alias inside the block it names (`tags: &a [*a, *a]`) is a loop: yaml's alias
  // counting walks it in time that explodes with the number of aliases (found by fuzzing:
  // 160 of them took over 20 s), so it is refused before toJS.
  const loop = selfAlias(doc);
  if (loop) {
    diagnostics.push(diag('error', at(loop.offset), M.aliasLoop(loop.name)));
    return { data: undefined, diagnostics, locate };
  }
  // A list or map used as a key (`? [a]`) has no place in a scenario, and yaml would turn it
  // into text with a Node warning on the terminal; refuse it where it stands.
  const complexKey = complexKeyAt(doc);
  if (complexKey !== undefined) {
    diagnostics.push(diag('error', at(complexKey), M.complexKey()));
    return { data: undefined, diagnostics, locate };
  }
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), diagnostics, locate };
  } catch (error) {
    const message =
      error instanceof ReferenceError && /alias/i.test(error.message)
        ? M.tooManyAliases(MAX_ALIAS_COUNT)
        : M.unreadable(firstLine(String((error as Error)?.message ?? error)));
    diagnostics.push(diag('error', firstAlias(doc, at), message));
    return { data: undefined, diagnostics, locate };
  }
}

function complexKeyAt(doc: Document): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isMap(pair.key) || isSeq(pair.key)) {
        found = (pair.key as YamlNode).range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** Thrown inside plainData when the document needs the slow way. */
const NOT_PLAIN = Symbol('not plain');

/**
 * The document as plain data, in one pass that also finds repeated keys: what toJS gives,
 * for documents of maps, lists and untagged scalars only. Undefined data (with no
 * duplicates found) when the document uses aliases, anchors, tags or collections as keys:
 * those take the slow way (withAliases).
 */
function plainData(doc: Document): { data: unknown; duplicates: number[] } | undefined {
  const duplicates: number[] = [];
  const convert = (node: unknown): unknown => {
    if (node === null || node === undefined) return null;
    if (isScalar(node)) {
      if (node.tag || node.anchor) throw NOT_PLAIN;
      const v = node.value;
      return typeof v === 'bigint' ? Number(v) : v;
    }
    if (isMap(node)) {
      if (node.tag || node.anchor) throw NOT_PLAIN;
      const out: Record<string, unknown> = {};
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = pair.key;
        if (!isScalar(key) || key.tag || key.anchor) throw NOT_PLAIN;
        const k = key.value;
        const same = `${typeof k}\u0000${String(k)}`;
        if (seen.has(same)) {
          if (key.range) duplicates.push(key.range[0]);
        } else seen.add(same);
        const name = k === null ? '' : typeof k === 'object' ? JSON.stringify(k) : String(k);
        const value = convert(pair.value);
        // as yaml does: a key Object.prototype already has (`__proto__`) becomes an own property
        if (name in out)
          Object.defineProperty(out, name, { value, writable: true, enumerable: true, configurable: true });
        else out[name] = value;
      }
      return out;
    }
    if (isSeq(node)) {
      if (node.tag || node.anchor) throw NOT_PLAIN;
      return node.items.map(convert);
    }
    throw NOT_PLAIN; // an alias, or a pair in a list
  };
  try {
    const data = convert(doc.contents);
    return { data, duplicates: duplicates.sort((a, b) => a - b) };
  } catch (e) {
    if (e === NOT_PLAIN) return undefined;
    throw e;
  }
}

/** Slips are tried on the text up to the complaint's line, at most this long (a reparse each). */
const SLIP_TEXT_LIMIT = 512 * 1024;

/**
 * A typing slip near the parser's complaint at `offset` (Chinese input's '：', `key:value`,
 * text after a closing quote, a missing or extra `- `, text that starts with a YAML mark) that
 * is its cause: the text up to the line after the complaint's, with the slip mended, reads
 * with no complaint.
 */
function slipAt(text: string, offset: number): Slip | undefined {
  // the complaint's line and the next (a mend must not break what follows: `text: | hi` is no
  // text to quote when its block goes on below)
  const lineEnd = text.indexOf('\n', offset);
  const nextEnd = lineEnd < 0 ? -1 : text.indexOf('\n', lineEnd + 1);
  const upTo = lineEnd < 0 ? text.length : nextEnd < 0 ? text.length : nextEnd + 1;
  if (upTo > SLIP_TEXT_LIMIT) return undefined;
  return slipNear(text.slice(0, upTo), offset, (mended) => {
    const doc = parseDocumentBounded(mended, PARSE_OPTIONS).doc;
    return doc !== undefined && doc.errors.length === 0;
  });
}

/** yaml's complaint about a second `key:` where a value was complete (on its line or below it). */
const NESTED_MAPPINGS = /^Nested mappings are not allowed in compact mappings/;

/**
 * A line indented deeper than the key before it (`speaker: narrator` then ` text:` one space
 * further in) is a slip the parser reports at the earlier line's value, which is not where
 * the trainer has to look: the first line below it that is indented more is.
 */
function overIndentedLine(text: string, message: string, offset: number): number | undefined {
  if (!NESTED_MAPPINGS.test(message)) return undefined;
  const indentAt = (start: number) => {
    let i = start;
    while (text[i] === ' ') i++;
    return i - start;
  };
  const base = indentAt(text.lastIndexOf('\n', offset - 1) + 1);
  for (let start = text.indexOf('\n', offset) + 1; start > 0; start = text.indexOf('\n', start) + 1) {
    const indent = indentAt(start);
    const first = text[start + indent];
    // blank lines stand between (a comment line there makes the parser report another problem)
    if (first === undefined || first === '\n' || first === '\r') continue;
    return indent > base ? start + indent : undefined;
  }
  return undefined;
}

/** Where an unclosed quoted text or [ ] / { } collection that the parser gave up on begins. */
function unclosedOpener(
  doc: Document,
  code: string,
  message: string,
  pos: number,
): { offset: number; message: Message } | undefined {
  const quote =
    code === 'MISSING_CHAR' && /closing "quote/.test(message)
      ? 'QUOTE_DOUBLE'
      : code === 'MISSING_CHAR' && /closing 'quote/.test(message)
        ? 'QUOTE_SINGLE'
        : undefined;
  const bracket = /Flow sequence .* end with a \]/.test(message)
    ? ']'
    : /Flow map .* end with a \}/.test(message)
      ? '}'
      : undefined;
  if (!quote && !bracket) return undefined;
  let found: number | undefined;
  visit(doc, {
    Scalar(_, node) {
      if (quote && node.type === quote && node.range && node.range[0] < pos && found === undefined)
        found = node.range[0];
    },
    Seq(_, node) {
      if (bracket === ']' && node.flow && node.range && node.range[0] < pos) found = node.range[0];
    },
    Map(_, node) {
      if (bracket === '}' && node.flow && node.range && node.range[0] < pos) found = node.range[0];
    },
  });
  if (found === undefined) return undefined;
  const mark = quote === 'QUOTE_DOUBLE' ? '"' : quote === 'QUOTE_SINGLE' ? "'" : bracket === ']' ? '[' : '{';
  const close = quote === 'QUOTE_DOUBLE' ? '"' : quote === 'QUOTE_SINGLE' ? "'" : bracket!;
  // A bracket reported here may be missing its closer or be closed on a line indented too little.
  const ours = yamlCode(code);
  return quote
    ? { offset: found, message: M.unclosedQuote(ours, close) }
    : { offset: found, message: M.unclosedBracket(ours, mark, close) };
}

/** The first alias that sits inside the anchored block it refers to, if any. */
function selfAlias(doc: Document): { offset: number; name: string } | undefined {
  let found: { offset: number; name: string } | undefined;
  visit(doc, {
    Alias(_, node, path) {
      const target = node.resolve(doc);
      if (target && path.includes(target)) {
        found = { offset: node.range?.[0] ?? 0, name: node.source };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** The first *alias, where an alias bomb starts to multiply. */
function firstAlias(doc: Document, at: (offset: number) => Position): Position {
  let pos: Position = { line: 1, column: 1 };
  visit(doc, {
    Alias(_, node) {
      if (node.range) pos = at(node.range[0]);
      return visit.BREAK;
    },
  });
  return pos;
}

/** Offsets of every key that repeats an earlier key of the same map (as yaml's `uniqueKeys` compares them). */
export function duplicateKeys(doc: Document): number[] {
  const found: number[] = [];
  visit(doc, {
    Map(_, node) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const value = pair.key.value;
        const key = `${typeof value}\u0000${String(value)}`;
        if (seen.has(key)) {
          if (pair.key.range) found.push(pair.key.range[0]);
        } else seen.add(key);
      }
    },
  });
  return found.sort((a, b) => a - b);
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

function yamlMessage(code: string, message: string, text: string, pos: [number, number]): Message {
  if (code === 'DUPLICATE_KEY') return M.duplicateKey(keyAt(text, pos[0]));
  return M.parser(code, code === 'BAD_INDENT' ? firstLine(message) : firstLine(message).replace(/\.$/, ''));
}

function keyAt(text: string, offset: number): string {
  const m = /^[^:\n]*/.exec(text.slice(offset, offset + 200));
  return (m?.[0] ?? '').trim().replace(/^["']|["']$/g, '');
}

/** Positions by data path over yaml's Document (the full way; yaml-plain.ts mirrors it). */
export function makeLocator(doc: Document, at: (offset: number) => Position): Locator {
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
