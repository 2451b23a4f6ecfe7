/**
 * A scenario as a diagram (Mermaid or Graphviz DOT) for trainers to see the shape of a case:
 * node kinds drawn differently, endings coloured by outcome, every way labelled with what
 * takes it (choice id, answer, timeout, condition) and its points. Pure text out; the
 * command prints it. Text from the scenario passes through safeLine and is escaped for the
 * target syntax, so a diagram can neither break its own syntax nor the terminal.
 */
import type { FoundPath } from './paths.js';
import {
  consequenceOf,
  waysOf,
  type Condition,
  type Match,
  type NodeId,
  type Outcome,
  type Scenario,
  type ScenarioNode,
  type Way,
} from '../format/model.js';
import { type GraphWords, graphWords } from './graph-words.js';
import { localize } from '../text.js';
import { safeLine } from '../sanitize.js';

export type GraphFormat = 'mermaid' | 'dot';

export interface GraphOptions {
  readonly format: GraphFormat;
  readonly lang: string;
  /** the path to highlight (roleplay graph --best) */
  readonly highlight?: FoundPath;
  /** how much of each node's text to show, in characters (0: ids only) */
  readonly textChars?: number;
}

export const OUTCOME_COLOURS: Readonly<Record<Outcome, { fill: string; stroke: string }>> = {
  success: { fill: '#c6efce', stroke: '#2e7d32' },
  partial: { fill: '#ffeb9c', stroke: '#b8860b' },
  failure: { fill: '#ffc7ce', stroke: '#c62828' },
};
const BEST_COLOUR = '#1565c0';

const OPS = { eq: '=', gte: '≥', gt: '>', lte: '≤', lt: '<' } as const;

export function describeCondition(c: Condition, words: GraphWords = graphWords('en')): string {
  return [...c.meters.map((t) => `${t.meter} ${OPS[t.op]} ${t.value}`), ...c.visited.map(words.visited)].join(
    words.and,
  );
}

function points(way: Way): string {
  const score = consequenceOf(way).score;
  const entries = Object.entries(score);
  if (entries.length === 0) return '';
  const total = entries.reduce((s, [, p]) => s + p, 0);
  return total > 0 ? `+${total}` : total < 0 ? `−${-total}` : '±0';
}

/** What takes a way, in a few words: `listen`, `answer: 您好+华苏`, `timeout 20s`, `if mood ≤ -5` (in `lang`). */
export function wayLabel(node: ScenarioNode, way: Way, lang = 'en'): string {
  const w = graphWords(lang);
  const parts: string[] = [];
  switch (way.kind) {
    case 'choice':
      parts.push(way.choice.id);
      if (way.choice.if) parts.push(w.if(describeCondition(way.choice.if, w)));
      break;
    case 'timeout':
      parts.push(w.timeout(way.timeout.seconds));
      break;
    case 'rule':
      parts.push(ruleLabel(way.rule.match, way.index, w));
      break;
    case 'branch':
      parts.push(
        way.branch.if
          ? w.if(describeCondition(way.branch.if, w))
          : node.kind === 'branch' && node.when.length > 1
            ? w.otherwise
            : w.always,
      );
      break;
  }
  const p = points(way);
  if (p) parts.push(p);
  return parts.join(' · ');
}

function ruleLabel(m: Match | undefined, index: number, w: GraphWords): string {
  if (!m) return w.anyOtherAnswer;
  const words = [
    ...(m.all.length ? [m.all.join('+')] : []),
    ...(m.any.length ? [m.any.join('/')] : []),
    ...(m.affirm?.length ? [m.affirm.join('/')] : []),
    ...(m.negate?.length ? [w.denying(m.negate.join('/'))] : []),
    ...(m.time === undefined ? [] : [m.time ? w.time : w.not(w.time)]),
    ...(m.hedge === undefined ? [] : [m.hedge ? w.hedge : w.not(w.hedge)]),
    ...(m.none.length ? [w.not(m.none.join('/'))] : []),
    ...(m.regex !== undefined ? [`/${m.regex}/`] : []),
  ];
  return w.answer(index + 1, words.join(' '));
}

function shorten(text: string, chars: number): string {
  const chars_ = [...text];
  return chars_.length <= chars ? text : `${chars_.slice(0, Math.max(1, chars - 1)).join('')}…`;
}

interface Edge {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly label: string;
  readonly best: boolean;
}

