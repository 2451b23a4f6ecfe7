/**
 * The fast way from YAML text to plain data: yaml's own lexer cuts the text into tokens, and
 * this module builds the data from them directly, with the positions kept aside. yaml's
 * parser would first build a syntax tree of objects for every space, newline and indicator
 * (two thirds of the time lint spends in yaml, and most of its garbage), and its composer a
 * Document of nodes on top of that.
 *
 * It reads the YAML scenario files use: block maps and lists (a list may sit at its key's
 * own indentation, a map or list may start on a `- ` line), one-line flow maps and lists,
 * plain and quoted scalars (over several lines too, as yaml writes long text), comments, and
 * a leading `---`. Anything else (anchors, aliases, tags, block scalars, explicit `?` keys,
 * directives, several documents, tabs in indentation, nesting deeper than yaml-depth.ts
 * allows) and everything yaml would report as an error or a warning makes it give up
 * (`undefined`): the caller then takes the full way through parseDocument, which reports
 * those problems as before. test/core/yaml-plain.test.ts checks that both ways give the same data and
 * positions on every YAML file of the project and on thousands of damaged ones.
 */
import { CST, Lexer, type LineCounter } from 'yaml';
import { MAX_NESTING } from './yaml-depth.js';
import type { Path } from './yaml-path.js';

/** Thrown to give up; caught by plainYaml. */
const GIVE_UP = Symbol('give up');
const giveUp = (): never => {
  throw GIVE_UP;
};

export interface PlainYaml {
  readonly data: unknown;
  /** offsets of keys that repeat an earlier key of the same map */
  readonly duplicates: readonly number[];
  /** the offset a data path points to (its key's, with part 'key'), as yaml-source's Locator resolves it */
  readonly locate: (path: Path, part?: 'key' | 'value') => number;
}

/** Where each collection's entries are: map entries as (key, key offset, value offset), list entries as value offsets. */
interface Where {
  /** String(key value), as yaml-source's Locator compares keys (a null key is 'null' here, '' in the data) */
  readonly keys?: string[];
  /** each entry's value as composed (a repeated key's first value, which the data no longer holds) */
  readonly values: unknown[];
  readonly keyAt?: number[];
  readonly valueAt: number[];
}

interface Built {
  readonly value: unknown;
  /** where yaml says the node starts (range[0]) */
  readonly start: number;
}

export function plainYaml(text: string, lineCounter: LineCounter): PlainYaml | undefined {
  const where = new WeakMap<object, Where>();
  const duplicates: number[] = [];
  let root: Built;
  try {
    root = new Compose(new Reader(text), where, duplicates).document();
  } catch (e) {
    if (e === GIVE_UP || e instanceof RangeError) return undefined;
    throw e;
  }
  // the line starts yaml's parser would have counted (only when the fast way took the text:
  // otherwise the full way counts them)
  lineCounter.addNewLine(0);
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) lineCounter.addNewLine(nl + 1);
  return { data: root.value, duplicates: duplicates.sort((a, b) => a - b), locate: locator(root, where) };
}

// The tokens the lexer gives, by kind; every other token makes the reader give up. (Typed as
// numbers, not literals: the reader's kind changes under TypeScript's narrowing at each advance.)
type Kind = number;
const END: Kind = 0;
const PLAIN: Kind = 1;
const QUOTED: Kind = 2;
const SPACE: Kind = 3;
const NEWLINE: Kind = 4;
const COMMENT: Kind = 5;
const DASH: Kind = 6;
const COLON: Kind = 7;
const COMMA: Kind = 8;
const SEQ_OPEN: Kind = 9;
const SEQ_CLOSE: Kind = 10;
const MAP_OPEN: Kind = 11;
const MAP_CLOSE: Kind = 12;
const DOC_START: Kind = 13;

