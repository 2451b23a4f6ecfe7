/**
 * Sample answers in `tests:` (node + answers), through the CLI: `roleplay test` runs them and
 * names each answer that takes another rule, `--coverage` counts the rules they visit, and
 * lint reports a test that names a node or rule that does not exist — in Chinese and English.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, rp } from './helpers.js';

const CASE = join(FIXTURES, 'ui', 'scoring-model.yaml');
const source = readFileSync(CASE, 'utf8');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roleplay-answers-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The fixture with its answers test replaced (the YAML list items under `answers:`). */
function withAnswers(answers: string, extra = ''): string {
  const at = source.indexOf('  - name: details — what trainees type');
  const file = join(dir, 'case.yaml');
  writeFileSync(
    file,
    `${source.slice(0, at)}  - name: details — what trainees type\n    node: details\n    answers:\n${answers}${extra}`,
  );
  return file;
}

describe('roleplay test: sample answers', { timeout: 60_000 }, () => {
  it('passes when every answer takes its rule (id, fallback or number)', () => {
    const r = rp(['test', '--lang', 'en', CASE]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toBe(
      'ok   scoring-model › the model answer, then the best reply\n' +
        'ok   scoring-model › details — what trainees type\n' +
        '2 passed, 0 failed\n',
    );
  });

  it('names the node, the answer, the rule taken and the rule expected (en, zh); exit 1', () => {
    const file = withAnswers(
      '      - { say: 我不敢打包票，但今晚可以一起去站上测一下, rule: vague }\n' +
        '      - { say: 今天天气不错, rule: fallback }\n' +
        '      - { say: 大概两周吧，我尽快, rule: 1 }\n',
    );
    const en = rp(['test', '--lang', 'en', file]);
    expect(en.status).toBe(1);
    expect(en.stdout).toContain(
      "FAIL scoring-model › details — what trainees type: at node 'details', “我不敢打包票，但今晚可以一起去站上测一下” took rule 1 ('joint-test'), expected rule 2 ('vague'); " +
        "at node 'details', “大概两周吧，我尽快” took rule 2 ('vague'), expected rule 1 ('joint-test')\n",
    );
    expect(en.stdout).toMatch(/1 passed, 1 failed\n$/);
    const zh = rp(['test', '--lang', 'zh', file]);
    expect(zh.stdout).toContain(
      'FAIL scoring-model › details — what trainees type: 节点「details」：“我不敢打包票，但今晚可以一起去站上测一下”走的是第 1 条规则「joint-test」，应为第 2 条规则「vague」；',
    );
    expect(zh.stdout).toMatch(/1 个通过，1 个失败\n$/);
  });

  it('--coverage counts the answer rules taken by say steps and sample answers', () => {
    const file = withAnswers('      - { say: 大概这两天吧, rule: vague }\n');
    const r = rp(['test', '--lang', 'en', '--coverage', file]);
    expect(r.status).toBe(0);
    // joint-test by the path test's say step, vague by the sample answer
    expect(r.stdout).toMatch(/^ {2}scoring-model +nodes 3\/3 {2}choices 1\/3 {2}endings 1\/1 {2}rules 2\/4$/m);
    expect(r.stdout).toMatch(/^ {4}answer rules never taken: details#blame, details#fallback$/m);
    expect(r.stdout).toContain(', rules 2/4 (50%) in 1 scenario');
    const zh = rp(['test', '--lang', 'zh', '--coverage', file]);
    expect(zh.stdout).toMatch(/回答规则 2\/4$/m);
  });

  it('escape sequences in an answer never reach the terminal', () => {
    const file = withAnswers('      - { say: "\\e[31m红\\u0007", rule: vague }\n');
    const r = rp(['test', '--lang', 'en', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("“红” took rule 4 ('fallback'), expected rule 2 ('vague')");
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});

describe('lint: answers tests', { timeout: 60_000 }, () => {
  it('an unknown rule, a node without input, a test that mixes both kinds: errors at their place', () => {
    const file = withAnswers(
      '      - { say: 好的, rule: joint }\n      - { say: 好的, rule: 9 }\n',
      '  - name: wrong node\n    node: plan\n    answers: [{ say: x, rule: 1 }]\n' +
        '  - name: both\n    node: details\n    answers: []\n    steps: []\n    expect: { outcome: success }\n' +
        '  - name: neither\n',
    );
    const r = rp(['lint', '--lang', 'en', file]);
    expect(r.status).toBe(1);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.slice(file.length + 1));
    expect(lines).toEqual([
      "76:26: error: test 'details — what trainees type': node 'details' has no rule 'joint' (use one of: joint-test, vague, blame, fallback)",
      "77:26: error: test 'details — what trainees type': node 'details' has no rule '9' (use one of: joint-test, vague, blame, fallback)",
      "79:11: error: test 'wrong node' names node 'plan', which is not a node with input",
      "82:5: error: test 'both' either plays steps with expect, or checks answers at one node (node and answers); not both",
      "86:5: error: test 5: missing required field 'steps'",
      "86:5: error: test 5: missing required field 'expect'",
    ]);
    const zh = rp(['lint', '--lang', 'zh', file]);
    expect(zh.stdout).toContain(
      '76:26: error: 测试「details — what trainees type」：节点「details」没有规则「joint」（可以写：joint-test、vague、blame、fallback）',
    );
  });
});
