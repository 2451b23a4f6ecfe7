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
import { BROKEN, BROKEN_DIR } from '../fixtures/broken-expect.js';

describe('broken fixtures', () => {
  const files = readdirSync(BROKEN_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort();

  it('are at least 20, and every one has an expectation here', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(files).toEqual(Object.keys(BROKEN).sort());
  });

  it.each(Object.entries(BROKEN))('%s: error at the exact line:column with a clear message', (file, want) => {
    const { diagnostics } = loadPath(join(BROKEN_DIR, file), 'en');
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
    const { diagnostics } = loadPath(join(BROKEN_DIR, 'wrong-type.yaml'), 'en');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '3:13 difficulty must be 1, 2 or 3',
      "14:24 node 'opening', choice 1: points must be a number",
    ]);
  });

  it.each(['unknown-goto.yaml', 'unknown-meter-effect.yaml', 'timeout-on-end.yaml'])(
    '%s with CRLF line ends and a BOM: the same line:column',
    (file) => {
      // positions are counted in lines and characters, whatever the line ends or a leading BOM
      const text = readFileSync(join(BROKEN_DIR, file), 'utf8');
      const plain = loadFile(text, file).diagnostics[0]!;
      const crlf = loadFile(`\uFEFF${text.replace(/\n/g, '\r\n')}`, file).diagnostics[0]!;
      expect(`${crlf.line}:${crlf.column}`).toBe(BROKEN[file]!.at);
      expect(crlf).toEqual(plain);
    },
  );
});
