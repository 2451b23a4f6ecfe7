/**
 * Whether a `regex:` pattern can make the matcher backtrack for longer than linear time.
 *
 * Matching stays on JavaScript's own engine (an ECMAScript pattern with the `u` flag, as the
 * contract says: lookaheads, which bundled cases use, have no linear-time engine in JS), so the
 * danger is refused where the pattern is written: lint, and every load, rejects a pattern
 * whose worst case is super-linear. `^(a+)+$` took tens of seconds on a 31-character answer;
 * `.*.*x` took minutes on a 2,000-character one.
 *
 * The analysis (after Weideman et al., "Analyzing matching time behavior of backtracking
 * regular expression matchers by using ambiguity of NFA", 2016): the pattern becomes an
 * automaton whose states are its character positions and whose edges keep every distinct way
 * the backtracker can go from one position to the next (`(a+)+` has two ways from `a` to `a`).
 * Then pairs of runs over the same input are explored. A backtracker takes super-linear time
 * only if two different runs can split at a state inside a loop and then keep looping side by
 * side (exponential when they meet again in the state they split from, polynomial otherwise).
 * Runs that reach a point from which the pattern cannot fail any more are dropped: the match
 * succeeds there and backtracking stops. Everything uncertain is counted as dangerous: `\p{…}`
 * is taken as any character, a backreference as any text, large counts as unbounded, and
 * assertions as holding everywhere; so a pattern passed as safe is safe, while a few contrived
 * ones that are not slow are refused (rewriting them is always possible).
 *
 * Each lookaround's body runs as a separate match, so it is analysed on its own. Results are
 * cached per pattern; patterns without `*`, `+`, `{` or a backreference have no loop and are
 * not parsed at all.
 */
import { type AST, RegExpParser } from '@eslint-community/regexpp';
import type { Message } from './messages.js';
import {
  ALL,
  type CharSet,
  complement,
  DIGIT,
  DOT,
  intersects,
  range,
  single,
  SPACE,
  union,
  WORD,
} from './regex-charset.js';

export type RegexRisk =
  | { readonly kind: 'exponential' | 'polynomial'; readonly part: string }
  | { readonly kind: 'too-complex' };

/** What lint says about a risky pattern, in both languages; `limit`: the answer length matched. */
export function regexRiskMessage(risk: RegexRisk, limit: number): Message {
  if (risk.kind === 'too-complex')
    return {
      code: 'regex-too-complex',
      text: {
        zh: '这个表达式太大，无法确认它不会让练习卡住；请拆成几条更简单的规则',
        en: 'this pattern is too large to check that it cannot freeze play; split it into simpler rules',
      },
    };
  if (risk.kind === 'exponential')
    return {
      code: 'regex-backtracking',
      text: {
        zh: `这个表达式匹配时间会指数增长：「${risk.part}」里重复的部分能用不止一种方式匹配同一段文字，几十个字的回答就会让练习卡住几十秒；请让重复的部分只有一种匹配方式（例如 (a+)+ 改成 a+，(\\w|\\d)+ 改成 \\w+）`,
        en: `this pattern can take exponential time: in '${risk.part}' a repetition can match the same text in more than one way, so an answer of a few dozen characters would freeze play; let each repeated part match the text one way only (e.g. (a+)+ → a+, (\\w|\\d)+ → \\w+)`,
      },
    };
  return {
    code: 'regex-backtracking',
    text: {
      zh: `这个表达式匹配时间会成倍增长：「${risk.part}」能匹配同一段文字，回答越长越慢（${limit} 个字时要几秒到几分钟）；请让它们匹配不同的字符（例如 .*\\d+ 改成 \\D*\\d+），或者去掉一个`,
      en: `this pattern can take polynomial time: '${risk.part}' can match the same text, so matching crawls as answers get longer (seconds to minutes at ${limit} characters); let them match different characters (e.g. .*\\d+ → \\D*\\d+), or drop one`,
    },
  };
}

/** Larger counts than this (`a{2,50}`) are analysed as unbounded (`a{2,}`). */
const MAX_EXPANDED_COUNT = 6;
/** Beyond these the pattern is refused as too complex to check (far beyond any answer rule). */
const MAX_POSITIONS = 4000;
const MAX_PAIRS = 400_000;

const cache = new Map<string, RegexRisk | undefined>();

