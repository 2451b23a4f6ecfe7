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
const MAX_POSITIONS = 2000;
const MAX_EDGES = 50_000;
const MAX_PAIRS = 20_000;
/**
 * Steps of the whole analysis of one pattern (a comparison of two positions, an edge followed):
 * some tens of milliseconds at most, so that no pattern can make lint itself slow.
 */
const MAX_STEPS = 150_000;
const MAX_FILE_STEPS = 2_000_000;

const cache = new Map<string, RegexRisk | undefined>();

/**
 * Work for all the patterns of one file, so that a file of thousands of convoluted patterns
 * cannot make lint slow either (about half a second at most); pass one to each regexRisk call.
 */
export function regexBudget(): { left: number } {
  return { left: MAX_FILE_STEPS };
}

/**
 * Why the pattern (valid with the `u` flag) could hang the matcher, or undefined when it
 * cannot. `shared`: the file's budget (regexBudget()); without one, the pattern's own limit.
 */
export function regexRisk(pattern: string, shared = regexBudget()): RegexRisk | undefined {
  if (!/[*+{]|\\[1-9k]/.test(pattern)) return undefined; // no loop: linear
  if (cache.has(pattern)) return cache.get(pattern);
  const budget = new Budget(Math.min(MAX_STEPS, shared.left));
  let risk: RegexRisk | undefined;
  try {
    const ast = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(pattern, 0, pattern.length, { unicode: true });
    risk = analyse(ast.alternatives, pattern, budget);
  } catch {
    risk = { kind: 'too-complex' }; // a pattern JavaScript takes but this parser does not
  }
  const cut = budget.limit < MAX_STEPS && risk?.kind === 'too-complex'; // by the file's budget: not the pattern's fault
  shared.left -= budget.limit - Math.max(0, budget.left);
  if (!cut) cache.set(pattern, risk);
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

  private edgeCount = 0;

  link(from: readonly number[], to: readonly number[]): void {
    this.edgeCount += from.length * to.length;
    if (this.edgeCount > MAX_EDGES) throw new TooComplex();
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

/** Work left for one pattern; running out means "too complex to check". */
class Budget {
  left: number;
  constructor(readonly limit: number) {
    this.left = limit;
  }
  spend(n = 1): void {
    this.left -= n;
    if (this.left < 0) throw new TooComplex();
  }
}

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
function analyse(alternatives: readonly AST.Alternative[], source: string, budget: Budget): RegexRisk | undefined {
  const pending: { body: readonly AST.Alternative[]; forwards: boolean }[] = [{ body: alternatives, forwards: true }];
  try {
    for (let next = pending.pop(); next; next = pending.pop()) {
      const automaton = new Automaton();
      const info = automaton.alternatives(next.body);
      automaton.link([0], info.first);
      const risk = ambiguity(automaton, new Set(next.forwards ? info.freeLast : []), source, budget);
      if (risk) return risk;
      for (const l of automaton.lookarounds) pending.push({ body: l.alternatives, forwards: l.kind === 'lookahead' });
    }
  } catch (e) {
    if (e instanceof TooComplex) return { kind: 'too-complex' };
    throw e;
  }
  return undefined;
}

/**
 * Pairs of runs over the same input: at states p ≤ q, and whether they have taken different
 * ways yet. Numbered densely; `to` holds each pair's successors.
 */
class Pairs {
  readonly p: number[] = [];
  readonly q: number[] = [];
  readonly split: boolean[] = [];
  readonly to: number[][] = [];
  private readonly ids = new Map<number, number>();
  readonly work: number[] = [];

  constructor(private readonly states: number) {}

  id(x: number, y: number, split: boolean): number {
    const [p, q] = x <= y ? [x, y] : [y, x];
    const key = (p * this.states + q) * 2 + (split ? 1 : 0);
    let id = this.ids.get(key);
    if (id === undefined) {
      if (this.p.length >= MAX_PAIRS) throw new TooComplex();
      id = this.p.length;
      this.ids.set(key, id);
      this.p.push(p);
      this.q.push(q);
      this.split.push(split);
      this.to.push([]);
      this.work.push(id);
    }
    return id;
  }
}

function ambiguity(a: Automaton, done: ReadonlySet<number>, source: string, budget: Budget): RegexRisk | undefined {
  const finished = surelyFinished(a.edges, done);
  // each state's targets, with how many ways lead there (two ways to one state are a split)
  const next = a.edges.map((targets) => {
    const ways = new Map<number, number>();
    for (const t of targets) if (!finished.has(t)) ways.set(t, (ways.get(t) ?? 0) + 1);
    return ways;
  });
  const pairs = productOf(a, next, budget);
  const looping = cyclicNodes(next.map((ways) => [...ways.keys()]));
  return dangerousSplit(pairs, looping, a, source, budget);
}

/** Every pair of runs reachable from the start. */
function productOf(a: Automaton, next: readonly ReadonlyMap<number, number>[], budget: Budget): Pairs {
  const pairs = new Pairs(a.positions.length);
  const meet = (x: number, y: number): boolean => {
    budget.spend();
    return x === y || intersects(a.positions[x]!.set, a.positions[y]!.set);
  };
  pairs.id(0, 0, false);
  for (let id = pairs.work.pop(); id !== undefined; id = pairs.work.pop()) {
    const to = pairs.to[id]!;
    const [p, q] = [pairs.p[id]!, pairs.q[id]!];
    if (!pairs.split[id]) {
      const targets = [...next[p]!];
      budget.spend(targets.length);
      targets.forEach(([x, ways], i) => {
        to.push(pairs.id(x, x, false));
        if (ways > 1) to.push(pairs.id(x, x, true));
        for (let j = i + 1; j < targets.length; j++) {
          const y = targets[j]![0];
          if (meet(x, y)) to.push(pairs.id(x, y, true));
        }
      });
    } else {
      for (const x of next[p]!.keys()) for (const y of next[q]!.keys()) if (meet(x, y)) to.push(pairs.id(x, y, true));
    }
  }
  return pairs;
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
 * from. The part quoted is the loops involved.
 */
function dangerousSplit(
  pairs: Pairs,
  looping: Uint8Array,
  a: Automaton,
  source: string,
  budget: Budget,
): RegexRisk | undefined {
  const cyclic = cyclicNodes(pairs.to);
  const loopingSplit = (id: number) => pairs.split[id]! && cyclic[id] === 1;
  const leadsThere = reachesAny(pairs.to, loopingSplit);
  const starts = pairs.p
    .map((_, id) => id)
    .filter((id) => !pairs.split[id] && looping[pairs.p[id]!] === 1 && leadsThere[id] === 1);
  if (starts.length === 0) return undefined;
  // Telling exponential from polynomial only words the message: when the budget runs out, the
  // pattern is refused all the same.
  let polynomial: RegexRisk | undefined;
  const seenFrom = new Int32Array(pairs.p.length).fill(-1); // which start's search saw a pair
  for (const start of starts) {
    if (budget.left <= 0) break;
    const r = pairs.p[start]!;
    seenFrom[start] = start;
    const stack = [start];
    while (stack.length > 0 && budget.left > 0) {
      const id = stack.pop()!;
      budget.left -= pairs.to[id]!.length + 1;
      if (loopingSplit(id)) {
        const [x, y] = [pairs.p[id]!, pairs.q[id]!];
        if (x === r && y === r) return { kind: 'exponential', part: quote(a.positions[r]!.loops.slice(0, 1), source) };
        const innermost = [x, y, r].flatMap((s) => a.positions[s]!.loops.slice(-1));
        polynomial ??= { kind: 'polynomial', part: quote(innermost, source) };
      }
      for (const t of pairs.to[id]!) {
        if (leadsThere[t] === 1 && seenFrom[t] !== start) {
          seenFrom[t] = start;
          stack.push(t);
        }
      }
    }
  }
  return polynomial ?? { kind: 'polynomial', part: quote(a.positions[pairs.p[starts[0]!]!]!.loops, source) };
}

/** The loops named, in pattern order, each once: `(a+)+`, or `.*` … `\\d+`. */
function quote(loops: readonly AST.Quantifier[], source: string): string {
  if (loops.length === 0) return source;
  const unique = [...new Set(loops)].sort((a, b) => a.start - b.start).slice(0, 3);
  return unique.map((q) => source.slice(q.start, q.end)).join(' … ');
}

/** 1 for each node from which some node satisfying `target` can be reached (in one step or more). */
function reachesAny(to: readonly (readonly number[])[], target: (id: number) => boolean): Uint8Array {
  const from: number[][] = to.map(() => []);
  to.forEach((targets, id) => {
    for (const t of targets) from[t]!.push(id);
  });
  const out = new Uint8Array(to.length);
  const stack = to.map((_, id) => id).filter(target);
  // the targets themselves count only when reached from somewhere: start from their predecessors
  for (const id of stack.splice(0)) push(from[id]!);
  while (stack.length > 0) push(from[stack.pop()!]!);
  function push(ids: readonly number[]): void {
    for (const f of ids) {
      if (out[f]) continue;
      out[f] = 1;
      stack.push(f);
    }
  }
  return out;
}

/** 1 for each node on a cycle (Tarjan's strongly connected components, without recursion). */
function cyclicNodes(to: readonly (readonly number[])[]): Uint8Array {
  const n = to.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const out = new Uint8Array(n);
  const stack: number[] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const frames: [number, number][] = [[root, 0]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const v = frame[0];
      if (frame[1] < to[v]!.length) {
        const w = to[v]![frame[1]++]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          frames.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]]!, low[v]!);
      if (low[v] !== index[v]) continue;
      const component: number[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = 0;
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || to[v]!.includes(v)) for (const k of component) out[k] = 1;
    }
  }
  return out;
}
