/** Files that are valid, including the awkward ones (BOM, CRLF), and the warnings lint gives. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPath } from '../../src/cli/files.js';

const VALID_DIR = join(import.meta.dirname, '..', 'fixtures', 'valid');
const at = (f: string) => join(VALID_DIR, f);

describe('valid fixtures', () => {
  it('the BOM and CRLF fixtures really hold a BOM and CRLF line ends', () => {
    expect([...readFileSync(at('bom.yaml')).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readFileSync(at('crlf.yaml'), 'utf8')).toContain('\r\n');
    expect(readFileSync(at('crlf.yaml'), 'utf8').replace(/\r\n/g, '')).not.toContain('\n');
  });

  it.each(['plain.yaml', 'bom.yaml', 'crlf.yaml'])('%s loads with no diagnostics at all', (file) => {
    const { loaded, diagnostics } = loadPath(at(file), 'en');
    expect(diagnostics).toEqual([]);
    expect(loaded?.kind === 'scenario' && loaded.scenario?.id).toBe(file.replace('.yaml', ''));
  });

  it('BOM and CRLF do not leak into the text (no \\r, no \\uFEFF in ids or strings)', () => {
    for (const file of ['bom.yaml', 'crlf.yaml']) {
      const { loaded } = loadPath(at(file), 'en');
      const scenario = loaded?.kind === 'scenario' ? loaded.scenario! : undefined;
      expect(JSON.stringify(scenario)).not.toMatch(/\\r|\uFEFF/);
      expect(Object.keys(scenario!.nodes)).toEqual(['opening', 'done']);
      expect(scenario!.nodes.opening!.text).toEqual({ zh: '你好', en: 'Hello' });
    }
  });

  it('warnings.yaml: valid (loads), with each warning at its line:column', () => {
    const { loaded, diagnostics } = loadPath(at('warnings.yaml'), 'en');
    expect(loaded?.kind === 'scenario' && loaded.scenario).toBeTruthy();
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    const got = diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`).sort();
    expect(got).toEqual([
      '13:32 text-cut-at-comma',
      '14:5 unknown-key',
      '23:9 choice-never-shown',
      '26:3 unreachable-node',
      '31:3 dead-end',
      '35:3 dead-end',
      '9:3 lesson-never-scored',
    ]);
    const byCode = Object.fromEntries(diagnostics.map((d) => [d.code, d.message]));
    expect(byCode['unknown-key']).toMatch(
      /unknown key 'choises' in node 'opening' is ignored; did you mean 'choices'\?/,
    );
    expect(byCode['text-cut-at-comma']).toMatch(/'how are you' was read as a separate key.*put the text in quotes/);
    expect(byCode['lesson-never-scored']).toMatch(/lesson 'spare' is defined here but no step scores it/);
    expect(byCode['unreachable-node']).toMatch(/node 'island' can never be reached/);
    expect(byCode['choice-never-shown']).toMatch(/choice 'never' of node 'opening' is never shown/);
  });

  it('text cut at a comma keeps the part before the comma', () => {
    const { loaded } = loadPath(at('warnings.yaml'), 'en');
    const scenario = loaded?.kind === 'scenario' ? loaded.scenario! : undefined;
    expect(scenario!.nodes.opening!.text).toEqual({ zh: '你好', en: 'Hello' });
  });
});