function edgesOf(scenario: Scenario, lang: string, highlight?: FoundPath): Edge[] {
  const onBest = new Set<string>();
  for (const step of highlight?.ways ?? []) onBest.add(edgeKey(step.node, step.way));
  const edges: Edge[] = [];
  for (const node of Object.values(scenario.nodes)) {
    for (const way of waysOf(node)) {
      edges.push({
        from: node.id,
        to: consequenceOf(way).goto,
        label: wayLabel(node, way, lang),
        best: onBest.has(edgeKey(node.id, way)),
      });
    }
  }
  return edges;
}

function edgeKey(node: NodeId, way: Way): string {
  const which =
    way.kind === 'choice' ? way.choice.id : way.kind === 'rule' || way.kind === 'branch' ? String(way.index) : '';
  return `${node}\u0000${way.kind}\u0000${which}`;
}

function nodeTitle(node: ScenarioNode, lang: string, chars: number): string {
  const w = graphWords(lang);
  const kind =
    node.kind === 'end' ? w.ending(w.outcomes[node.outcome]) : w.kinds[node.kind === 'branch' ? 'when' : node.kind];
  const text = chars > 0 && node.text !== undefined ? shorten(safeLine(localize(node.text, lang)).trim(), chars) : '';
  return text ? `${node.id} (${kind})\n${text}` : `${node.id} (${kind})`;
}

/** The diagram as data, for `roleplay graph --json`: every node and every way, labelled as drawn. */
export interface GraphData {
  readonly scenario: string;
  readonly start: NodeId;
  readonly nodes: readonly {
    readonly id: NodeId;
    readonly kind: 'choice' | 'input' | 'when' | 'end';
    readonly outcome: Outcome | null;
    /** the node's text in `lang`, in full ('' when it has none) */
    readonly text: string;
    readonly best: boolean;
  }[];
  readonly edges: readonly {
    readonly from: NodeId;
    readonly to: NodeId;
    readonly way: Way['kind'];
    /** the choice id (way `choice`), else null */
    readonly choice: string | null;
    /** the rule's or branch's number from 1 (ways `rule` and `branch`), else null */
    readonly index: number | null;
    /** what takes the way, in `lang`, as the diagram labels it */
    readonly label: string;
    /** the points the way scores, all lessons together */
    readonly points: number;
    readonly best: boolean;
  }[];
}

export function graphData(scenario: Scenario, options: Omit<GraphOptions, 'format' | 'textChars'>): GraphData {
  const onBest = new Set(options.highlight?.nodes ?? []);
  const bestWays = new Set((options.highlight?.ways ?? []).map((s) => edgeKey(s.node, s.way)));
  return {
    scenario: scenario.id,
    start: scenario.start,
    nodes: Object.values(scenario.nodes).map((node) => ({
      id: node.id,
      kind: node.kind === 'branch' ? 'when' : node.kind,
      outcome: node.kind === 'end' ? node.outcome : null,
      text: node.text === undefined ? '' : safeLine(localize(node.text, options.lang)).trim(),
      best: onBest.has(node.id),
    })),
    edges: Object.values(scenario.nodes).flatMap((node) =>
      waysOf(node).map((way) => ({
        from: node.id,
        to: consequenceOf(way).goto,
        way: way.kind,
        choice: way.kind === 'choice' ? way.choice.id : null,
        index: way.kind === 'rule' || way.kind === 'branch' ? way.index + 1 : null,
        label: wayLabel(node, way, options.lang),
        points: Object.values(consequenceOf(way).score).reduce((s, p) => s + p, 0),
        best: bestWays.has(edgeKey(node.id, way)),
      })),
    ),
  };
}

export function renderGraph(scenario: Scenario, options: GraphOptions): string {
  return options.format === 'dot' ? renderDot(scenario, options) : renderMermaid(scenario, options);
}

