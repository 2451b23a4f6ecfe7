/** A stored scenario that no longer loads (the file was damaged in the database): one clear reason, in both languages. */
import { describe, expect, it } from 'vitest';
import { EMPTY_CATALOG } from '../../src/core/index.js';
import { canonicalJson, sha256 } from '../../src/store/chain.js';
import { compiledFromSource, SourceError } from '../../src/store/scenario-source.js';

describe('compiledFromSource', () => {
  it('names the scenario and its first error, in English and Chinese', () => {
    const source = 'id: night\nstart: gate\nnodes:\n  gate: { text: hi, choices: [{ id: a, goto: nowhere }] }\n';
    const stored = {
      hash: sha256(canonicalJson({ source, catalog: EMPTY_CATALOG })),
      scenarioId: 'night',
      file: 'night.yaml',
      catalog: EMPTY_CATALOG,
      source,
    };
    let error: unknown;
    try {
      compiledFromSource(stored);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SourceError);
    const e = error as SourceError;
    expect(e.in('en')).toMatch(/^the stored copy of scenario 'night' no longer loads: .+/);
    expect(e.in('zh')).toMatch(/^保存的案例「night」已无法载入：.*[\u4e00-\u9fff]/);
    expect(e.message).toBe(e.in('en'));
  });

  it('refuses a stored copy that no longer matches its hash (edited in the database), in both languages', () => {
    const source = 'id: night\n';
    const stored = {
      hash: sha256(canonicalJson({ source, catalog: EMPTY_CATALOG })),
      scenarioId: 'night',
      file: 'night.yaml',
      catalog: EMPTY_CATALOG,
      source: `${source}# edited\n`,
    };
    expect(() => compiledFromSource(stored)).toThrow(
      /^the stored copy of scenario 'night' was altered: it no longer matches its hash/,
    );
    try {
      compiledFromSource(stored);
    } catch (e) {
      expect((e as SourceError).in('zh')).toMatch(/^保存的案例「night」被改动过/);
    }
  });
});
