/**
 * Lesson catalogs as the contract says: inline lessons merge with the catalog, an inline
 * lesson with a catalog id replaces it for that scenario (with a warning), a scenario given
 * by path outside scenarios/ still sees the bundled catalog, and linting a folder warns about
 * catalog lessons that no scenario there scores.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadPath } from '../../src/cli/files.js';
import { localize } from '../../src/core/index.js';
import { ROOT, rp } from './helpers.js';

const scenario = (id: string, lessonsYaml: string, score: string) => `id: ${id}
title: ${id}
cast:
  li: { name: Li }
${lessonsYaml}start: s
nodes:
  s:
    choices:
      - { id: ok, score: { ${score}: 2 }, goto: e }
  e:
    end: { outcome: success }
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'roleplay-catalog-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lesson catalogs', () => {
  it('a scenario outside scenarios/ sees the bundled catalog', () => {
    const bundled = Object.keys(
      (parse(readFileSync(join(ROOT, 'scenarios', 'lessons.yaml'), 'utf8')) as { lessons: object }).lessons,
    );
    const lesson = bundled[0]!;
    const file = join(dir, 'outside.yaml');
    writeFileSync(file, scenario('outside', '', lesson));
    const { loaded, diagnostics } = loadPath(file, 'en');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded?.kind === 'scenario' && loaded.scenario!.lessons[lesson]!.origin).toBe('catalog');
    const r = rp(['run', file, '--choices', 'ok', '--lang', 'en']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).score.lessons).toEqual({ [lesson]: { points: 2, max: 2 } });
  });

  it('a lessons.yaml beside the file is merged in; an inline lesson of the same id replaces it, with a warning', () => {
    const folder = join(dir, 'team');
    mkdirSync(folder);
    writeFileSync(
      join(folder, 'lessons.yaml'),
      'lessons:\n  calm: { title: { zh: 冷静, en: Stay calm }, principle: { zh: 先冷静, en: Calm first } }\n  spare: { title: { zh: 备用, en: Spare }, principle: { zh: 备用, en: Spare } }\n',
    );
    writeFileSync(join(folder, 'uses-catalog.yaml'), scenario('uses-catalog', '', 'calm'));
    writeFileSync(
      join(folder, 'overrides.yaml'),
      scenario(
        'overrides',
        'lessons:\n  calm: { title: { zh: 我的冷静, en: My calm }, principle: { zh: 我的, en: Mine } }\n',
        'calm',
      ),
    );

    const uses = loadPath(join(folder, 'uses-catalog.yaml'), 'en');
    expect(uses.diagnostics).toEqual([]);
    const usesScenario = uses.loaded?.kind === 'scenario' ? uses.loaded.scenario! : undefined;
    expect(localize(usesScenario!.lessons.calm!.title, 'en')).toBe('Stay calm');

    const over = loadPath(join(folder, 'overrides.yaml'), 'en');
    expect(over.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual([
      '6:3 warning lesson-overrides-catalog',
    ]);
    const overScenario = over.loaded?.kind === 'scenario' ? over.loaded.scenario! : undefined;
    expect(localize(overScenario!.lessons.calm!.title, 'en')).toBe('My calm');
    expect(overScenario!.lessons.calm!.origin).toBe('inline');

    // linting the folder: the catalog lesson nobody scores is a warning at its key; exit stays 0
    const r = rp(['lint', '--lang', 'en', folder]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(
      `${join(folder, 'lessons.yaml')}:3:3: warning: lesson 'spare' is in the catalog but no scenario here scores it`,
    );
    expect(r.stdout).not.toMatch(/lesson 'calm' is in the catalog/);
    expect(rp(['lint', '--lang', 'en', '--strict', folder]).status).toBe(1);
  });

  it('a scenario scoring a lesson that is in no catalog: error with the nearest id', () => {
    const file = join(dir, 'typo.yaml');
    writeFileSync(file, scenario('typo', 'lessons:\n  stay-calm: { title: Calm, principle: Calm }\n', 'stay-clam'));
    const { diagnostics } = loadPath(file, 'en');
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      "11:28 unknown lesson 'stay-clam'; did you mean 'stay-calm'? (lessons come from scenarios/lessons.yaml or this file's lessons:)",
    ]);
  });
});
