/**
 * The fast way from YAML text to plain data: yaml's own parser builds the syntax tree (CST),
 * and this module turns it into data directly, with the positions kept aside, instead of
 * building yaml's Document of nodes first and converting that (a third of parseDocument's
 * time, and most of lint's garbage).
 *
 * It mirrors yaml's composer (compose/*.js of yaml 2) for the YAML scenario files use: block
 * and flow maps and lists, plain, quoted and block scalars, comments, and a leading `---`.
 * Anything else (anchors, aliases, tags, explicit `?` keys, directives, several documents,
 * nesting deeper than yaml-depth.ts allows)
 * and everything the composer would report as an error or a warning makes it give up
 * (`undefined`): the caller then takes the full way through parseDocument, which reports
 * those problems as before. test/core/yaml-plain.test.ts checks that both ways give the same
 * data and positions on every YAML file of the project and on mutated ones.
 */
import { CST, Parser, type LineCounter } from 'yaml';
import { MAX_NESTING } from './yaml-depth.js';
import type { Path } from './yaml-path.js';

type Token = CST.Token;
type SourceToken = CST.SourceToken;

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
  readonly offset: number;
  /** String(key value), as yaml-source's Locator compares keys (a null key is 'null' here, '' in the data) */
  readonly keys?: string[];
  /** each entry's value as composed (a repeated key's first value, which the data no longer holds) */
  readonly values: unknown[];
  readonly keyAt?: number[];
  readonly valueAt: number[];
}

interface Built {
  readonly value: unknown;
  /** range[0] and range[2] of the node yaml would compose */
  readonly start: number;
  readonly end: number;
}

export function plainYaml(text: string, lineCounter: LineCounter): PlainYaml | undefined {
  const where = new WeakMap<object, Where>();
  const duplicates: number[] = [];
  let root: Built | undefined;
  try {
    for (const token of new Parser(lineCounter.addNewLine).parse(text)) {
      if (token.type === 'document' && root === undefined) root = documentOf(token, where, duplicates);
      else if (token.type !== 'comment' && token.type !== 'newline' && token.type !== 'space') giveUp();
    }
  } catch (e) {
    // (a stack overflow on text nested thousands deep: yaml's composer reports that itself)
    if (e === GIVE_UP || e instanceof RangeError) return undefined;
    throw e;
  }
  if (root === undefined) return undefined;
  const top = root;
  return { data: top.value, duplicates: duplicates.sort((a, b) => a - b), locate: locator(top, where) };
}

function documentOf(doc: CST.Document, where: WeakMap<object, Where>, duplicates: number[]): Built {
  const props = propsOf(doc.start, {
    indicator: 'doc-start',
    next: doc.value ?? doc.end?.[0],
    offset: doc.offset,
    parentIndent: 0,
    startOnNewline: true,
  });
  if (props.found && (doc.value?.type === 'block-map' || doc.value?.type === 'block-seq') && !props.hasNewline)
    giveUp();
  const composer = new Compose(where, duplicates);
  const built = doc.value ? composer.node(doc.value) : composer.empty(props.end, doc.start);
  endOf(doc.end, built.end, false);
  return built;
}

interface PropsOptions {
  readonly flow?: string;
  readonly indicator: string;
  readonly next: Token | null | undefined;
  readonly offset: number;
  readonly parentIndent: number;
  readonly startOnNewline: boolean;
}

interface Props {
  readonly found: SourceToken | null;
  readonly comma: SourceToken | null;
  readonly hasNewline: boolean;
  /** where the props end (also where yaml says they start: there are no anchors or tags) */
  readonly end: number;
}

/** yaml's resolveProps, for tokens without anchors or tags; gives up where it would report a problem. */
function propsOf(tokens: readonly SourceToken[], o: PropsOptions): Props {
  let atNewline = o.startOnNewline;
  let hasSpace = o.startOnNewline;
  let hasNewline = false;
  let tab: SourceToken | null = null;
  let comma: SourceToken | null = null;
  let found: SourceToken | null = null;
  for (const token of tokens) {
    if (tab && atNewline && token.type !== 'comment' && token.type !== 'newline') giveUp();
    tab = null;
    if (token.type === 'space') {
      // (yaml: at the doc level, tabs at line start may be leading white space rather than indentation)
      if (!o.flow && (o.indicator !== 'doc-start' || o.next?.type !== 'flow-collection') && token.source.includes('\t'))
        tab = token;
      hasSpace = true;
    } else if (token.type === 'comment') {
      if (!hasSpace) giveUp();
      atNewline = false;
    } else if (token.type === 'newline') {
      atNewline = true;
      hasNewline = true;
      hasSpace = true;
    } else if (token.type === o.indicator) {
      if (found) giveUp();
      found = token;
      atNewline = o.indicator === 'seq-item-ind' || o.indicator === 'explicit-key-ind';
      hasSpace = false;
    } else if (token.type === 'comma' && o.flow) {
      if (comma) giveUp();
      comma = token;
      atNewline = false;
      hasSpace = false;
    } else giveUp(); // anchors, tags, anything unexpected
  }
  const last = tokens[tokens.length - 1];
  const end = last ? last.offset + last.source.length : o.offset;
  if (
    tab &&
    ((atNewline && tab.indent <= o.parentIndent) || o.next?.type === 'block-map' || o.next?.type === 'block-seq')
  )
    giveUp();
  return { found, comma, hasNewline, end };
}

