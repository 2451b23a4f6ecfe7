/** Small helpers for core tests: scenarios written inline as YAML, loaded through the real loader. */
import { compile, formatDiagnostic, loadFile, type LessonCatalog, type Scenario } from '../../src/core/index.js';

/** Strips the common indentation of a template literal, so YAML can be indented with the test. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

/** Loads a scenario that must be valid; a failure shows the loader's own messages. */
export function load(text: string, catalog?: LessonCatalog): Scenario {
  const loaded = loadFile(text, 'inline.yaml', catalog);
  if (loaded.kind !== 'scenario' || !loaded.scenario) {
    throw new Error(`scenario did not load:\n${loaded.diagnostics.map(formatDiagnostic).join('\n')}`);
  }
  return loaded.scenario;
}

export function compileYaml(text: string) {
  return compile(load(text));
}

/** The header every inline scenario needs; `extra` adds top-level keys (meters:, passScore: ...). */
export function header(id: string, extra = ''): string {
  return `id: ${id}\ntitle: ${id}\ncast:\n  wang: { name: Wang }\nlessons:\n  a: { title: A, principle: A }\n  b: { title: B, principle: B }\n${extra}`;
}

/** A small case with every kind of node: a hidden choice, typed answers with a timeout, a `when` branch, two endings. */
export const GREETING =
  header('greeting', 'meters:\n  trust: { initial: 0, min: 0, max: 2 }\n') +
  yaml`
  start: greet
  nodes:
    greet:
      choices:
        - { id: warm, score: { a: 2 }, effects: { trust: 1 }, goto: ask }
        - { id: cold, score: { a: -1 }, goto: ask }
        - { id: secret, if: { trust: { gte: 2 } }, score: { b: 5 }, goto: won }
    ask:
      input:
        rules:
          - { match: { any: [sorry] }, score: { b: 2 }, goto: check }
          - { goto: check }
      timeout: { seconds: 30, score: { b: -1 }, feedback: too slow, goto: check }
    check:
      when:
        - { if: { trust: { gte: 1 } }, score: { a: 1 }, goto: won }
        - { goto: lost }
    won:
      end: { outcome: success }
    lost:
      end: { outcome: failure }
`;
