/**
 * The pure core of roleplay: scenario schema and loading, compilation to an XState machine,
 * play, scoring and analysis. No terminal, no files, no clock: the edges (cli, ui, store)
 * bring those.
 */
export * from './text.js';
export * from './sanitize.js';
export * from './diagnostics.js';
export * from './model.js';
export * from './conditions.js';
export * from './match.js';
export * from './suggest.js';
export { parseYaml, type Locator, type Path, type PathSegment, type Position } from './yaml-source.js';
export { scenarioJsonSchema, catalogJsonSchema, ID_PATTERN } from './schema.js';
export {
  loadFile,
  loadScenario,
  loadCatalog,
  mergeCatalogs,
  kindOf,
  EMPTY_CATALOG,
  type Loaded,
  type LessonCatalog,
  type FileKind,
} from './load.js';
export { DEFAULT_PASS_SCORE } from './normalize.js';
export { TEXT_LIMITS } from './checks.js';
export * from './graph.js';
export * from './explore.js';
export * from './scoring.js';
export * from './machine.js';
export * from './session.js';
export * from './records.js';
export * from './recorder.js';
export { shuffledChoices, MAX_SHUFFLE_SEED } from './shuffle.js';
