/**
 * Every break verify can find (breaks.ts), in words for the reader, in Chinese and English.
 * Ids in these sentences come from the database: the command that prints them makes them safe.
 */
import type { Lang } from '../core/index.js';
import type { ChainBreak } from './breaks.js';
import type { DerivationBreak, ResultField, StepProblem } from './derivation.js';
import type { LedgerBreak } from './ledger.js';
import type { OriginBreak } from './origins.js';

const RESULT_FIELDS: Readonly<Record<Lang, Readonly<Record<Exclude<ResultField, 'unended'>, string>>>> = {
  zh: {
    ending: '结局',
    outcome: '结果',
    total: '总分',
    max: '满分',
    percent: '百分比',
    passed: '是否通过',
    lessons: '各要点得分',
  },
  en: {
    ending: 'the ending',
    outcome: 'the outcome',
    total: 'the total',
    max: 'the maximum',
    percent: 'the percent',
    passed: 'passed',
    lessons: 'the lesson points',
  },
};

const STEP_FIELDS = {
  zh: { points: '得分', meters: '指标', goto: '下一节点' },
  en: { points: 'points', meters: 'meters', goto: 'next node' },
} as const;

function stepProblem(seq: number, p: StepProblem, lang: Lang): string {
  if (lang === 'zh') {
    switch (p.kind) {
      case 'elsewhere':
        return `第 ${seq} 步在「${p.node}」，但前一步通向「${p.expected}」：这一步在该案例里不可能发生`;
      case 'no-way':
        return `第 ${seq} 步在「${p.node}」走了「${p.way}」，而案例在那里没有这条路`;
      case 'closed':
        return `第 ${seq} 步在「${p.node}」走了「${p.way}」，而当时这条路走不通（条件不成立）`;
      case 'consequence':
        return `第 ${seq} 步（「${p.node}」的「${p.way}」）记下的${STEP_FIELDS.zh[p.field]}不是案例对这条路给出的`;
    }
  }
  switch (p.kind) {
    case 'elsewhere':
      return `event ${seq} is at '${p.node}', but the step before it led to '${p.expected}': it cannot have happened in this scenario`;
    case 'no-way':
      return `event ${seq} takes '${p.way}' at '${p.node}', which the scenario does not have there`;
    case 'closed':
      return `event ${seq} takes '${p.way}' at '${p.node}', which could not be taken at that moment (its condition did not hold)`;
    case 'consequence':
      return `event ${seq} ('${p.way}' at '${p.node}') records ${STEP_FIELDS.en[p.field]} the scenario does not give for that way`;
  }
}

function unfounded(b: Extract<DerivationBreak, { code: 'result-unfounded' }>, lang: Lang): string {
  if (b.field === 'unended')
    return lang === 'zh'
      ? `练习结果写的结局是「${b.recorded}」，但步骤停在「${b.derived}」，那不是结局`
      : `the session's result names the ending '${b.recorded}', but its steps stop at '${b.derived}', which is not an ending`;
  const field = RESULT_FIELDS[lang][b.field];
  return lang === 'zh'
    ? `练习结果与它的步骤和案例对不上：${field}记为 ${b.recorded}，步骤得出的是 ${b.derived}`
    : `the session's result does not follow from its steps and its scenario: ${field} is ${b.recorded}, the steps give ${b.derived}`;
}

type StoreBreak = Extract<ChainBreak, LedgerBreak | OriginBreak>;

const store8 = (origin: string) => `${origin.slice(0, 8)}…`;

