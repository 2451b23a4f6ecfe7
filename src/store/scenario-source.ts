/**
 * Each session keeps the exact scenario it was played on: the YAML text plus the catalog
 * lessons it saw, stored once per content hash. Loading that back (core loadFile + compile)
 * replays and scores an old session exactly, whatever a trainer has since changed in the
 * YAML or in lessons.yaml.
 */
import {
  compile,
  loadFile,
  type CompiledScenario,
  type Lesson,
  type Loaded,
  type LessonCatalog,
  type Scenario,
} from '../core/index.js';
import { canonicalJson, sha256 } from './chain.js';
import { StoreError, type ScenarioSource } from './store.js';

/** The catalog lessons a loaded scenario saw (its inline lessons come back from the source). */
export function catalogOf(scenario: Scenario): LessonCatalog {
  const lessons: Record<string, Lesson> = {};
  for (const [id, l] of Object.entries(scenario.lessons)) if (l.origin === 'catalog') lessons[id] = l;
  return { lessons };
}

export function sourceOf(scenario: Scenario, source: string, file?: string): ScenarioSource {
  const catalog = catalogOf(scenario);
  return {
    hash: sha256(canonicalJson({ source, catalog })),
    scenarioId: scenario.id,
    file: file ?? `${scenario.id}.yaml`,
    source,
    catalog,
  };
}

export class SourceError extends StoreError {}

/** The stored scenario, loaded and compiled as it was when the session was played. */
export function compiledFromSource(stored: ScenarioSource): CompiledScenario {
  const loaded = loadFile(stored.source, stored.file, stored.catalog);
  if (loaded.kind !== 'scenario' || !loaded.scenario) {
    const firstError = (diagnostics: Loaded['diagnostics']) => diagnostics.find((d) => d.severity === 'error')?.message;
    // the English words came with the first load; only the Chinese needs another
    const en = firstError(loaded.diagnostics);
    const zh = firstError(loadFile(stored.source, stored.file, stored.catalog, { lang: 'zh' }).diagnostics);
    throw new SourceError({
      zh: `保存的案例「${stored.scenarioId}」已无法载入${zh ? `：${zh}` : ''}`,
      en: `the stored copy of scenario '${stored.scenarioId}' no longer loads${en ? `: ${en}` : ''}`,
    });
  }
  return compile(loaded.scenario);
}
