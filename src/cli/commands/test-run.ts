/**
 * What `roleplay test` does: run the `tests:` of scenarios; one line per test, then `N passed, M failed`
 * (in the trainer's language). Each line starts `ok   ` or `FAIL ` in every language, as lint's
 * error/warning do: CI logs and scripts grep them.
 */
import {
  compile,
  formatDiagnostic,
  runSteps,
  safeLine,
  type Lang,
  type RunReport,
  type Scenario,
  type ScenarioTest,
  type StepRecord,
} from '../../core/index.js';
import { ruleLabel, runAnswerTest } from '../../core/answer-tests.js';
import { coverageOf, type RuleTaken, type ScenarioCoverage } from '../../core/coverage.js';
import { writeCoverage } from './coverage.js';
import { lintPaths } from './lint-run.js';
import { printLine, said } from '../env.js';
import { testMessages as says } from '../tool-messages.js';

export interface TestOutcome {
  readonly scenario: string;
  readonly test: string;
  readonly passed: boolean;
  readonly problems: readonly string[];
  readonly report?: RunReport;
  /** the steps the run took, up to where it stopped (for --coverage) */
  readonly steps: readonly StepRecord[];
}

/** Compares a finished run against a test's expectations; returns what differs, in `lang`. */
export function checkExpectation(test: ScenarioTest, report: RunReport, lang: Lang): string[] {
  const e = test.expect;
  const s = report.score;
  const problems: string[] = [];
  // field names stay as written in the file's `expect:`, in both languages
  const differs = (field: string, got: unknown, want: unknown, how: 'is' | 'min' | 'max' = 'is') =>
    problems.push(
      said(
        `${field} 是 ${got}，${how === 'is' ? '应为' : how === 'min' ? '应至少为' : '应至多为'} ${want}`,
        `${field} ${got}, expected ${how === 'is' ? '' : how === 'min' ? 'at least ' : 'at most '}${want}`,
      )[lang],
    );
  if (e.outcome !== undefined && report.outcome !== e.outcome) differs('outcome', report.outcome, e.outcome);
  if (e.ending !== undefined && report.ending !== e.ending) differs('ending', report.ending, e.ending);
  if (e.percent !== undefined && s.percent !== e.percent) differs('percent', s.percent, e.percent);
  if (e.minPercent !== undefined && s.percent < e.minPercent) differs('percent', s.percent, e.minPercent, 'min');
  if (e.maxPercent !== undefined && s.percent > e.maxPercent) differs('percent', s.percent, e.maxPercent, 'max');
  if (e.passed !== undefined && s.passed !== e.passed) differs('passed', s.passed, e.passed);
  if (e.total !== undefined && s.total !== e.total) differs('total', s.total, e.total);
  return problems;
}

export function runScenarioTests(scenario: Scenario, lang: Lang): TestOutcome[] {
  const compiled = compile(scenario);
  return scenario.tests.map((test) => {
    const steps: StepRecord[] = [];
    const result = runSteps(compiled, test.steps, (r) => steps.push(r));
    if (!result.ok)
      return { scenario: scenario.id, test: test.name, passed: false, problems: [result.text[lang]], steps };
    const problems = checkExpectation(test, result.report, lang);
    return {
      scenario: scenario.id,
      test: test.name,
      passed: problems.length === 0,
      problems,
      report: result.report,
      steps,
    };
  });
}

/** The sample-answer tests of a case: one outcome per test, naming each answer that took another rule. */
export function runAnswerTests(scenario: Scenario, lang: Lang): { outcomes: TestOutcome[]; taken: RuleTaken[] } {
  const taken: RuleTaken[] = [];
  const outcomes = scenario.answerTests.map((test) => {
    const node = scenario.nodes[test.node];
    const problems: string[] = [];
    if (node?.kind === 'input') {
      for (const r of runAnswerTest(scenario, test)) {
        taken.push({ node: test.node, rule: r.taken });
        if (!r.ok && r.expected !== undefined)
          problems.push(
            says.answerMismatch(test.node, safeLine(r.say), ruleLabel(node, r.taken), ruleLabel(node, r.expected))[
              lang
            ],
          );
      }
    }
    return { scenario: scenario.id, test: test.name, passed: problems.length === 0, problems, steps: [] };
  });
  return { outcomes, taken };
}

export function testCommand(paths: readonly string[], options: { lang: Lang; coverage?: boolean }): number {
  const lint = lintPaths(paths.length ? paths : ['scenarios'], options.lang);
  let passed = 0;
  let failed = 0;
  // A file that does not load cannot run its tests: that is a failure, not a silence.
  for (const f of lint.files) {
    if (f.loaded?.kind === 'catalog' && f.diagnostics.every((d) => d.severity !== 'error')) continue;
    const errs = f.diagnostics.filter((d) => d.severity === 'error');
    if (errs.length === 0) continue;
    failed++;
    printLine(`FAIL ${f.file}: ${says.doesNotLoad()[options.lang]}`);
    for (const d of errs) printLine(`     ${formatDiagnostic(d)}`);
  }
  const coverage: ScenarioCoverage[] = [];
  for (const { scenario } of lint.scenarios) {
    const paths = runScenarioTests(scenario, options.lang);
    const answers = runAnswerTests(scenario, options.lang);
    coverage.push(
      coverageOf(
        scenario,
        paths.map((o) => o.steps),
        { tests: answers.outcomes.length, taken: answers.taken },
      ),
    );
    for (const outcome of [...paths, ...answers.outcomes]) {
      if (outcome.passed) {
        passed++;
        // test names and steps come from the file: never let them reach the terminal as control codes
        printLine(`ok   ${scenario.id} › ${safeLine(outcome.test)}`);
      } else {
        failed++;
        printLine(
          `FAIL ${scenario.id} › ${safeLine(outcome.test)}: ${safeLine(outcome.problems.join(says.problemSeparator()[options.lang]))}`,
        );
      }
    }
  }
  if (options.coverage) writeCoverage(coverage, options.lang);
  printLine(says.summary(passed, failed)[options.lang]);
  return failed > 0 ? 1 : 0;
}