const INDICATORS: ReadonlyMap<string, Kind> = new Map([
  ['-', DASH],
  [':', COLON],
  [',', COMMA],
  ['[', SEQ_OPEN],
  [']', SEQ_CLOSE],
  ['{', MAP_OPEN],
  ['}', MAP_CLOSE],
  ['---', DOC_START],
]);

/** yaml's lexer, one token at a time, with the token's kind and offset and the start of its line. */
class Reader {
  kind: Kind = END;
  src = '';
  /** the current token's offset */
  at = 0;
  lineStart = 0;
  private end = 0;
  private documents = 0;
  private readonly tokens: Generator<string>;

  constructor(text: string) {
    this.tokens = new Lexer().lex(text);
    this.advance();
  }

  get column(): number {
    return this.at - this.lineStart;
  }

  advance(): void {
    if (this.kind === NEWLINE) this.lineStart = this.end;
    this.at = this.end;
    for (;;) {
      const next = this.tokens.next();
      if (next.done) {
        this.kind = END;
        this.src = '';
        return;
      }
      const s = next.value;
      if (s === '\u0002') {
        // the lexer's mark of a document's start: a second document is left to yaml
        if (this.documents++ > 0) giveUp();
        continue;
      }
      if (s === '\u001f') {
        // the lexer's mark before a plain scalar's text
        const scalar = this.tokens.next();
        if (scalar.done) giveUp();
        this.set(PLAIN, scalar.value as string);
        return;
      }
      this.set(kindOf(s), s);
      return;
    }
  }

  private set(kind: Kind, src: string) {
    this.kind = kind;
    this.src = src;
    this.end = this.at + src.length;
  }
}

function kindOf(s: string): Kind {
  const indicator = INDICATORS.get(s);
  if (indicator !== undefined) return indicator;
  const c = s[0];
  if (c === ' ' || c === '\t') return SPACE;
  if (c === '\n' || c === '\r') return NEWLINE;
  if (c === '#') return COMMENT;
  if (c === '"' || c === "'") return QUOTED;
  return giveUp(); // anchors, aliases, tags, block scalar headers, `?`, `...`, directives, an unclosed flow
}

/**
 * Builds the data from the reader's tokens. Block structure follows the columns: `col` is the
 * column of the first token on the reader's current line once a line is done (-1 at the end
 * of the text), and each map or list reads lines at its own column and leaves at a smaller one.
 */
class Compose {
  /** the column of the current line's first token, -1 at the end */
  private col = 0;
  /** lists and maps open around the token being read */
  private depth = 0;
  /** whether the last scalar read ran over several lines */
  private lines = false;

  constructor(
    private readonly r: Reader,
    private readonly where: WeakMap<object, Where>,
    private readonly duplicates: number[],
  ) {}

  document(): Built {
    const r = this.r;
    this.col = this.nextLine();
    if (r.kind === DOC_START && this.col === 0) {
      r.advance();
      this.col = this.lineEnd(false);
    }
    // a map, a list or a scalar at the left margin; an empty document and the rest are yaml's
    if (this.col !== 0 || (r.kind !== DASH && r.kind !== PLAIN && r.kind !== QUOTED)) giveUp();
    const root = this.block(0);
    if (this.col !== -1) giveUp();
    return root;
  }

  /** Skips blank and comment lines from the start of a line; returns the column of the next token there (-1 at the end). */
  private nextLine(): number {
    const r = this.r;
    for (;;) {
      if (r.kind === SPACE) {
        // a tab in indentation (yaml refuses it before content, and sometimes on a blank line)
        if (r.src.includes('\t')) giveUp();
        r.advance();
      }
      if (r.kind === COMMENT) r.advance();
      if (r.kind === NEWLINE) {
        r.advance();
        continue;
      }
      if (r.kind === END) return -1;
      return r.column;
    }
  }

