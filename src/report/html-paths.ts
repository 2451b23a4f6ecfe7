/**
 * A case's paths as a diagram drawn here as inline SVG: nodes in columns by their distance
 * from the start, each way out drawn as a curve as thick as it was taken often, with its
 * count. Drawn by the report itself rather than by Mermaid in the page: the HTML must open
 * offline with no scripts (its Content-Security-Policy forbids them), and Mermaid's bundle
 * alone would be several times the size of the report. The same graph is given as Mermaid
 * source beside it, for editors that render Mermaid.
 */
import { esc } from './html-parts.js';
import type { PathEdge, PathNode, PathView } from './views.js';

const COL = 190;
const ROW = 64;
const BOX_W = 140;
const BOX_H = 34;
const PAD = 24;

interface Placed extends PathNode {
  readonly x: number;
  readonly y: number;
  readonly layer: number;
}

/** Edges between the same two nodes drawn as one (their counts summed, each way in the tooltip). */
interface Link {
  readonly from: string;
  readonly to: string;
  readonly n: number;
  readonly ways: readonly PathEdge[];
}

/** Columns by breadth-first distance from the start; nodes never reached go in a last column. */
function layersOf(view: PathView): Map<string, number> {
  const layer = new Map<string, number>([[view.start, 0]]);
  const queue = [view.start];
  while (queue.length) {
    const at = queue.shift()!;
    for (const e of view.edges)
      if (e.from === at && !layer.has(e.to)) {
        layer.set(e.to, layer.get(at)! + 1);
        queue.push(e.to);
      }
  }
  const last = Math.max(0, ...layer.values()) + 1;
  for (const n of view.nodes) if (!layer.has(n.id)) layer.set(n.id, last);
  return layer;
}

/** Nodes placed in their columns, each column ordered by where its parents sit (one barycentre pass). */
function place(view: PathView): Map<string, Placed> {
  const layer = layersOf(view);
  const columns = new Map<number, PathNode[]>();
  for (const n of view.nodes) {
    const l = layer.get(n.id)!;
    columns.set(l, [...(columns.get(l) ?? []), n]);
  }
  const row = new Map<string, number>();
  for (const l of [...columns.keys()].sort((a, b) => a - b)) {
    const col = columns.get(l)!;
    const centre = (n: PathNode) => {
      const parents = view.edges.filter((e) => e.to === n.id && row.has(e.from)).map((e) => row.get(e.from)!);
      return parents.length ? parents.reduce((a, b) => a + b, 0) / parents.length : Number.POSITIVE_INFINITY;
    };
    const order = col.map((n, i) => ({ n, i, c: centre(n) })).sort((a, b) => a.c - b.c || a.i - b.i);
    order.forEach(({ n }, i) => row.set(n.id, i));
  }
  const placed = new Map<string, Placed>();
  for (const n of view.nodes) {
    const l = layer.get(n.id)!;
    placed.set(n.id, { ...n, layer: l, x: PAD + l * COL, y: PAD + row.get(n.id)! * ROW });
  }
  return placed;
}

function linksOf(edges: readonly PathEdge[]): Link[] {
  const links = new Map<string, Link>();
  for (const e of edges) {
    const key = `${e.from}\u0000${e.to}`;
    const l = links.get(key);
    links.set(key, l ? { ...l, n: l.n + e.n, ways: [...l.ways, e] } : { from: e.from, to: e.to, n: e.n, ways: [e] });
  }
  return [...links.values()];
}

function curve(a: Placed, b: Placed): { d: string; lx: number; ly: number } {
  const [x1, y1] = [a.x + BOX_W, a.y + BOX_H / 2];
  if (b.layer > a.layer) {
    const [x2, y2] = [b.x, b.y + BOX_H / 2];
    const mx = (x1 + x2) / 2;
    return { d: `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}`, lx: mx, ly: (y1 + y2) / 2 - 4 };
  }
  // back or sideways: loop below the boxes, into the target's bottom
  const [x2, y2] = [b.x + BOX_W / 2, b.y + BOX_H];
  const low = Math.max(a.y, b.y) + BOX_H + 22;
  return { d: `M${x1},${y1} C${x1 + 40},${low} ${x2},${low} ${x2},${y2}`, lx: (x1 + x2) / 2, ly: low - 6 };
}

function nodeSvg(n: Placed): string {
  const cls = ['node', n.kind, n.outcome ?? '', n.visits === 0 ? 'unvisited' : ''].filter(Boolean).join(' ');
  const label = n.id.length > 18 ? `${n.id.slice(0, 17)}…` : n.id;
  return `<g class="${cls}" data-node="${esc(n.id)}" data-visits="${n.visits}"><title>${esc(`${n.id}: ${n.visits}`)}</title><rect x="${n.x}" y="${n.y}" width="${BOX_W}" height="${BOX_H}" rx="6"/><text x="${n.x + BOX_W / 2}" y="${n.y + 14}">${esc(label)}</text><text class="visits" x="${n.x + BOX_W / 2}" y="${n.y + 28}">${n.visits}</text></g>`;
}

/** The paths of one case as an SVG drawing: counts on the curves, replies in their tooltips. */
export function pathSvg(view: PathView): string {
  const placed = place(view);
  const links = linksOf(view.edges);
  const most = Math.max(1, ...links.map((l) => l.n));
  const edges = links
    .map((l) => {
      const a = placed.get(l.from);
      const b = placed.get(l.to);
      if (!a || !b) return '';
      const { d, lx, ly } = curve(a, b);
      const width = l.n === 0 ? 1 : 1.5 + (6 * l.n) / most;
      const tip = l.ways.map((w) => `${w.text} (${w.way}): ${w.n}`).join('\n');
      return `<g class="edge${l.n === 0 ? ' untaken' : ''}" data-from="${esc(l.from)}" data-to="${esc(l.to)}" data-n="${l.n}"><title>${esc(tip)}</title><path d="${d}" stroke-width="${width.toFixed(1)}" marker-end="url(#arrow)"/><text x="${lx.toFixed(1)}" y="${ly.toFixed(1)}">${l.n}</text></g>`;
    })
    .join('');
  const w = PAD * 2 + Math.max(...[...placed.values()].map((p) => p.x)) + BOX_W;
  const h = PAD * 2 + Math.max(...[...placed.values()].map((p) => p.y)) + BOX_H + 30;
  return `<svg class="paths" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img"><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#6b7a90"/></marker></defs>${edges}${[...placed.values()].map(nodeSvg).join('')}</svg>`;
}

/** The same graph as Mermaid source (`flowchart LR`), with each way's count on its arrow. */
export function pathMermaid(view: PathView): string {
  const ids = new Map(view.nodes.map((n, i) => [n.id, `n${i}`]));
  const label = (s: string) => s.replace(/"/g, '#quot;').replace(/[\r\n]+/g, ' ');
  const lines = ['flowchart LR'];
  for (const n of view.nodes) lines.push(`  ${ids.get(n.id)}["${label(n.id)} (${n.visits})"]`);
  for (const l of linksOf(view.edges)) {
    const a = ids.get(l.from);
    const b = ids.get(l.to);
    if (a && b) lines.push(`  ${a} ${l.n === 0 ? '-.->' : '-->'}|${l.n}| ${b}`);
  }
  return lines.join('\n');
}
