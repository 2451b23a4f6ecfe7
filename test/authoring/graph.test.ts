import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rp, fixture, tempDir, NIGHT_WINDOW } from './helpers.js';

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
    const r = rp(['graph', NIGHT_WINDOW, '--lang', 'en']);
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out.startsWith('flowchart TD\n')).toBe(true);
    expect(out).toMatch(/\[\/"gate \(input\)<br\/>[^"]*"\/\]/); // input: parallelogram
    expect(out).toMatch(/\{"patience-check \(when\)"\}/); // when: diamond
    expect(out).toMatch(/\["papers \(choice\)<br\/>Where is your access fo…"\]/); // choice: box, with text in --lang
    expect(out).toMatch(/\(\["locked-out \(end: failure\)/); // ending: stadium
    expect(out).toMatch(/classDef success fill:#c6efce/);
    expect(out).toMatch(/classDef failure fill:#ffc7ce/);
    const edges = mermaidEdges(out);
    expect(edges).toContainEqual(['papers', 'show-form · if patience #gt; 2 · +2', 'inside']);
    expect(edges).toContainEqual(['papers', 'argue · −2', expect.any(String)]);
    expect(edges).toContainEqual(['patience-check', 'if patience = 0 · −1', 'locked-out']);
    expect(
      edges.some(([from, label]) => from === 'gate' && label!.startsWith('answer 1: /(华苏|huasu).*(割接|cutover)/')),
    ).toBe(true);
    expect(edges.some(([from, label]) => from === 'gate' && label === 'any other answer · −1')).toBe(true);
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
    const r = rp(['graph', NIGHT_WINDOW, '--format', 'dot', '--best', '--lang', 'en']);
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/^digraph "night-window" \{/);
    expect(out).toMatch(/"gate" \[label="gate \(input\)[^\]]*shape=parallelogram/);
    expect(out).toMatch(/"patience-check" \[[^\]]*shape=diamond/);
    expect(out).toMatch(/"papers" \[[^\]]*shape=box/);
    expect(out).toMatch(/"locked-out" \[[^\]]*shape=doubleoctagon, style=filled, fillcolor="#ffc7ce"/);
    expect(out).toMatch(/"papers" -> "inside" \[label="show-form · if patience > 2 · \+2"/);
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
