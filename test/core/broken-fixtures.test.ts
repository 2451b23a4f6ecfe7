/**
 * Every file in test/fixtures/broken is rejected with one error at the exact line:column of
 * the offending key or value, in words a trainer understands. Loaded the way `roleplay lint`
 * loads them (src/cli/files.ts: size cap, UTF-8 check, catalog), but in-process for speed;
 * test/cli/lint.test.ts runs the same files through the binary.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPath } from '../../src/cli/files.js';
import { loadFile } from '../../src/core/index.js';

export const BROKEN_DIR = join(import.meta.dirname, '..', 'fixtures', 'broken');

/** file → the first error: where, which kind, and the words it must contain */
export const BROKEN: Record<string, { at: string; code: string; says: RegExp }> = {
  'unknown-goto.yaml': { at: '14:15', code: 'unknown-node', says: /unknown node 'estimat'; did you mean 'estimate'\?/ },
  'unknown-speaker.yaml': { at: '11:14', code: 'unknown-speaker', says: /unknown speaker 'gaurd'; did you mean 'guard'\?/ },
  'unknown-lesson.yaml': { at: '13:18', code: 'unknown-lesson', says: /unknown lesson 'listen-frist'; did you mean 'listen-first'\?/ },
  'unknown-meter-effect.yaml': { at: '17:29', code: 'unknown-meter', says: /unknown meter 'trsut'; did you mean 'trust'\?/ },
  'unknown-meter-condition.yaml': { at: '15:15', code: 'unknown-meter', says: /unknown meter 'patient' in condition; did you mean 'patience'\?/ },
  'unknown-start.yaml': { at: '7:8', code: 'unknown-node', says: /start names unknown node 'openin'; did you mean 'opening'\?/ },
  'visited-unknown.yaml': { at: '13:24', code: 'unknown-node', says: /visited names unknown node 'openning'; did you mean 'opening'\?/ },
  'duplicate-node.yaml': { at: '17:3', code: 'yaml-duplicate-key', says: /duplicate key 'opening'/ },
  'duplicate-choice.yaml': { at: '15:13', code: 'duplicate-choice', says: /choice id 'apologize' is used twice in node 'opening'/ },
  'duplicate-key.yaml': { at: '11:5', code: 'yaml-duplicate-key', says: /duplicate key 'text'/ },
  'bad-outcome.yaml': { at: '16:21', code: 'invalid-field', says: /outcome 'sucess' is not valid; use success, partial or failure/ },
  'pass-score-range.yaml': { at: '3:12', code: 'invalid-field', says: /passScore must be from 0 to 100/ },
  'timeout-not-a-number.yaml': { at: '16:16', code: 'invalid-field', says: /seconds must be a number of seconds.*"thirty"/ },
  'no-fallback-rule.yaml': { at: '11:5', code: 'no-fallback-rule', says: /node 'opening' has no fallback rule/ },
  'fallback-not-last.yaml': { at: '13:11', code: 'fallback-not-last', says: /rule 1 of node 'opening' has no `match`.*move it to the end/ },
  'when-without-default.yaml': { at: '22:9', code: 'when-no-default', says: /last `when` entry of node 'check' must have no `if`/ },
  'two-kinds.yaml': { at: '15:5', code: 'node-kind', says: /node 'opening' has both choices and end/ },
  'no-kind.yaml': { at: '15:3', code: 'node-kind', says: /node 'limbo' does nothing: give it exactly one of choices, input, when or end/ },
  'timeout-on-end.yaml': { at: '17:5', code: 'misplaced-timeout', says: /a timeout only applies to a node with choices or input; node 'done' has end/ },
  'tab-indent.yaml': { at: '8:1', code: 'yaml-tab-as-indent', says: /a tab is used for indentation/ },
  'empty.yaml': { at: '1:1', code: 'empty-file', says: /the file is empty/ },
  'only-comments.yaml': { at: '1:1', code: 'empty-file', says: /the file is empty/ },
  'list-not-map.yaml': { at: '1:1', code: 'not-a-map', says: /expected a map of fields .* found a list/ },
  'yaml-syntax.yaml': { at: '2:8', code: 'yaml-missing-char', says: /the " opened here is never closed/ },
  'alias-bomb.yaml': { at: '2:8', code: 'yaml-alias-count', says: /too many alias references.*alias bomb/ },
  'binary.yaml': { at: '1:1', code: 'not-utf8', says: /not UTF-8 text/ },
  'nul-byte.yaml': { at: '2:13', code: 'binary-file', says: /not a text file \(it contains a NUL byte\)/ },
  'invalid-regex.yaml': { at: '13:27', code: 'bad-regex', says: /this regex is not valid: .*Unterminated group/ },
  'max-not-positive.yaml': { at: '7:8', code: 'max-not-positive', says: /the best path through this case scores -1 points/ },
  'meter-range.yaml': { at: '6:20', code: 'meter-range', says: /meter 'mood' starts at 9, outside its range -5\.\.5/ },
  'branch-loop.yaml': { at: '17:3', code: 'branch-loop', says: /automatic branches loop with no trainee step in between \(ping → pong → …\)/ },
  'missing-field.yaml': { at: '1:1', code: 'invalid-field', says: /missing required field 'nodes'/ },
  'wrong-type.yaml': { at: '3:13', code: 'invalid-field', says: /difficulty must be 1, 2 or 3/ },
};

describe('broken fixtures', () => {
  const files = readdirSync(BROKEN_DIR).filter((f) => f.endsWith('.yaml')).sort();

  it('are at least 20, and every one has an expectation here', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(files).toEqual(Object.keys(BROKEN).sort());
  });

  it.each(Object.entries(BROKEN))('%s: error at the exact line:column with a clear message', (file, want) => {
    const { diagnostics } = loadPath(join(BROKEN_DIR, file));
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    const first = errors[0]!;
    expect(`${first.line}:${first.column}`).toBe(want.at);
    expect(first.code).toBe(want.code);
    expect(first.message).toMatch(want.says);
    // one line per problem, written for a trainer
    for (const d of diagnostics) {
      expect(d.message).not.toContain('\n');
      expect(d.message).not.toMatch(/\bat \w+ \(|Error:|undefined|\[object/);
    }
  });

  it('wrong-type.yaml reports every bad field, not only the first', () => {
    const { diagnostics } = loadPath(join(BROKEN_DIR, 'wrong-type.yaml'));
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '3:13 difficulty must be 1, 2 or 3',
      "14:24 node 'opening', choice 1: points must be a number",
    ]);
  });

  it.each(['unknown-goto.yaml', 'unknown-meter-effect.yaml', 'timeout-on-end.yaml'])('%s with CRLF line ends and a BOM: the same line:column', (file) => {
    // positions are counted in lines and characters, whatever the line ends or a leading BOM
    const text = readFileSync(join(BROKEN_DIR, file), 'utf8');
    const plain = loadFile(text, file).diagnostics[0]!;
    const crlf = loadFile('\uFEFF' + text.replace(/\n/g, '\r\n'), file).diagnostics[0]!;
    expect(`${crlf.line}:${crlf.column}`).toBe(BROKEN[file]!.at);
    expect(crlf).toEqual(plain);
  });
});
