/** Printing `roleplay test --coverage`: per scenario what no test visits, then a summary line. */
import { safeLine, type Lang } from '../../core/index.js';
import type { Said } from '../../core/format/messages.js';
import { totalCoverage, type CoverageCount, type ScenarioCoverage } from '../../core/analysis/coverage.js';
import { printLine } from '../env.js';
import { coverageMessages as says, type CoverageRatio } from '../tool-messages.js';

const ratio = (c: CoverageCount) => `${c.covered}/${c.total}`;
const percent = (c: CoverageCount) => (c.total === 0 ? 100 : Math.floor((100 * c.covered) / c.total));
const withPercent = (c: CoverageCount): CoverageRatio => ({ ratio: ratio(c), percent: percent(c) });

export function coverageLines(all: readonly ScenarioCoverage[], lang: Lang): string[] {
  const lines = ['', says.heading()[lang]];
  const width = Math.max(0, ...all.map((c) => c.scenario.length));
  for (const c of all) {
    const full = c.missedNodes.length + c.missedChoices.length + c.missedEndings.length === 0;
    const note = c.tests === 0 ? `  ${says.noTests()[lang]}` : full ? `  ${says.allCovered()[lang]}` : '';
    lines.push(
      `  ${c.scenario.padEnd(width)}  ${says.counts(ratio(c.nodes), ratio(c.choices), ratio(c.endings), c.rules.total > 0 ? ratio(c.rules) : undefined)[lang]}${note}`,
    );
    if (c.tests === 0) continue;
    const list = (what: (ids: readonly string[]) => Said, items: readonly string[]) => {
      if (items.length) lines.push(`    ${what(items.map(safeLine))[lang]}`);
    };
    list(says.endingsMissed, c.missedEndings);
    list(
      says.nodesMissed,
      c.missedNodes.filter((n) => !c.missedEndings.includes(n)),
    );
    list(says.choicesMissed, c.missedChoices);
    list(says.rulesMissed, c.missedRules);
  }
  const t = totalCoverage(all);
  const rules = t.rules.total > 0 ? withPercent(t.rules) : undefined;
  lines.push(says.total(withPercent(t.nodes), withPercent(t.choices), withPercent(t.endings), all.length, rules)[lang]);
  return lines;
}

export function writeCoverage(all: readonly ScenarioCoverage[], lang: Lang): void {
  printLine(coverageLines(all, lang).join('\n'));
}