/** yaml's resolveEnd: the offset after a node's trailing space and comments. */
function endOf(tokens: readonly SourceToken[] | undefined, offset: number, reqSpace: boolean): number {
  let hasSpace = false;
  for (const token of tokens ?? []) {
    if (token.type === 'space' || token.type === 'newline') hasSpace = true;
    else if (token.type === 'comment') {
      if (reqSpace && !hasSpace) giveUp();
    } else giveUp();
    offset += token.source.length;
  }
  return offset;
}

/** yaml's emptyScalarPosition: where an empty value is said to be, after the white space before it. */
function emptyAt(offset: number, before: readonly SourceToken[] | undefined): number {
  if (!before) return offset;
  for (let i = before.length - 1; i >= 0; --i) {
    const t = before[i]!;
    if (t.type === 'space' || t.type === 'comment' || t.type === 'newline') {
      offset -= t.source.length;
      continue;
    }
    for (let j = i + 1; before[j]?.type === 'space'; j++) offset += before[j]!.source.length;
    break;
  }
  return offset;
}

/** yaml's containsNewline, for keys. */
function containsNewline(key: Token | null | undefined): boolean {
  if (!key) return false;
  switch (key.type) {
    case 'scalar':
    case 'double-quoted-scalar':
    case 'single-quoted-scalar':
      return key.source.includes('\n') || (key.end ?? []).some((t) => t.type === 'newline');
    case 'flow-collection':
      return key.items.some(
        (it) =>
          it.start.some((t) => t.type === 'newline') ||
          (it.sep ?? []).some((t) => t.type === 'newline') ||
          containsNewline(it.key) ||
          containsNewline(it.value),
      );
    default:
      return true;
  }
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

/**
 * The value of a one-line flow scalar without escapes, as resolveFlowScalar gives it (most
 * scalars: it allocates a pattern and closures per call); undefined for the others.
 */
function oneLine(token: CST.FlowScalar): unknown {
  const src = token.source;
  if (src.includes('\n') || src.includes('\r')) return undefined;
  if (token.type === 'scalar') {
    const last = src[src.length - 1];
    if (src === '' || '\t,%|>@`'.includes(src[0]!) || last === ' ' || last === '\t') return undefined;
    return plainValue(src);
  }
  const quote = token.type === 'double-quoted-scalar' ? '"' : "'";
  if (src.length < 2 || src[src.length - 1] !== quote) return undefined;
  if (quote === '"' ? src.includes('\\') : src.includes("''")) return undefined;
  return src.slice(1, -1);
}

/** A key as the data names it (yaml's stringifyKey for scalar keys), and the value yaml compares duplicates by. */
function keyName(v: unknown): string {
  return v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Composes nodes, mirroring compose-node, resolve-block-map, resolve-block-seq and resolve-flow-collection. */
class Compose {
  constructor(
    private readonly where: WeakMap<object, Where>,
    private readonly duplicates: number[],
  ) {}

  /** lists and maps open around the node being composed */
  private depth = 0;

  node(token: Token): Built {
    if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      // nested deeper than yaml-depth.ts allows: the full way refuses it, with its message
      if (++this.depth > MAX_NESTING) giveUp();
      const built = this.collection(token);
      this.depth--;
      return built;
    }
    switch (token.type) {
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar':
        return this.scalar(token);
      default:
        return giveUp(); // aliases, errors
    }
  }

  private collection(token: CST.BlockMap | CST.BlockSequence | CST.FlowCollection): Built {
    if (token.type === 'block-map') return this.blockMap(token);
    return token.type === 'block-seq' ? this.blockSeq(token) : this.flow(token);
  }

  empty(offset: number, before: readonly SourceToken[] | undefined): Built {
    const at = emptyAt(offset, before);
    return { value: null, start: at, end: at };
  }

  private scalar(token: CST.FlowScalar | CST.BlockScalar): Built {
    if (token.type !== 'block-scalar') {
      const value = oneLine(token);
      if (value !== undefined)
        return { value, start: token.offset, end: endOf(token.end, token.offset + token.source.length, true) };
    }
    const r = CST.resolveAsScalar(token, true, giveUp);
    if (!r) return giveUp();
    return { value: token.type === 'scalar' ? plainValue(r.value) : r.value, start: r.range[0], end: r.range[2] };
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

  /** A key: a scalar on one line (anything else is left to yaml). */
  private key(token: Token | null | undefined): Built {
    if (!token || token.type === 'block-scalar' || token.type === 'block-map' || token.type === 'block-seq') giveUp();
    if (token!.type === 'flow-collection' || token!.type === 'alias') giveUp();
    return this.node(token!);
  }

  private blockMap(bm: CST.BlockMap): Built {
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    const w: Where = { offset: bm.offset, keys: [], keyAt: [], valueAt: [], values: [] };
    let offset = bm.offset;
    let commentEnd: number | null = null;
    for (const { start, key, sep, value } of bm.items) {
      const kp = propsOf(start, {
        indicator: 'explicit-key-ind',
        next: key ?? sep?.[0],
        offset,
        parentIndent: bm.indent,
        startOnNewline: true,
      });
      if (kp.found) giveUp(); // an explicit `?` key
      if (key && (key.type === 'block-seq' || ('indent' in key && key.indent !== bm.indent))) giveUp();
      if (!sep) {
        commentEnd = kp.end;
        continue;
      }
      if (containsNewline(key)) giveUp();
      const k = this.key(key);
      const vp = propsOf(sep, {
        indicator: 'map-value-ind',
        next: value,
        offset: k.end,
        parentIndent: bm.indent,
        startOnNewline: !key || key.type === 'block-scalar',
      });
      offset = vp.end;
      if (!vp.found) giveUp(); // an implicit key with no value
      if (value?.type === 'block-map' && !vp.hasNewline) giveUp();
      if (kp.end < vp.found!.offset - 1024) giveUp();
      const v = value ? this.node(value) : this.empty(offset, sep);
      offset = v.end;
      this.put(out, seen, w, k, v);
    }
    if (commentEnd !== null && commentEnd < offset) giveUp();
    this.where.set(out, w);
    return { value: out, start: bm.offset, end: commentEnd ?? offset };
  }

  private blockSeq(bs: CST.BlockSequence): Built {
    const out: unknown[] = [];
    const w: Where = { offset: bs.offset, valueAt: [], values: [] };
    let offset = bs.offset;
    let commentEnd: number | null = null;
    for (const { start, value } of bs.items) {
      const p = propsOf(start, {
        indicator: 'seq-item-ind',
        next: value,
        offset,
        parentIndent: bs.indent,
        startOnNewline: true,
      });
      if (!p.found) {
        if (value) giveUp();
        commentEnd = p.end;
        continue;
      }
      const v = value ? this.node(value) : this.empty(p.end, start);
      offset = v.end;
      out.push(v.value);
      w.values.push(v.value);
      w.valueAt.push(v.start);
    }
    this.where.set(out, w);
    return { value: out, start: bs.offset, end: commentEnd ?? offset };
  }

  private flow(fc: CST.FlowCollection): Built {
    const isMap = fc.start.source === '{';
    const name = isMap ? 'flow map' : 'flow sequence';
    const out: Record<string, unknown> | unknown[] = isMap ? {} : [];
    const seen = new Set<string>();
    const w: Where = isMap
      ? { offset: fc.offset, keys: [], keyAt: [], valueAt: [], values: [] }
      : { offset: fc.offset, valueAt: [], values: [] };
    let offset = fc.offset + fc.start.source.length;
    fc.items.forEach(({ start, key, sep, value }, i) => {
      const p = propsOf(start, {
        flow: name,
        indicator: 'explicit-key-ind',
        next: key ?? sep?.[0],
        offset,
        parentIndent: fc.indent,
        startOnNewline: false,
      });
      if (p.found) giveUp(); // an explicit `?` key
      if (!sep && !value) {
        // an empty item: only a trailing comma (`[a, b, ]`) is no problem
        if ((i === 0 && p.comma) || i < fc.items.length - 1) giveUp();
        offset = p.end;
        return;
      }
      if ((i === 0) === (p.comma !== null)) giveUp(); // a comma before the first item, or none between two
      if (!isMap) {
        if (sep || isBlock(value)) giveUp(); // a pair in a list, or a block inside a flow
        const v = value ? this.node(value) : this.empty(p.end, sep);
        (out as unknown[]).push(v.value);
        w.values.push(v.value);
        w.valueAt.push(v.start);
        offset = v.end;
        return;
      }
      offset = this.flowPair(out as Record<string, unknown>, seen, w, key, sep, value, fc.indent, name);
    });
    if (fc.end[0]?.source !== (isMap ? '}' : ']')) giveUp();
    const ce = fc.end[0]!;
    const end = endOf(fc.end.slice(1), ce.offset + ce.source.length, true);
    this.where.set(out, w);
    return { value: out, start: fc.offset, end };
  }

  /** One key: value of a flow map; returns the offset after it. */
  private flowPair(
    out: Record<string, unknown>,
    seen: Set<string>,
    w: Where,
    key: Token | null | undefined,
    sep: SourceToken[] | undefined,
    value: Token | undefined,
    indent: number,
    name: string,
  ): number {
    if (isBlock(key) || isBlock(value)) giveUp();
    const k = this.key(key);
    const vp = propsOf(sep ?? [], {
      flow: name,
      indicator: 'map-value-ind',
      next: value,
      offset: k.end,
      parentIndent: indent,
      startOnNewline: false,
    });
    if (!vp.found && value) giveUp(); // a missing `:` or `,`
    const v = value ? this.node(value) : vp.found ? this.empty(vp.end, sep) : undefined;
    this.put(out, seen, w, k, v);
    return v ? v.end : vp.end;
  }
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

function isBlock(token: Token | null | undefined): boolean {
  return token?.type === 'block-map' || token?.type === 'block-seq';
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
