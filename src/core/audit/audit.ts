/**
 * `roleplay audit`: does a case measure judgement, or can a trainee pass it by reading the
 * surface of the replies? Plays the case with naive strategies (longest, shortest, most
 * courteous, first, last reply, and seeded random plays) in Chinese and English, and collects
 * the flags of audit-flags.ts and audit-endings.ts. Pure: the command prints the report.
 *
 * Thresholds (docs/audit.md says why): a deterministic strategy fails the case
 * when it passes once; random play fails it when more than RANDOM_PASS_SHARE of its runs pass.
 */
import { auditMessages as M, type StrategyName } from './audit-messages.js';
import { outcomeFlags, partialFlags } from './audit-endings.js';
import { directionFlags, giveawayFlags, keywordTrapFlags, lengthFlags, modelFlags } from './audit-flags.js';
import {
  DETERMINISTIC,
  playRandom,
  playStrategy,
  type DeterministicStrategy,
  type PlayResult,
} from './audit-strategies.js';
import type { CompiledScenario } from '../play/machine.js';
import type { NodeId, Outcome } from '../format/model.js';
import type { Finding } from '../format/references.js';
import type { Lang } from '../text.js';

export const RANDOM_RUNS = 200;
/** Random play "passes" a case when more than this share of its runs pass (5%: one guesser in twenty). */
export const RANDOM_PASS_SHARE = 0.05;
export const AUDIT_LANGS: readonly Lang[] = ['zh', 'en'];

export interface AuditOptions {
  readonly runs?: number;
  readonly seed?: number;
}

export interface StrategyOutcome {
  readonly strategy: StrategyName;
  readonly lang: Lang;
  readonly passed: boolean;
  /** percent of the deterministic play, or the mean percent of the random ones */
  readonly percent: number;
  readonly finished: boolean;
  readonly outcome?: Outcome;
  readonly ending?: NodeId;
  /** random play only */
  readonly runs?: number;
  readonly passes?: number;
}

export interface AuditReport {
  readonly scenario: string;
  readonly passScore: number;
  readonly strategies: readonly StrategyOutcome[];
  /** the strategies that pass the case (in some language) */
  readonly passedBy: readonly StrategyName[];
  readonly findings: readonly Finding[];
}

export function auditScenario(compiled: CompiledScenario, options: AuditOptions = {}): AuditReport {
  const scenario = compiled.scenario;
  const runs = options.runs ?? RANDOM_RUNS;
  const strategies: StrategyOutcome[] = [];
  for (const strategy of DETERMINISTIC)
    for (const lang of AUDIT_LANGS) strategies.push(outcomeOf(strategy, lang, playStrategy(compiled, strategy, lang)));
  for (const lang of AUDIT_LANGS) {
    const r = playRandom(compiled, lang, runs, options.seed ?? 1);
    strategies.push({
      strategy: 'random',
      lang,
      passed: r.passes > RANDOM_PASS_SHARE * r.runs,
      percent: r.meanPercent,
      finished: true,
      runs: r.runs,
      passes: r.passes,
    });
  }
  const passedBy = [...new Set(strategies.filter((s) => s.passed).map((s) => s.strategy))];
  const findings: Finding[] = [
    ...passFindings(strategies, scenario.passScore),
    ...outcomeFlags(scenario),
    ...partialFlags(scenario),
    ...lengthFlags(scenario),
    ...giveawayFlags(scenario),
    ...directionFlags(scenario),
    ...keywordTrapFlags(scenario),
    ...modelFlags(scenario),
  ];
  return { scenario: scenario.id, passScore: scenario.passScore, strategies, passedBy, findings };
}

function outcomeOf(strategy: DeterministicStrategy, lang: Lang, r: PlayResult): StrategyOutcome {
  return {
    strategy,
    lang,
    passed: r.passed,
    percent: r.percent,
    finished: r.finished,
    ...(r.outcome !== undefined ? { outcome: r.outcome } : {}),
    ...(r.ending !== undefined ? { ending: r.ending } : {}),
  };
}

/** One error per strategy that passes, naming the languages it passes in (at the pass mark). */
function passFindings(strategies: readonly StrategyOutcome[], passScore: number): Finding[] {
  const out: Finding[] = [];
  const names = [...new Set(strategies.map((s) => s.strategy))];
  for (const name of names) {
    const passing = strategies.filter((s) => s.strategy === name && s.passed);
    if (passing.length === 0) continue;
    const m =
      name === 'random'
        ? M.randomPass(passing[0]!.runs!, passing[0]!.passes!, RANDOM_PASS_SHARE * 100)
        : M.naivePass(
            name,
            passing.map((s) => s.lang),
            Math.max(...passing.map((s) => s.percent)),
            passScore,
          );
    out.push({ path: ['passScore'], part: 'key', severity: 'error', code: m.code, text: m.text });
  }
  return out;
}

/** Whether an audit should fail the command: a naive strategy passes, or a failure ending can pass. */
export function auditFails(report: AuditReport): boolean {
  return report.findings.some((f) => f.severity === 'error');
}
