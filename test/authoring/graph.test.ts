import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rp, fixture, tempDir, BASEMENT_ALARM } from './helpers.js';

/** Mermaid edges in order, as [from, label, to], with node ids mapped back to scenario ids. */
function mermaidEdges(out: string) {
  const names = new Map<string, string>();
  for (const m of out.matchAll(/^ {2}(n\d+)[[({/]+"([^"<]+?) \(/gm)) names.set(m[1]!, m[2]!);
  return [...out.matchAll(/^ {2}(n\d+) -->\|"([^"]*)"\| (n\d+)$/gm)].map(
    (m) => [names.get(m[1]!), m[2], names.get(m[3]!)] as const,
  );
}

describe('roleplay graph', () => {
  it('Mermaid: node kinds drawn differently, endings coloured by outcome, edges labelled with ids, conditions and points', () => {
    const r = rp(['graph', BASEMENT_ALARM, '--lang', 'en']);
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out.startsWith('flowchart TD\n')).toBe(true);
    expect(out).toMatch(/\[\/"lobby \(input\)<br\/>[^"]*"\/\]/); // input: parallelogram
    expect(out).toMatch(/\{"goodwill-check \(when\)"\}/); // when: diamond
    expect(out).toMatch(/\["permit \(choice\)<br\/>Where are your work ord…"\]/); // choice: box, with text in --lang
    expect(out).toMatch(/\(\["turned-away \(end: failure\)/); // ending: stadium
    expect(out).toMatch(/classDef success fill:#c6efce/);
    expect(out).toMatch(/classDef failure fill:#ffc7ce/);
    const edges = mermaidEdges(out);
    expect(edges).toContainEqual(['permit', 'show-permit · if goodwill #gt; 2 · +2', 'repaired']);
    expect(edges).toContainEqual(['permit', 'argue · −2', 'after-argue']);
    expect(edges).toContainEqual(['permit', 'timeout 20s · −1', 'on-hold']);
    expect(edges).toContainEqual(['goodwill-check', 'if goodwill = 0 · −1', 'turned-away']);
    expect(edges).toContainEqual(['after-argue', 'if visited goodwill-check · −1', 'on-hold']);
    expect(edges).toContainEqual(['on-hold', 'give-up · if delay ≥ 2 · −2', 'postponed']);
    expect(edges).toContainEqual(['lobby', 'answer 1: /(讯达|xunda).*(电源|power)/ · +3', 'permit']);
    expect(edges).toContainEqual(['lobby', 'answer 2: 您好/你好/师傅/hello not 赶紧/快点/hurry · +1', 'permit']);
    expect(edges).toContainEqual(['lobby', 'any other answer · −1', 'goodwill-check']);
    expect(out).not.toMatch(/linkStyle/); // nothing highlighted without --best
  });

  it('--best highlights exactly the edges of a best-scoring path', () => {
    const r = rp(['graph', fixture('nobody-passes.yaml'), '--best']);
    expect(r.status).toBe(0);
    const edges = mermaidEdges(r.stdout);
    const best = /linkStyle ([\d,]+) stroke:/.exec(r.stdout)![1]!.split(',').map(Number);
    expect(best.map((i) => edges[i])).toEqual([['ask', 'brave · +4', 'crash']]);
  });

  it('DOT: shapes per kind, outcome fill colours, labelled edges; --best draws the path thick', () => {
    const r = rp(['graph', BASEMENT_ALARM, '--format', 'dot', '--best', '--lang', 'en']);
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/^digraph "basement-alarm" \{/);
    expect(out).toMatch(/"lobby" \[label="lobby \(input\)[^\]]*shape=parallelogram/);
    expect(out).toMatch(/"goodwill-check" \[[^\]]*shape=diamond/);
    expect(out).toMatch(/"permit" \[[^\]]*shape=box/);
    expect(out).toMatch(/"turned-away" \[[^\]]*shape=doubleoctagon, style=filled, fillcolor="#ffc7ce"/);
    expect(out).toMatch(/"permit" -> "repaired" \[label="show-permit · if goodwill > 2 · \+2"/);
    expect(out).toMatch(/penwidth=3/);
    expect(out.trim().endsWith('}')).toBe(true);
  });

  it('scenario text cannot break the diagram syntax or reach the terminal raw', () => {
    const mermaid = rp(['graph', fixture('hostile-text.yaml'), '--lang', 'en']);
    expect(mermaid.status, mermaid.stderr).toBe(0);
    expect(mermaid.stdout).not.toMatch(/\u001b/);
    expect(mermaid.stdout).toContain('n0["ask (choice)<br/>Say #quot;hi#quot; ]) --#gt; x  red"]');
    expect(mermaid.stdout).toContain('n1(["done (end: success)<br/>The end }\\ #quot; ;"])');
    const dot = rp(['graph', fixture('hostile-text.yaml'), '--format', 'dot', '--lang', 'en']);
    expect(dot.status).toBe(0);
    expect(dot.stdout).not.toMatch(/\u001b/);
    expect(dot.stdout).toContain('label="done (end: success)\\nThe end }\\\\ \\" ;"');
  });

  it('an invalid scenario: its errors at file:line:column and exit 1', () => {
    const dir = tempDir();
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, readFileSync(fixture('clean.yaml'), 'utf8').replace('goto: failed', 'goto: nowhere'));
    const r = rp(['graph', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/broken\.yaml:\d+:\d+: error: .*nowhere/);
    expect(r.stdout).toBe('');
  });
});
