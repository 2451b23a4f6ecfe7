/**
 * What `roleplay test` does: run the `tests:` of scenarios; one line per test, then `N passed, M failed`
 * (in the trainer's language). Each line starts `ok   ` or `FAIL ` in every language, as lint's
 * error/warning do: CI logs and scripts grep them.
 */
import {
  compile,
  type Diagnostic,
  formatDiagnostic,
  runSteps,
  safeLine,
  type Lang,
  type RunReport,
  type Scenario,
  type ScenarioTest,
  type StepRecord,
} from '../../core/index.js';
import { ruleLabel, runAnswerTest } from '../../core/analysis/answer-tests.js';
import { coverageOf, type RuleTaken, type ScenarioCoverage } from '../../core/analysis/coverage.js';
import { writeCoverage } from './coverage.js';
import { lintPaths } from './lint-run.js';
import { printLine, said } from '../env.js';
import { printJson } from '../json-output.js';
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

/** One test's result, as `test --json` prints it: `path` tests play steps, `sample-answers` tests check typed answers. */
interface TestRecord {
  readonly file: string;
  readonly scenario: string;
  readonly test: string;
  readonly kind: 'path' | 'sample-answers';
  readonly passed: boolean;
  readonly problems: readonly string[];
}

interface TestRun {
  /** files that do not load, so none of their tests can run: each counts as one failure */
  readonly notLoaded: readonly { readonly file: string; readonly diagnostics: readonly Diagnostic[] }[];
  readonly results: readonly TestRecord[];
  readonly coverage: readonly ScenarioCoverage[];
}

function runTests(paths: readonly string[], lang: Lang): TestRun {
  const lint = lintPaths(paths.length ? paths : ['scenarios'], lang);
  // A file that does not load cannot run its tests: that is a failure, not a silence.
  const notLoaded = lint.files
    .filter((f) => !(f.loaded?.kind === 'catalog' && f.diagnostics.every((d) => d.severity !== 'error')))
    .map((f) => ({ file: f.file, diagnostics: f.diagnostics.filter((d) => d.severity === 'error') }))
    .filter((f) => f.diagnostics.length > 0);
  const results: TestRecord[] = [];
  const coverage: ScenarioCoverage[] = [];
  for (const { file, scenario } of lint.scenarios) {
    const paths = runScenarioTests(scenario, lang);
    const answers = runAnswerTests(scenario, lang);
    coverage.push(
      coverageOf(
        scenario,
        paths.map((o) => o.steps),
        { tests: answers.outcomes.length, taken: answers.taken },
      ),
    );
    const record = (kind: TestRecord['kind']) => (o: TestOutcome) =>
      results.push({ file, scenario: scenario.id, test: o.test, kind, passed: o.passed, problems: o.problems });
    paths.forEach(record('path'));
    answers.outcomes.forEach(record('sample-answers'));
  }
  return { notLoaded, results, coverage };
}

export function testCommand(
  paths: readonly string[],
  options: { lang: Lang; coverage?: boolean; json?: boolean },
): number {
  const run = runTests(paths, options.lang);
  const passed = run.results.filter((r) => r.passed).length;
  const failed = run.results.length - passed + run.notLoaded.length;
  if (options.json)
    printJson({
      passed,
      failed,
      notLoaded: run.notLoaded,
      results: run.results,
      ...(options.coverage ? { coverage: run.coverage } : {}),
    });
  else printTests(run, options);
  return failed > 0 ? 1 : 0;
}

function printTests(run: TestRun, options: { lang: Lang; coverage?: boolean }): void {
  const { lang } = options;
  for (const f of run.notLoaded) {
    printLine(`FAIL ${f.file}: ${says.doesNotLoad()[lang]}`);
    for (const d of f.diagnostics) printLine(`     ${formatDiagnostic(d)}`);
  }
  for (const r of run.results) {
    // test names and steps come from the file: never let them reach the terminal as control codes
    if (r.passed) printLine(`ok   ${r.scenario} › ${safeLine(r.test)}`);
    else
      printLine(
        `FAIL ${r.scenario} › ${safeLine(r.test)}: ${safeLine(r.problems.join(says.problemSeparator()[lang]))}`,
      );
  }
  if (options.coverage) writeCoverage(run.coverage, lang);
  const passed = run.results.filter((r) => r.passed).length;
  printLine(says.summary(passed, run.results.length - passed + run.notLoaded.length)[lang]);
}
