/** What `roleplay list` does: the scenarios on offer, as text or JSON. */
import { customerOf, localize, safeLine, type Lang, type Scenario } from '../../core/index.js';
import { printJson } from '../json-output.js';
import { listScenarioFiles, resolveScenario } from '../files.js';
import { printText, printErr } from '../env.js';

export interface ScenarioSummary {
  readonly id: string;
  readonly title: string;
  readonly difficulty: number | null;
  readonly tags: readonly string[];
  readonly customer: string | null;
  readonly file: string;
}

/** Every scenario that loads from the scenario folders, with its title in `lang`. */
export function availableScenarios(lang: Lang): { summary: ScenarioSummary; scenario: Scenario }[] {
  const out: { summary: ScenarioSummary; scenario: Scenario }[] = [];
  for (const { file } of listScenarioFiles()) {
    const r = resolveScenario(file, lang);
    if (!r.ok) continue;
    const s = r.scenario;
    out.push({
      scenario: s,
      summary: {
        id: s.id,
        title: localize(s.title, lang),
        difficulty: s.difficulty ?? null,
        tags: s.tags,
        customer: customerOf(s).type ?? null,
        file,
      },
    });
  }
  return out.sort(
    (a, b) => (a.summary.difficulty ?? 0) - (b.summary.difficulty ?? 0) || a.summary.id.localeCompare(b.summary.id),
  );
}

export function listCommand(options: { json?: boolean; lang: Lang }): number {
  const list = availableScenarios(options.lang).map((x) => x.summary);
  if (options.json) {
    printJson({ scenarios: list });
    return 0;
  }
  const idWidth = Math.max(2, ...list.map((s) => s.id.length));
  for (const s of list) {
    const stars = s.difficulty ? '★'.repeat(s.difficulty) + '☆'.repeat(3 - s.difficulty) : '   ';
    printText(
      `${s.id.padEnd(idWidth)}  ${stars}  ${safeLine(s.title)}${s.tags.length ? `  [${s.tags.map(safeLine).join(', ')}]` : ''}\n`,
    );
  }
  if (list.length === 0) printErr('no scenarios found\n');
  return 0;
}
