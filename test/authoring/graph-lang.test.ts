/**
 * `roleplay graph` writes its own words in the language asked for (issue #19): node kinds,
 * outcomes, the start, and what takes each way; ids, choice ids, keywords and patterns stay as
 * the trainer wrote them.
 */
import { describe, expect, it } from 'vitest';
import { BASEMENT_ALARM, rp } from './helpers.js';

/** Words of the English graph that must not appear in the Chinese one. */
const ENGLISH = [
  '(choice)',
  '(input)',
  '(when)',
  '(end:',
  'success)',
  'failure)',
  'timeout ',
  'any other answer',
  'answer 1',
  ' if ',
  '"if ',
  'visited ',
  'otherwise',
  'always',
  ' not ',
  '((start))',
];

describe('roleplay graph --lang zh', () => {
  it('Mermaid: kinds, outcomes, conditions, timeouts and answers in Chinese; ids verbatim', () => {
    const r = rp(['graph', BASEMENT_ALARM, '--lang', 'zh']);
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/\[\/"lobby \(输入回答\)<br\/>站住！/);
    expect(out).toContain('{"goodwill-check (自动分支)"}');
    expect(out).toMatch(/\["permit \(选择\)<br\/>施工单和出入证呢？"\]/);
    expect(out).toMatch(/\(\["turned-away \(结局：失败\)/);
    expect(out).toMatch(/\(\["repaired-late \(结局：部分成功\)/);
    expect(out).toContain('-->|"show-permit · 如果 goodwill #gt; 2 · +2"|');
    expect(out).toContain('-->|"超时 20 秒 · −1"|');
    expect(out).toContain('-->|"如果 到过 goodwill-check · −1"|');
    expect(out).toContain('-->|"回答 2：您好/你好/师傅/hello 不含 赶紧/快点/hurry · +1"|');
    expect(out).toContain('-->|"其他回答 · −1"|');
    expect(out).toContain('-->|"否则"|');
    expect(out).toMatch(/^ {2}start\(\("开始"\)\) --> n0$/m);
    for (const word of ENGLISH) expect(out, word).not.toContain(word);
    // Mermaid's own syntax and the class names are not words for a reader
    expect(out).toMatch(/^flowchart TD$/m);
    expect(out).toMatch(/classDef failure fill:#ffc7ce/);
  });

  it('DOT: the same words', () => {
    const r = rp(['graph', BASEMENT_ALARM, '--format', 'dot', '--lang', 'zh']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/"lobby" \[label="lobby \(输入回答\)\\n/);
    expect(r.stdout).toContain('"permit" -> "on-hold" [label="超时 20 秒 · −1"];');
    expect(r.stdout).toMatch(/"turned-away" \[label="turned-away \(结局：失败\)/);
    for (const word of ENGLISH) expect(r.stdout, word).not.toContain(word);
  });

  it('--lang en keeps the English words', () => {
    const r = rp(['graph', BASEMENT_ALARM, '--lang', 'en']);
    expect(r.stdout).toContain('{"goodwill-check (when)"}');
    expect(r.stdout).toContain('-->|"timeout 20s · −1"|');
    expect(r.stdout).toMatch(/^ {2}start\(\("start"\)\) --> n0$/m);
  });
});
