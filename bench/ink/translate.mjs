#!/usr/bin/env node
// A roleplay scenario written as the equivalent ink story, for the benchmarks against inkjs
// (bench/peers.mjs). Same nodes, same ways on, same conditions, meter effects (clamped) and
// lesson points, so that a random playthrough does the same amount of work in both engines.
//
//   node bench/ink/translate.mjs scenarios/angry-customer.yaml > bench/ink/angry-customer.ink
//
// Mapping: a node is a knot; a choice is a sticky choice (`+`, since nodes can be revisited)
// with its condition; a timeout is one more choice; ink has no free-text input, so each input
// rule becomes a choice (the story "decides" which rule the answer matched); a `when` node is
// a conditional divert; meters and lessons are VARs; `visited: x` is x's read count.
// Works on the validated model (loadFile), so defaults and speakers are already resolved.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const knot = (id) => `n_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
const variable = (prefix, id) => `${prefix}_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
const OPS = { eq: '==', gte: '>=', gt: '>', lte: '<=', lt: '<' };

/** Plain text ink will not read as markup. */
function say(text, lang = 'en') {
  if (text === undefined) return '';
  const s = typeof text === 'string' ? text : (text[lang] ?? Object.values(text)[0] ?? '');
  return s
    .replace(/[{}[\]|#~*+\-=<>\\/]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function condition(cond) {
  if (!cond) return '';
  const parts = [
    ...cond.meters.map((t) => `${variable('m', t.meter)} ${OPS[t.op]} ${t.value}`),
    ...cond.visited.map((n) => `${knot(n)} > 0`),
  ];
  return parts.length ? parts.join(' && ') : 'true';
}

function consequence(c, scenario) {
  const lines = [];
  for (const [meter, delta] of Object.entries(c.effects)) {
    const m = scenario.meters.find((x) => x.id === meter);
    const v = variable('m', meter);
    lines.push(`~ ${v} = MIN(MAX(${v} + ${delta}, ${m.min}), ${m.max})`);
  }
  for (const [lesson, points] of Object.entries(c.score))
    lines.push(`~ ${variable('p', lesson)} = ${variable('p', lesson)} + ${points}`);
  if (c.feedback) lines.push(say(c.feedback) || '.');
  lines.push(`-> ${knot(c.goto)}`);
  return lines;
}

export function toInk(scenario) {
  const out = [];
  for (const m of scenario.meters) out.push(`VAR ${variable('m', m.id)} = ${m.initial}`);
  for (const id of scenario.scoredLessons) out.push(`VAR ${variable('p', id)} = 0`);
  out.push(`-> ${knot(scenario.start)}`, '');
  for (const node of Object.values(scenario.nodes)) {
    out.push(`=== ${knot(node.id)} ===`);
    if (node.text) out.push(say(node.text) || '.');
    switch (node.kind) {
      case 'choice':
        for (const c of node.choices) {
          const cond = condition(c.if);
          out.push(`+ ${cond ? `{${cond}} ` : ''}[${say(c.text) || c.id}]`);
          out.push(...consequence(c, scenario).map((l) => `  ${l}`));
        }
        if (node.timeout) out.push('+ [(wait)]', ...consequence(node.timeout, scenario).map((l) => `  ${l}`));
        break;
      case 'input':
        if (node.prompt) out.push(say(node.prompt) || '.');
        node.rules.forEach((r, i) => out.push(`+ [answer ${i + 1}]`, ...consequence(r, scenario).map((l) => `  ${l}`)));
        if (node.timeout) out.push('+ [(wait)]', ...consequence(node.timeout, scenario).map((l) => `  ${l}`));
        break;
      case 'branch':
        out.push('{');
        for (const b of node.when) {
          out.push(`- ${b.if ? condition(b.if) : 'else'}:`);
          out.push(...consequence(b, scenario).map((l) => `  ${l}`));
        }
        out.push('}');
        break;
      case 'end':
        out.push(`The end: ${node.outcome}.`, '-> END');
        break;
    }
    out.push('');
  }
  return out.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node bench/ink/translate.mjs <scenario.yaml>');
    process.exit(2);
  }
  const { loadFile, loadCatalog } = await import('../../dist/core/index.js');
  const catalog = loadCatalog(
    readFileSync(new URL('../../scenarios/lessons.yaml', import.meta.url), 'utf8'),
    'lessons.yaml',
  ).catalog;
  const loaded = loadFile(readFileSync(file, 'utf8'), file, catalog);
  if (!loaded.scenario) {
    console.error(loaded.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n'));
    process.exit(1);
  }
  process.stdout.write(toInk(loaded.scenario));
}
