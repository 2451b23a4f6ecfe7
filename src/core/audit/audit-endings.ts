/**
 * Do outcome and pass mark agree? A failure ending must never carry a passing score, every
 * success ending must be reachable with one, and a partial ending should not pass while a
 * lesson of the case was broken on the way. Scores are over complete paths that visit no node
 * twice, as the contract's `max` is (explore.ts).
 */
import { auditMessages as M } from './audit-messages.js';
import { initialMeters, type MeterValues } from '../play/conditions.js';
import { explore, openWays } from '../analysis/explore.js';
import type { Message } from '../format/messages.js';
import { consequenceOf, type NodeId, type Scenario } from '../format/model.js';
import type { Finding } from '../format/references.js';
import { percentOf } from '../play/scoring.js';
import type { Path } from '../yaml/yaml-source.js';

/** How many steps the search for a partial ending that passes may take before it gives up. */
export const PATH_BUDGET = 200_000;

const finding = (severity: Finding['severity'], path: Path, m: Message): Finding => ({
  path,
  severity,
  code: m.code,
  text: m.text,
});

/** Success endings that cannot pass and failure endings that score a pass, from explore's ranges. */
export function outcomeFlags(scenario: Scenario): Finding[] {
  const { maxima } = explore(scenario);
  const out: Finding[] = [];
  for (const [id, range] of Object.entries(maxima.endings)) {
    const node = scenario.nodes[id];
    if (node?.kind !== 'end') continue;
    const best = percentOf(range.best, maxima.total);
    if (node.outcome === 'success' && best < scenario.passScore)
      out.push(finding('warning', ['nodes', id], M.successCannotPass(id, best, scenario.passScore)));
    if (node.outcome === 'failure' && best >= scenario.passScore)
      out.push(finding('error', ['nodes', id], M.failureCanPass(id, best, scenario.passScore)));
  }
  return out;
}

interface Walk {
  readonly path: NodeId[];
  readonly onPath: Set<NodeId>;
  readonly points: Map<string, number>;
  /** the steps on the path that lost points on a lesson: the lesson was broken there */
  readonly broken: { readonly lesson: string; readonly points: number; readonly node: NodeId }[];
  steps: number;
  readonly found: Map<NodeId, Finding>;
}

/**
 * Partial endings reached with a passing percent although a step on the way lost points on a
 * lesson: the trainee broke a lesson and passed anyway. One finding per ending, with an example.
 */
export function partialFlags(scenario: Scenario, budget = PATH_BUDGET): Finding[] {
  const max = explore(scenario).maxima.total;
  if (!Number.isFinite(max) || max <= 0) return [];
  const walk: Walk = { path: [], onPath: new Set(), points: new Map(), broken: [], steps: 0, found: new Map() };
  const visit = (node: NodeId, meters: MeterValues): void => {
    if (walk.steps++ > budget || walk.onPath.has(node)) return;
    walk.path.push(node);
    walk.onPath.add(node);
    const n = scenario.nodes[node]!;
    if (n.kind === 'end') {
      if (n.outcome === 'partial' && !walk.found.has(node)) checkPartial(scenario, node, max, walk);
    } else {
      const before = new Set(walk.onPath);
      before.delete(node);
      for (const open of openWays(scenario, node, meters, (x) => before.has(x))) {
        const score = consequenceOf(open.way).score;
        const lost = Object.entries(score).filter(([, p]) => p < 0);
        add(walk.points, score, 1);
        for (const [lesson, p] of lost) walk.broken.push({ lesson, points: p, node });
        visit(open.to, open.meters);
        walk.broken.length -= lost.length;
        add(walk.points, score, -1);
      }
    }
    walk.onPath.delete(node);
    walk.path.pop();
  };
  visit(scenario.start, initialMeters(scenario.meters));
  const out = [...walk.found.values()];
  if (walk.steps > budget) out.push(finding('warning', ['start'], M.pathsNotAllChecked(budget)));
  return out;
}

function add(points: Map<string, number>, score: Readonly<Record<string, number>>, sign: 1 | -1) {
  for (const [lesson, p] of Object.entries(score)) points.set(lesson, (points.get(lesson) ?? 0) + sign * p);
}

function checkPartial(scenario: Scenario, ending: NodeId, max: number, walk: Walk) {
  let total = 0;
  for (const p of walk.points.values()) total += p;
  const percent = percentOf(total, max);
  if (percent < scenario.passScore) return;
  const broken = walk.broken[0];
  if (!broken) return;
  const shown = walk.path.length > 8 ? [...walk.path.slice(0, 3), '…', ...walk.path.slice(-4)] : walk.path;
  const m = M.partialPassesBroken(ending, percent, broken.lesson, broken.points, broken.node, shown);
  walk.found.set(ending, finding('warning', ['nodes', ending], m));
}
