/** A stored scenario that no longer loads (the file was damaged in the database): one clear reason, in both languages. */
import { describe, expect, it } from 'vitest';
import { EMPTY_CATALOG } from '../../src/core/index.js';
import { compiledFromSource, SourceError } from '../../src/store/scenario-source.js';

describe('compiledFromSource', () => {
  it('names the scenario and its first error, in English and Chinese', () => {
    const stored = {
      hash: 'h',
      scenarioId: 'night',
      file: 'night.yaml',
      catalog: EMPTY_CATALOG,
      source: 'id: night\nstart: gate\nnodes:\n  gate: { text: hi, choices: [{ id: a, goto: nowhere }] }\n',
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
});
