/**
 * The pure core of roleplay: scenario schema and loading, compilation to an XState machine,
 * play, scoring and analysis. No terminal, no files, no clock: the edges (cli, ui, store)
 * bring those.
 */
export * from './text.js';
export * from './sanitize.js';
export * from './format/diagnostics.js';
export * from './format/model.js';
export * from './play/conditions.js';
export * from './play/match.js';
export { ruleParts, ruleSaid } from './play/rule-words.js';
export * from './format/suggest.js';
export { parseYaml, type Locator, type Path, type PathSegment, type Position } from './yaml/yaml-source.js';
export { scenarioJsonSchema, catalogJsonSchema, ID_PATTERN } from './format/schema.js';
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
} from './format/load.js';
export { DEFAULT_PASS_SCORE } from './format/normalize.js';
export { TEXT_LIMITS } from './format/checks.js';
export * from './analysis/graph.js';
export * from './analysis/explore.js';
export * from './play/scoring.js';
export * from './play/machine.js';
export * from './play/session.js';
export * from './records/records.js';
export * from './records/recorder.js';
export * from './records/progress.js';
export { shuffledChoices, MAX_SHUFFLE_SEED } from './play/shuffle.js';