const LEDGER_PROBLEMS: Readonly<Record<Lang, (b: StoreBreak) => string>> = {
  zh: (b) => {
    switch (b.code) {
      case 'ledger-gap':
        return `存储账本缺少第 ${b.entry} 条：有练习或练习结果从数据库里被删除了`;
      case 'ledger-broken':
        return `存储账本第 ${b.entry} 条没有接在第 ${b.entry - 1} 条之后：条目被调换、替换或重新插入过`;
      case 'ledger-altered':
        return `存储账本第 ${b.entry} 条被改动过：与它的哈希不再相符`;
      case 'session-missing':
        return `这次练习（存储账本第 ${b.entry} 条）不见了：它从数据库里被删除了`;
      case 'session-unlisted':
        return '这次练习不在存储账本里：它是手工插入的，或被删除后又放了回去';
      case 'session-relisted':
        return `这次练习在存储账本里出现了第二次（第 ${b.entry} 条）：它被删除后又重新插入过`;
      case 'details-altered':
        return `练习的基本信息（学员、案例、开始时间……）与存储账本第 ${b.entry} 条记下的不同：被改动过`;
      case 'result-removed':
        return `练习结果被删除了：存储账本第 ${b.entry} 条记着它已完成，它却显示为未完成`;
      case 'session-reopened':
        return `这次练习已经完成过一次（存储账本第 ${b.entry} 条），现在却是另一个结果：它被重新打开后又完成了一次，或结果被替换`;
      case 'result-unlisted':
        return '这次练习已完成，但它的结果不在存储账本里：那一条被删除了';
      case 'origin-gap':
        return `存储 ${store8(b.origin)} 的电脑${b.trainee !== undefined ? `（${b.trainee} 的练习）` : ''}账本第 ${b.entry}${b.to > b.entry ? `–${b.to}` : ''} 条一直没有传到这里，而之后的条目到了：那里记录的练习在上传前被删除了，或还在那台电脑上等待上传（在那台电脑上运行 \`roleplay sync --all\`）`;
      case 'origin-altered':
        return `这里保存的存储 ${store8(b.origin)} 账本第 ${b.entry} 条被改动过，或接不上它前一条`;
    }
  },
  en: (b) => {
    switch (b.code) {
      case 'ledger-gap':
        return `entry ${b.entry} of the store's ledger is missing: a session or a result was deleted from the database`;
      case 'ledger-broken':
        return `entry ${b.entry} of the store's ledger does not follow entry ${b.entry - 1}: entries were reordered, replaced or re-inserted`;
      case 'ledger-altered':
        return `entry ${b.entry} of the store's ledger was altered: it no longer matches its hash`;
      case 'session-missing':
        return `the session (entry ${b.entry} of the store's ledger) is missing: it was deleted from the database`;
      case 'session-unlisted':
        return "the session is not in the store's ledger: it was inserted by hand, or put back after being deleted";
      case 'session-relisted':
        return `the session appears a second time in the store's ledger (entry ${b.entry}): it was deleted and inserted again`;
      case 'details-altered':
        return `the session's details (trainee, scenario, start time…) differ from those entry ${b.entry} of the store's ledger recorded: they were altered`;
      case 'result-removed':
        return `the session's result was removed: entry ${b.entry} of the store's ledger says it finished, yet it shows as unfinished`;
      case 'session-reopened':
        return `the session was finished once (entry ${b.entry} of the store's ledger) and now carries another result: it was reopened and finished again, or its result was replaced`;
      case 'result-unlisted':
        return "the session is finished, but its result is not in the store's ledger: that entry was deleted";
      case 'origin-gap':
        return `entr${b.to > b.entry ? `ies ${b.entry}–${b.to}` : `y ${b.entry}`} of the ledger of the computer with store ${store8(b.origin)}${b.trainee !== undefined ? ` (sessions of ${b.trainee})` : ''} never arrived here, though later ones did: sessions recorded there were deleted before they were uploaded, or still wait there (run \`roleplay sync --all\` on that computer)`;
      case 'origin-altered':
        return `entry ${b.entry} of store ${store8(b.origin)}'s ledger, kept here, was altered or no longer follows the entry before it`;
    }
  },
};

/** A break of the store's ledger or of another store's entries kept here. */
function ledgerProblem(b: ChainBreak, lang: Lang): string {
  return LEDGER_PROBLEMS[lang](b as StoreBreak);
}