/** Why the pattern (valid with the `u` flag) could hang the matcher, or undefined when it cannot. */
export function regexRisk(pattern: string): RegexRisk | undefined {
  if (!/[*+{]|\\[1-9k]/.test(pattern)) return undefined; // no loop: linear
  if (cache.has(pattern)) return cache.get(pattern);
  let risk: RegexRisk | undefined;
  try {
    const ast = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(pattern, 0, pattern.length, { unicode: true });
    risk = analyse(ast.alternatives, pattern);
  } catch {
    risk = { kind: 'too-complex' }; // a pattern JavaScript takes but this parser does not
  }
  cache.set(pattern, risk);
  return risk;
}

/** One character position of the automaton: what it matches, and the quantifier loops around it. */
interface Position {
  readonly set: CharSet;
  /** the unbounded quantifiers around it, outermost first, for the message */
  readonly loops: readonly AST.Quantifier[];
}

/** Glushkov sets of a sub-pattern, with edges as lists (a repeated target is a second way). */
interface Info {
  readonly nullable: boolean;
  /** can be passed without checking any assertion */
  readonly freeNullable: boolean;
  readonly first: readonly number[];
  readonly last: readonly number[];
  /** last positions after which the pattern may end with nothing left to check */
  readonly freeLast: readonly number[];
}

const EPSILON: Info = { nullable: true, freeNullable: true, first: [], last: [], freeLast: [] };

class Automaton {
  readonly positions: Position[] = [{ set: [], loops: [] }]; // 0: the start
  readonly edges: number[][] = [[]];
  readonly lookarounds: AST.LookaroundAssertion[] = [];
  private loops: AST.Quantifier[] = [];
  private caseless = false;

  add(set: CharSet): Info {
    if (this.positions.length > MAX_POSITIONS) throw new TooComplex();
    const p = this.positions.length;
    this.positions.push({ set: this.caseless ? ALL : set, loops: this.loops });
    this.edges.push([]);
    return { nullable: false, freeNullable: false, first: [p], last: [p], freeLast: [p] };
  }

  link(from: readonly number[], to: readonly number[]): void {
    for (const f of from) this.edges[f]!.push(...to);
  }

  alternatives(alts: readonly AST.Alternative[]): Info {
    const infos = alts.map((a) => this.sequence(a.elements));
    return {
      nullable: infos.some((i) => i.nullable),
      freeNullable: infos.some((i) => i.freeNullable),
      first: infos.flatMap((i) => i.first),
      last: infos.flatMap((i) => i.last),
      freeLast: infos.flatMap((i) => i.freeLast),
    };
  }

  sequence(elements: readonly (AST.Element | Info)[]): Info {
    let acc = EPSILON;
    for (const e of elements) acc = this.then(acc, 'type' in e ? this.element(e) : e);
    return acc;
  }

  private then(a: Info, b: Info): Info {
    this.link(a.last, b.first);
    return {
      nullable: a.nullable && b.nullable,
      freeNullable: a.freeNullable && b.freeNullable,
      first: a.nullable ? [...a.first, ...b.first] : a.first,
      last: b.nullable ? [...b.last, ...a.last] : b.last,
      freeLast: b.freeNullable ? [...b.freeLast, ...a.freeLast] : b.freeLast,
    };
  }

  element(e: AST.Element): Info {
    switch (e.type) {
      case 'Character':
        return this.add(single(e.value));
      case 'CharacterSet':
        return this.add(setOf(e));
      case 'CharacterClass':
        return this.add(classSet(e));
      case 'Group':
      case 'CapturingGroup':
        return this.group(e);
      case 'Quantifier':
        return this.quantifier(e);
      case 'Backreference': {
        // Some text already matched: any text, as far as this analysis knows; never free.
        const any = this.star(() => this.add(ALL));
        return { ...any, freeNullable: false, freeLast: [] };
      }
      case 'Assertion':
        if (e.kind === 'lookahead' || e.kind === 'lookbehind') this.lookarounds.push(e);
        return { ...EPSILON, freeNullable: false };
      default:
        return this.add(ALL); // v-flag syntax is not used with `u`
    }
  }

  private group(e: AST.Group | AST.CapturingGroup): Info {
    const before = this.caseless;
    if (e.type === 'Group' && e.modifiers) this.caseless = true; // (?i:…): any case, so any character
    const info = this.alternatives(e.alternatives);
    this.caseless = before;
    return info;
  }

  /** `x{min,max}` as V8 runs it: min copies, then nested optional copies or a loop. */
  private quantifier(q: AST.Quantifier): Info {
    const copy = () => this.element(q.element);
    const unbounded = q.max === Number.POSITIVE_INFINITY || q.max > MAX_EXPANDED_COUNT;
    const mandatory = unbounded ? Math.min(q.min, 2) : q.min;
    const parts: Info[] = [];
    for (let i = 0; i < mandatory; i++) parts.push(copy());
    if (unbounded) {
      const outer = this.loops;
      this.loops = [...outer, q];
      parts.push(this.star(copy));
      this.loops = outer;
    } else if (q.max > q.min) parts.push(this.optionalChain(copy, q.max - q.min));
    return this.sequence(parts);
  }

  /** (x(x(x)?)?)? — n optional copies, each only after the one before: one way to match each count. */
  private optionalChain(copy: () => Info, n: number): Info {
    const head = copy();
    const rest = n > 1 ? this.optionalChain(copy, n - 1) : EPSILON;
    const both = this.sequence([head, rest]);
    return { ...both, nullable: true, freeNullable: true };
  }

  private star(copy: () => Info): Info {
    const body = copy();
    this.link(body.last, body.first); // another round: a second way if the body has its own loop
    return { ...body, nullable: true, freeNullable: true };
  }
}

class TooComplex extends Error {}

function setOf(e: AST.CharacterSet): CharSet {
  if (e.kind === 'any') return DOT;
  if (e.kind === 'property') return ALL;
  const base = e.kind === 'digit' ? DIGIT : e.kind === 'space' ? SPACE : WORD;
  return e.negate ? complement(base) : base;
}

function classSet(e: AST.CharacterClass): CharSet {
  const parts: CharSet[] = [];
  for (const el of e.elements) {
    if (el.type === 'Character') parts.push(single(el.value));
    else if (el.type === 'CharacterClassRange') parts.push(range(el.min.value, el.max.value));
    else if (el.type === 'CharacterSet' && el.kind !== 'property') parts.push(setOf(el));
    else return ALL; // a property or v-flag element: any character, negated or not
  }
  const set = union(...parts);
  return e.negate ? complement(set) : set;
}

/**
 * The risk of the whole pattern: its main body, then each lookaround body on its own. A
 * lookbehind runs backwards, so where it succeeds is not its end: nothing is dropped there.
 */
function analyse(alternatives: readonly AST.Alternative[], source: string): RegexRisk | undefined {
  const pending: { body: readonly AST.Alternative[]; forwards: boolean }[] = [{ body: alternatives, forwards: true }];
  try {
    for (let next = pending.pop(); next; next = pending.pop()) {
      const automaton = new Automaton();
      const info = automaton.alternatives(next.body);
      automaton.link([0], info.first);
      const risk = ambiguity(automaton, new Set(next.forwards ? info.freeLast : []), source);
      if (risk) return risk;
      for (const l of automaton.lookarounds) pending.push({ body: l.alternatives, forwards: l.kind === 'lookahead' });
    }
  } catch (e) {
    if (e instanceof TooComplex) return { kind: 'too-complex' };
    throw e;
  }
  return undefined;
}

/** A pair of runs: at states p and q, and whether they have taken different ways yet. */
type Pair = readonly [number, number, boolean];
const keyOf = (p: number, q: number, split: boolean) => `${Math.min(p, q)},${Math.max(p, q)},${split ? 1 : 0}`;

function ambiguity(a: Automaton, done: ReadonlySet<number>, source: string): RegexRisk | undefined {
  const finished = surelyFinished(a.edges, done);
  const next = a.edges.map((targets) => targets.filter((t) => !finished.has(t)));
  const looping = statesOnLoops(next);
  const graph = new Map<string, { pair: Pair; to: string[] }>();
  const node = (p: number, q: number, split: boolean): string => {
    const key = keyOf(p, q, split);
    if (!graph.has(key)) {
      if (graph.size >= MAX_PAIRS) throw new TooComplex();
      graph.set(key, { pair: [p, q, split], to: [] });
      work.push(key);
    }
    return key;
  };
  const work: string[] = [];
  node(0, 0, false);
  while (work.length > 0) {
    const entry = graph.get(work.pop()!)!;
    const [p, q, split] = entry.pair;
    const from = split ? [next[p]!, next[q]!] : [next[p]!, next[p]!];
    from[0]!.forEach((x, i) => {
      from[1]!.forEach((y, j) => {
        // The same run twice goes on as one; two ways to the same state are a split.
        if (!split && i > j) return;
        const splits = split || i !== j;
        if (x === y || intersects(a.positions[x]!.set, a.positions[y]!.set)) entry.to.push(node(x, y, splits));
      });
    });
  }
  return dangerousSplit(graph, looping, a, source);
}

/**
 * States from which the match cannot fail: the pattern may end there, and so it may at every
 * state after. The first dead end beyond them ends the match with success, so no backtracking
 * happens there, and they are dropped. (A state where the pattern may end but whose way on can
 * still fail is kept: the backtracker may explore that way first, `a(?:(b|b)*c|)`.)
 */
function surelyFinished(edges: readonly (readonly number[])[], done: ReadonlySet<number>): Set<number> {
  const finished = new Set(done);
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of finished) {
      if (edges[s]!.every((t) => finished.has(t))) continue;
      finished.delete(s);
      changed = true;
    }
  }
  return finished;
}