  /** The rest of a line after a value: white space, a comment after white space, the line's end. Returns nextLine(). */
  private lineEnd(spaced: boolean): number {
    const r = this.r;
    if (r.kind === SPACE) {
      spaced = true;
      r.advance();
    }
    if (r.kind === COMMENT) {
      if (!spaced) giveUp();
      r.advance();
    }
    if (r.kind === END) return -1;
    if (r.kind !== NEWLINE) giveUp();
    r.advance();
    return this.nextLine();
  }

  /** A node whose first token is the reader's, at column `col`: a list, a map, or a value alone on its line. */
  private block(col: number): Built {
    const r = this.r;
    if (r.kind === DASH) return this.nested(() => this.seq(col));
    if (r.kind === SEQ_OPEN || r.kind === MAP_OPEN) {
      const value = this.flow();
      this.col = this.lineEnd(false);
      return value;
    }
    const first = this.scalar();
    const lines = this.lines;
    const spaced = this.skipSpace();
    if (r.kind === COLON) {
      if (lines) giveUp(); // a key over several lines
      return this.nested(() => this.map(col, first));
    }
    this.col = this.lineEnd(spaced);
    return first;
  }

  private nested(read: () => Built): Built {
    if (++this.depth > MAX_NESTING) giveUp(); // the full way refuses it, with its message
    const built = read();
    this.depth--;
    return built;
  }

  /** A block map at column `col`; the reader is at the `:` after its first key. */
  private map(col: number, firstKey: Built): Built {
    const r = this.r;
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    const w: Where = { keys: [], keyAt: [], valueAt: [], values: [] };
    for (let key = firstKey; ; ) {
      if (r.at - key.start > 1024) giveUp(); // yaml: an implicit key is at most 1024 characters
      const colonEnd = r.at + 1;
      r.advance();
      this.put(out, seen, w, key, this.mapValue(col, colonEnd));
      if (this.col !== col) break;
      key = this.key();
      this.skipSpace();
      if (r.kind !== COLON) giveUp();
    }
    if (this.col > col) giveUp(); // a line indented deeper than the map with nothing to belong to
    this.where.set(out, w);
    return { value: out, start: firstKey.start };
  }

  /** A map entry's value, after its `:`: on the key's line, or on the lines below, or empty. */
  private mapValue(col: number, colonEnd: number): Built {
    const r = this.r;
    const emptyAt = colonEnd + (r.kind === SPACE ? r.src.length : 0);
    const spaced = this.skipSpace();
    if (r.kind === COMMENT || r.kind === NEWLINE || r.kind === END) {
      this.col = this.lineEnd(spaced);
      // (a list may sit at its key's own column)
      if (this.col > col || (this.col === col && r.kind === DASH)) return this.block(this.col);
      return { value: null, start: emptyAt };
    }
    if (!spaced || r.kind === DASH) giveUp(); // `key:value` is a scalar to yaml; a list cannot start on a key's line
    const value = r.kind === SEQ_OPEN || r.kind === MAP_OPEN ? this.flow() : this.scalar();
    const after = this.skipSpace();
    if (r.kind === COLON) giveUp(); // a map on a key's line
    this.col = this.lineEnd(after);
    return value;
  }

  /** A block list at column `col`; the reader is at its first `-`. */
  private seq(col: number): Built {
    const r = this.r;
    const out: unknown[] = [];
    const w: Where = { valueAt: [], values: [] };
    const start = r.at;
    do {
      const dashEnd = r.at + 1;
      r.advance();
      const item = this.item(col, dashEnd);
      out.push(item.value);
      w.values.push(item.value);
      w.valueAt.push(item.start);
    } while (this.col === col && r.kind === DASH);
    // (a key at the list's own column ends a list that is that key's map's value)
    if (this.col > col) giveUp();
    this.where.set(out, w);
    return { value: out, start };
  }

