/**
 * What `roleplay paths` does: for each ending, whether it can be reached, with which scores, and
 * the shortest steps there. The analysis is the core's (paths.ts); here is only the printing.
 */
import { type Lang, type Scenario, safeLine, type TestStep } from '../../core/index.js';
import { analysePaths, type EndingReport, type PathsReport } from '../../core/analysis/paths.js';
import { printLine, printProblem, printText } from '../env.js';
import { printJson } from '../json-output.js';
import { type MissingAnswer, pathsMessages as says } from '../tool-messages.js';
import { CASE_NOT_OPENED, scenarioOrReport } from './scenario-or-report.js';
import { withinLimit } from './within-limit.js';

export function pathsCommand(ref: string, opts: { json?: boolean; ending?: string; lang: Lang }): number {
  const scenario = scenarioOrReport(ref, opts.lang)?.scenario;
  if (!scenario) return CASE_NOT_OPENED;
  const lang = opts.lang;
  const report = withinLimit(() => analysePaths(scenario), lang);
  if (opts.ending !== undefined) return printEndingSteps(scenario, report, opts.ending, lang);
  if (opts.json) {
    printJson(jsonOf(report));
    return 0;
  }
  printLine([...reportLines(scenario, report, lang), '', says.saveHint(safeLine(ref))[lang]].join('\n'));
  return 0;
}

/** `--ending <id>`: only the steps there, as a YAML list for `run --steps`. */
function printEndingSteps(scenario: Scenario, report: PathsReport, ending: string, lang: Lang): number {
  const e = report.endings.find((x) => x.id === ending);
  if (!e) {
    printProblem(
      says.notAnEnding(
        safeLine(ending),
        scenario.id,
        report.endings.map((x) => x.id),
      )[lang],
    );
    return 1;
  }
  if (!e.shortest) {
    printProblem(says.endingCannotBeReached(e.id)[lang]);
    return 1;
  }
  if (!e.shortest.complete) {
    printProblem(says.endingNeedsAnswer(e.id, missingOf(e))[lang]);
    return 1;
  }
  // An empty list is written `[]`: an empty file would not be a list of steps.
  printText(e.shortest.steps.length === 0 ? '[]\n' : e.shortest.steps.map((s) => `- ${stepText(s)}\n`).join(''));
  return 0;
}

/** The report for a person: a heading, a line or two per ending, then what is wrong with the case. */
function reportLines(scenario: Scenario, report: PathsReport, lang: Lang): string[] {
  const out: string[] = [
    (report.max === undefined
      ? says.headingTooComplex(scenario.id)
      : says.heading(scenario.id, report.max, report.passScore))[lang],
    '',
  ];
  const width = Math.max(...report.endings.map((e) => `${e.id} (${e.outcome})`.length));
  for (const e of report.endings) out.push(...endingLines(e, report, width, lang));
  const flags = flagsOf(report, lang);
  if (flags.length) out.push('', ...flags.map((f) => `! ${f}`));
  return out;
}

function endingLines(e: EndingReport, report: PathsReport, width: number, lang: Lang): string[] {
  const head = `${e.id} (${e.outcome})`.padEnd(width);
  if (!e.reachable) return [`${head}  ${says.neverReached()[lang]}`];
  const out = [
    `${head}  ${says.reachable()[lang]}${report.max === undefined ? '' : `${says.then()[lang]}${percentRange(e, lang)}`}`,
  ];
  if (e.shortest) {
    const shown = e.shortest.ways
      .filter((w) => w.step !== undefined || w.noAnswer)
      .map((w) => (w.step !== undefined ? stepText(w.step) : '{ say: ??? }'));
    out.push(`  ${says.shortest(shown.length, safeLine(`[${shown.join(', ')}]`))[lang]}`);
    if (!e.shortest.complete) out.push(`  ${says.noAnswerWritten(missingOf(e))[lang]}`);
  }
  return out;
}

function flagsOf(report: PathsReport, lang: Lang): string[] {
  const flags: string[] = [];
  if (report.nobodyCanPass) flags.push(says.nobodyCanPass(report.passScore)[lang]);
  if (report.nobodyCanFail) flags.push(says.nobodyCanFail()[lang]);
  for (const id of report.unreachableEndings) flags.push(says.endingUnreachable(id)[lang]);
  if (!report.complete) flags.push(says.searchStopped(report.situations.toLocaleString('en'))[lang]);
  return flags;
}

/** A step as YAML flow text; strings are JSON-quoted (valid YAML) with invisible characters escaped. */
export function stepText(step: TestStep): string {
  const quote = (s: string) =>
    JSON.stringify(s).replace(
      /[\u0080-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  if (typeof step === 'string')
    return /^[a-z0-9][a-z0-9-]*$/.test(step) && !/^(true|false|null|yes|no|on|off|y|n|\d+)$/.test(step)
      ? step
      : quote(step);
  if ('say' in step) return `{ say: ${quote(step.say)} }`;
  return '{ wait: true }';
}

function percentRange(e: EndingReport, lang: Lang): string {
  if (e.best === undefined || e.worst === undefined || e.bestPercent === undefined || e.worstPercent === undefined)
    return says.onlyByRevisit()[lang];
  return says.score(e.worst, e.best, e.worstPercent, e.bestPercent)[lang];
}

function jsonOf(report: PathsReport) {
  return {
    scenario: report.scenario,
    max: report.max ?? null,
    passScore: report.passScore,
    complete: report.complete,
    flags: {
      nobodyCanPass: report.nobodyCanPass,
      nobodyCanFail: report.nobodyCanFail,
      unreachableEndings: report.unreachableEndings,
    },
    endings: report.endings.map((e) => ({
      id: e.id,
      outcome: e.outcome,
      reachable: e.reachable,
      best: e.best ?? null,
      worst: e.worst ?? null,
      bestPercent: e.bestPercent ?? null,
      worstPercent: e.worstPercent ?? null,
      shortest: e.shortest
        ? {
            steps: e.shortest.steps,
            path: e.shortest.nodes,
            complete: e.shortest.complete,
            ...(e.shortest.complete
              ? {}
              : {
                  missingAnswers: e.shortest.ways
                    .filter((w) => w.noAnswer)
                    .map((w) => ({ node: w.node, rule: w.way.kind === 'rule' ? w.way.index + 1 : 0 })),
                }),
          }
        : null,
    })),
  };
}

function missingOf(e: EndingReport): MissingAnswer[] {
  return (e.shortest?.ways ?? [])
    .filter((w) => w.noAnswer)
    .map((w) => ({ node: w.node, rule: w.way.kind === 'rule' ? w.way.index + 1 : undefined }));
}