/**
 * Super-linear when, from a state on a loop where both runs are still one, they split and reach
 * a pair of states they can loop in together; exponential when that pair is the state they split
 * from. The part quoted is the loop's quantifier.
 */
function dangerousSplit(
  graph: Map<string, { pair: Pair; to: string[] }>,
  looping: ReadonlySet<number>,
  a: Automaton,
  source: string,
): RegexRisk | undefined {
  const cyclic = pairsOnCycles(graph);
  let polynomial: RegexRisk | undefined;
  for (const [key, { pair }] of graph) {
    const [r, , split] = pair;
    if (split || !looping.has(r)) continue;
    for (const reached of reachable(graph, key)) {
      const [x, y, s] = graph.get(reached)!.pair;
      if (!s || !cyclic.has(reached)) continue;
      if (x === r && y === r) return { kind: 'exponential', part: quote(a.positions[r]!.loops.slice(0, 1), source) };
      const innermost = [x, y, r].flatMap((s) => a.positions[s]!.loops.slice(-1));
      polynomial ??= { kind: 'polynomial', part: quote(innermost, source) };
    }
  }
  return polynomial;
}

/** The loops named, in pattern order, each once: `(a+)+`, or `.*` … `\d+`. */
function quote(loops: readonly AST.Quantifier[], source: string): string {
  if (loops.length === 0) return source;
  const unique = [...new Set(loops)].sort((a, b) => a.start - b.start).slice(0, 3);
  return unique.map((q) => source.slice(q.start, q.end)).join(' … ');
}