  /** A list item after its `-`: a node on the dash's line (a map or a list may start there), on the lines below, or empty. */
  private item(col: number, dashEnd: number): Built {
    const r = this.r;
    if (r.kind === SPACE) {
      const space = r.src;
      r.advance();
      if (r.kind !== COMMENT && r.kind !== NEWLINE && r.kind !== END) {
        if (space.includes('\t')) giveUp();
        return this.block(r.column);
      }
      this.col = this.lineEnd(true);
      return this.col > col ? this.block(this.col) : { value: null, start: dashEnd + space.length };
    }
    if (r.kind !== NEWLINE && r.kind !== END) giveUp();
    this.col = this.lineEnd(false);
    return this.col > col ? this.block(this.col) : { value: null, start: dashEnd };
  }

  /** A flow list or map on one line (`[a, b]`, `{ a: 1 }`); the reader is at its bracket. */
  private flow(): Built {
    const r = this.r;
    if (++this.depth > MAX_NESTING) giveUp();
    const isMap = r.kind === MAP_OPEN;
    const close = isMap ? MAP_CLOSE : SEQ_CLOSE;
    const start = r.at;
    const out: Record<string, unknown> | unknown[] = isMap ? {} : [];
    const seen = new Set<string>();
    const w: Where = isMap ? { keys: [], keyAt: [], valueAt: [], values: [] } : { valueAt: [], values: [] };
    r.advance();
    this.skipFlowSpace();
    while (r.kind !== close) {
      if (isMap) this.flowPair(out as Record<string, unknown>, seen, w, close);
      else {
        const item = this.flowValue();
        (out as unknown[]).push(item.value);
        w.values.push(item.value);
        w.valueAt.push(item.start);
      }
      this.skipFlowSpace();
      if (r.kind === close) break;
      if (r.kind !== COMMA) giveUp(); // a pair in a list, a missing comma
      r.advance();
      this.skipFlowSpace(); // (a comma before the bracket is allowed)
    }
    r.advance();
    this.depth--;
    this.where.set(out, w);
    return { value: out, start };
  }

  /** `key`, `key: value` or `key:` in a flow map. */
  private flowPair(out: Record<string, unknown>, seen: Set<string>, w: Where, close: Kind) {
    const r = this.r;
    const key = this.key();
    this.skipFlowSpace();
    if (r.kind !== COLON) return this.put(out, seen, w, key, undefined);
    const colonEnd = r.at + 1;
    r.advance();
    const emptyAt = colonEnd + (r.kind === SPACE ? r.src.length : 0);
    this.skipFlowSpace();
    const empty = r.kind === COMMA || r.kind === close;
    this.put(out, seen, w, key, empty ? { value: null, start: emptyAt } : this.flowValue());
  }

  private flowValue(): Built {
    const r = this.r;
    return r.kind === SEQ_OPEN || r.kind === MAP_OPEN ? this.flow() : this.key();
  }

  /** White space inside brackets; a comment or a line break there is left to yaml. */
  private skipFlowSpace() {
    if (this.r.kind === SPACE) this.r.advance();
    if (this.r.kind === COMMENT || this.r.kind === NEWLINE) giveUp();
  }

  /** Skips white space on the line; whether there was some. */
  private skipSpace(): boolean {
    if (this.r.kind !== SPACE) return false;
    this.r.advance();
    return true;
  }

  /** A plain or quoted scalar, as the core schema reads it; `lines` says whether it ran over several lines. */
  private scalar(): Built {
    const r = this.r;
    const src = r.src;
    const start = r.at;
    if (r.kind !== PLAIN && r.kind !== QUOTED) giveUp();
    this.lines = src.includes('\n');
    const value = r.kind === PLAIN ? plain(src, start) : quoted(src, start);
    r.advance();
    return { value, start };
  }

  /** A key: a scalar on one line (yaml allows no other implicit key). */
  private key(): Built {
    const key = this.scalar();
    if (this.lines) giveUp();
    return key;
  }

