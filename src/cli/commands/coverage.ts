/** Printing `roleplay test --coverage`: per scenario what no test visits, then a summary line. */
import { safeLine } from '../../core/index.js';
import { totalCoverage, type CoverageCount, type ScenarioCoverage } from '../../core/coverage.js';

const ratio = (c: CoverageCount) => `${c.covered}/${c.total}`;
const percent = (c: CoverageCount) => (c.total === 0 ? 100 : Math.floor((100 * c.covered) / c.total));

export function coverageLines(all: readonly ScenarioCoverage[]): string[] {
  const lines = ['', 'coverage (nodes entered, choices taken, endings reached by the tests):'];
  const width = Math.max(0, ...all.map((c) => c.scenario.length));
  for (const c of all) {
    const full = c.missedNodes.length + c.missedChoices.length + c.missedEndings.length === 0;
    lines.push(`  ${c.scenario.padEnd(width)}  nodes ${ratio(c.nodes)}  choices ${ratio(c.choices)}  endings ${ratio(c.endings)}${c.tests === 0 ? '  (no tests)' : full ? '  (all covered)' : ''}`);
    if (c.tests === 0) continue;
    const list = (what: string, items: readonly string[]) => {
      if (items.length) lines.push(`    ${what}: ${items.map(safeLine).join(', ')}`);
    };
    list('endings never reached', c.missedEndings);
    list('nodes never entered', c.missedNodes.filter((n) => !c.missedEndings.includes(n)));
    list('choices never taken', c.missedChoices);
  }
  const t = totalCoverage(all);
  lines.push(`coverage: nodes ${ratio(t.nodes)} (${percent(t.nodes)}%), choices ${ratio(t.choices)} (${percent(t.choices)}%), endings ${ratio(t.endings)} (${percent(t.endings)}%) in ${all.length} scenario${all.length === 1 ? '' : 's'}`);
  return lines;
}

export function writeCoverage(all: readonly ScenarioCoverage[]): void {
  process.stdout.write(coverageLines(all).join('\n') + '\n');
}