function reachable(graph: Map<string, { to: string[] }>, from: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...graph.get(from)!.to];
  while (stack.length > 0) {
    const k = stack.pop()!;
    if (seen.has(k)) continue;
    seen.add(k);
    stack.push(...graph.get(k)!.to);
  }
  return seen;
}

/** States of the automaton that lie on a loop. */
function statesOnLoops(next: readonly (readonly number[])[]): Set<number> {
  const graph = new Map(next.map((to, i) => [String(i), { to: to.map(String) }]));
  return new Set([...pairsOnCycles(graph)].map(Number));
}

/** Nodes on a cycle (Tarjan's strongly connected components, without recursion). */
function pairsOnCycles(graph: ReadonlyMap<string, { to: readonly string[] }>): Set<string> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out = new Set<string>();
  let counter = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const frames: { key: string; i: number }[] = [{ key: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const to = graph.get(frame.key)!.to;
      if (frame.i < to.length) {
        const w = to[frame.i++]!;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          frames.push({ key: w, i: 0 });
        } else if (onStack.has(w)) low.set(frame.key, Math.min(low.get(frame.key)!, index.get(w)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.key, Math.min(low.get(parent.key)!, low.get(frame.key)!));
      if (low.get(frame.key) !== index.get(frame.key)) continue;
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== frame.key);
      const selfLoop = graph.get(frame.key)!.to.includes(frame.key);
      if (component.length > 1 || selfLoop) for (const k of component) out.add(k);
    }
  }
  return out;
}