  /** Sets key → value in a map under construction, noting a repeated key (as yaml compares them) and where it is. */
  private put(out: Record<string, unknown>, seen: Set<string>, w: Where, key: Built, value: Built | undefined) {
    const keyOffset = key.start;
    const name = keyName(key.value);
    const same = `${typeof key.value}\u0000${String(key.value)}`;
    if (seen.has(same)) this.duplicates.push(keyOffset);
    else seen.add(same);
    const v = value ? value.value : null;
    // as yaml does: a key Object.prototype already has (`__proto__`) becomes an own property
    if (name in out)
      Object.defineProperty(out, name, { value: v, writable: true, enumerable: true, configurable: true });
    else out[name] = v;
    w.keys!.push(String(key.value));
    w.values.push(v);
    w.keyAt!.push(keyOffset);
    // a key with no `:` in a flow map has no value node: yaml's locator then points at the key
    w.valueAt.push(value ? value.start : keyOffset);
  }
}

/** A plain scalar's value: its lines folded as yaml folds them, then read by the core schema. */
function plain(src: string, offset: number): unknown {
  const last = src[src.length - 1];
  if (src === '' || '\t,%|>@`'.includes(src[0]!) || last === ' ' || last === '\t') giveUp();
  if (!src.includes('\n')) return plainValue(src);
  const r = CST.resolveAsScalar({ type: 'scalar', offset, indent: 0, source: src }, true, giveUp);
  return r ? plainValue(r.value) : giveUp();
}

/** A quoted scalar's value; escapes, doubled quotes and line breaks as yaml resolves them. */
function quoted(src: string, offset: number): string {
  const quote = src[0]!;
  if (src.length < 2 || src[src.length - 1] !== quote) giveUp();
  if (quote === '"' ? !/[\\\n]/.test(src) : !/''|\n/.test(src)) return src.slice(1, -1);
  const type = quote === '"' ? 'double-quoted-scalar' : 'single-quoted-scalar';
  const r = CST.resolveAsScalar({ type, offset, indent: 0, source: src }, true, giveUp);
  return r ? r.value : giveUp();
}

// The core schema's plain scalars (yaml/dist/schema/core), tried in its order.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

function plainValue(s: string): unknown {
  // a letter that starts none of null, true, false (nor a number) makes a string: no pattern to try
  const c = s.charCodeAt(0);
  if (c > 0x7e || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a && !'nNtTfF'.includes(s[0]!))) return s;
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return s[0] === 't' || s[0] === 'T';
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}

/** A key as the data names it (yaml's stringifyKey for scalar keys), and the value yaml compares duplicates by. */
function keyName(v: unknown): string {
  return v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

const keyIndexes = new WeakMap<Where, Map<string, number>>();

/** The first entry with this key (a Map for long maps: `nodes:` may have thousands). */
function indexOfKey(w: Where, key: string): number {
  if (w.keys!.length < 32) return w.keys!.indexOf(key);
  let index = keyIndexes.get(w);
  if (!index) {
    index = new Map();
    for (let i = w.keys!.length - 1; i >= 0; i--) index.set(w.keys![i]!, i);
    keyIndexes.set(w, index);
  }
  return index.get(key) ?? -1;
}

/** Resolves a data path to an offset the way yaml-source's Locator does over a Document. */
function locator(root: Built, where: WeakMap<object, Where>) {
  return (path: Path, part: 'key' | 'value' = 'value'): number => {
    let node: unknown = root.value;
    let at = root.start;
    let lastKey: number | undefined;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      const w = node !== null && typeof node === 'object' ? where.get(node) : undefined;
      if (w?.keys) {
        const k = indexOfKey(w, String(seg));
        if (k < 0) return lastKey ?? at;
        if (i === path.length - 1 && part === 'key') return w.keyAt![k]!;
        lastKey = w.keyAt![k]!;
        node = w.values[k];
        at = w.valueAt[k]!;
      } else if (w && typeof seg === 'number') {
        if (seg >= w.valueAt.length) return lastKey ?? at;
        lastKey = w.valueAt[seg]!;
        node = w.values[seg];
        at = w.valueAt[seg]!;
      } else return lastKey ?? at;
    }
    return at;
  };
}