const PROBLEMS: Readonly<Record<Lang, (b: ChainBreak) => string>> = {
  zh: (b) => {
    switch (b.code) {
      case 'event-missing':
        return `第 ${b.seq} 步缺失：已被删除（之后保存的是第 ${b.nextStored} 步）`;
      case 'details-altered':
        if ('entry' in b) return ledgerProblem(b, 'zh');
        return b.seq === 1
          ? '练习的基本信息（学员、案例、开始时间……）被改动过，或第 1 步被替换'
          : '练习的基本信息（学员、案例、开始时间……）被改动过';
      case 'events-reordered':
        return `第 ${b.seq} 步没有接在第 ${b.seq - 1} 步之后：步骤顺序被调换，或有步骤被删除或替换`;
      case 'event-altered':
        return `第 ${b.seq} 步被改动过：内容与它的哈希不再相符`;
      case 'events-cut':
        return `第 ${b.seq} 步缺失：这次练习记录了 ${b.recorded} 个步骤，现存 ${b.remaining} 个`;
      case 'head-mismatch':
        return `第 ${b.seq} 步与练习记下的最后一个哈希不符：它被改动过，或有步骤被删除`;
      case 'result-altered':
        return '练习结果（得分、结果、结局或各要点得分）被改动过';
      case 'result-removed':
        if ('entry' in b) return ledgerProblem(b, 'zh');
        return '练习结果被删除了：它已经完成，却显示为未完成';
      case 'event-impossible':
        return stepProblem(b.seq, b.step, 'zh');
      case 'result-unfounded':
        return unfounded(b, 'zh');
      case 'scenario-altered':
        return `保存的练习所用案例「${b.scenarioId}」被改动过：与它的哈希不再相符`;
      case 'scenario-missing':
        return `练习所用的案例不在数据库里了（哈希 ${b.scenarioHash.slice(0, 12)}…）`;
      default:
        return ledgerProblem(b, 'zh');
    }
  },
  en: (b) => {
    switch (b.code) {
      case 'event-missing':
        return `event ${b.seq} is missing: it was deleted (the next stored event is ${b.nextStored})`;
      case 'details-altered':
        if ('entry' in b) return ledgerProblem(b, 'en');
        return b.seq === 1
          ? "the session's details (trainee, scenario, start time…) were altered, or event 1 was replaced"
          : "the session's details (trainee, scenario, start time…) were altered";
      case 'events-reordered':
        return `event ${b.seq} does not follow event ${b.seq - 1}: events were reordered, or one was deleted or replaced`;
      case 'event-altered':
        return `event ${b.seq} was altered: its content no longer matches its hash`;
      case 'events-cut':
        return `event ${b.seq} is missing: the session recorded ${b.recorded} events, ${b.remaining} remain`;
      case 'head-mismatch':
        return `event ${b.seq} does not match the session's last recorded hash: it was altered or events were removed`;
      case 'result-altered':
        return "the session's result (score, outcome, ending or lesson points) was altered";
      case 'result-removed':
        if ('entry' in b) return ledgerProblem(b, 'en');
        return "the session's result was removed: it was finished, yet it shows as unfinished";
      case 'event-impossible':
        return stepProblem(b.seq, b.step, 'en');
      case 'result-unfounded':
        return unfounded(b, 'en');
      case 'scenario-altered':
        return `the stored copy of scenario '${b.scenarioId}' it was played on was altered: it no longer matches its hash`;
      case 'scenario-missing':
        return `the scenario it was played on is missing from the database (hash ${b.scenarioHash.slice(0, 12)}…)`;
      default:
        return ledgerProblem(b, 'en');
    }
  },
};

/** What broke, in words for the reader. */
export function chainProblem(b: ChainBreak, lang: Lang): string {
  return PROBLEMS[lang](b);
}