/** Mermaid: node ids are numbered (n0, n1, …) because scenario ids may hold characters Mermaid reads as syntax. */
function renderMermaid(scenario: Scenario, options: GraphOptions): string {
  const ids = new Map(Object.keys(scenario.nodes).map((id, i) => [id, `n${i}`] as const));
  // Mermaid labels in quotes: no raw quotes, and markup-like characters as entities.
  const esc = (s: string) => safeLine(s).replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
  const chars = options.textChars ?? 24;
  const lines = ['flowchart TD'];
  for (const node of Object.values(scenario.nodes)) {
    const label = nodeTitle(node, options.lang, chars).split('\n').map(esc).join('<br/>');
    const id = ids.get(node.id)!;
    switch (node.kind) {
      case 'choice':
        lines.push(`  ${id}["${label}"]`);
        break;
      case 'input':
        lines.push(`  ${id}[/"${label}"/]`);
        break;
      case 'branch':
        lines.push(`  ${id}{"${label}"}`);
        break;
      case 'end':
        lines.push(`  ${id}(["${label}"])`);
        break;
    }
  }
  const edges = edgesOf(scenario, options.lang, options.highlight);
  const best: number[] = [];
  edges.forEach((e, i) => {
    lines.push(`  ${ids.get(e.from)} -->|"${esc(e.label)}"| ${ids.get(e.to)}`);
    if (e.best) best.push(i);
  });
  lines.push(`  start(("${esc(graphWords(options.lang).start)}")) --> ${ids.get(scenario.start)}`);
  for (const [outcome, c] of Object.entries(OUTCOME_COLOURS)) {
    lines.push(`  classDef ${outcome} fill:${c.fill},stroke:${c.stroke},stroke-width:2px,color:#000`);
  }
  lines.push('  classDef input fill:#e3f2fd,stroke:#1565c0,color:#000');
  lines.push('  classDef when fill:#f3e5f5,stroke:#6a1b9a,color:#000');
  const byClass = new Map<string, string[]>();
  for (const node of Object.values(scenario.nodes)) {
    const cls =
      node.kind === 'end'
        ? node.outcome
        : node.kind === 'input'
          ? 'input'
          : node.kind === 'branch'
            ? 'when'
            : undefined;
    if (cls) byClass.set(cls, [...(byClass.get(cls) ?? []), ids.get(node.id)!]);
  }
  for (const [cls, members] of byClass) lines.push(`  class ${members.join(',')} ${cls}`);
  if (best.length > 0) {
    lines.push(`  linkStyle ${best.join(',')} stroke:${BEST_COLOUR},stroke-width:4px`);
    // One `style` line per node: it adds the outline and keeps the fill its class gave.
    for (const n of new Set(options.highlight!.nodes))
      lines.push(`  style ${ids.get(n)} stroke:${BEST_COLOUR},stroke-width:4px`);
  }
  return `${lines.join('\n')}\n`;
}

function renderDot(scenario: Scenario, options: GraphOptions): string {
  const q = (s: string) => `"${safeLine(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const chars = options.textChars ?? 24;
  const onBestNode = new Set(options.highlight?.nodes ?? []);
  const lines = [
    `digraph ${q(scenario.id)} {`,
    '  rankdir=TB;',
    '  node [fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9];',
    '  "__start" [shape=point, width=0.15, label=""];',
    `  "__start" -> ${q(scenario.start)};`,
  ];
  for (const node of Object.values(scenario.nodes)) {
    const label = nodeTitle(node, options.lang, chars)
      .split('\n')
      .map((l) => safeLine(l).replace(/\\/g, '\\\\').replace(/"/g, '\\"'))
      .join('\\n');
    const attrs: string[] = [`label="${label}"`];
    switch (node.kind) {
      case 'choice':
        attrs.push('shape=box', 'style="rounded"');
        break;
      case 'input':
        attrs.push('shape=parallelogram', 'style=filled', 'fillcolor="#e3f2fd"');
        break;
      case 'branch':
        attrs.push('shape=diamond', 'style=filled', 'fillcolor="#f3e5f5"');
        break;
      case 'end': {
        const c = OUTCOME_COLOURS[node.outcome];
        attrs.push('shape=doubleoctagon', 'style=filled', `fillcolor="${c.fill}"`, `color="${c.stroke}"`);
        break;
      }
    }
    if (onBestNode.has(node.id)) attrs.push(`penwidth=3`, ...(node.kind === 'end' ? [] : [`color="${BEST_COLOUR}"`]));
    lines.push(`  ${q(node.id)} [${attrs.join(', ')}];`);
  }
  for (const e of edgesOf(scenario, options.lang, options.highlight)) {
    const attrs = [`label=${q(e.label)}`];
    if (e.best) attrs.push(`color="${BEST_COLOUR}"`, 'penwidth=3', `fontcolor="${BEST_COLOUR}"`);
    lines.push(`  ${q(e.from)} -> ${q(e.to)} [${attrs.join(', ')}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
