/**
 * Opening one case fully for the play UI (read, validated against the contract). Apart from
 * play.ts because it loads the whole core: the menu draws first and loads this after.
 */
import { formatDiagnostic } from '../../core/format/diagnostics.js';
import type { Lang } from '../../core/text.js';
import type { OpenResult } from '../../ui/library.js';
import { resolveScenario } from '../files.js';

/** `lang`: the language of the problem shown when the case does not load. */
export function openScenario(ref: string, lang: Lang): OpenResult {
  const r = resolveScenario(ref, lang);
  if (r.ok) return { ok: true, opened: { scenario: r.scenario, source: r.source, file: r.file } };
  const first = r.diagnostics.find((d) => d.severity === 'error');
  return { ok: false, message: first ? formatDiagnostic(first) : (r.message ?? `${ref}: cannot be opened`) };
}
