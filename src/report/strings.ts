/** The words of the records commands (sessions, report, verify, resume), in both interface languages. */
import type { Lang } from '../core/index.js';

export interface RecordStrings {
  readonly id: string;
  readonly started: string;
  readonly trainee: string;
  readonly scenario: string;
  readonly mode: string;
  readonly outcome: string;
  readonly score: string;
  readonly passed: string;
  readonly yes: string;
  readonly no: string;
  readonly unfinished: string;
  readonly noSessions: string;
  readonly modes: Readonly<Record<string, string>>;
  readonly outcomes: Readonly<Record<string, string>>;
  readonly reportTitle: string;
  readonly attempts: (n: number) => string;
  readonly trainees: (n: number) => string;
  readonly inProgress: (n: number) => string;
  readonly passRate: string;
  readonly mean: string;
  readonly median: string;
  readonly decisionTime: string;
  readonly lessonsWeakestFirst: string;
  readonly choicesPerNode: string;
  readonly endings: string;
  readonly traineesTitle: string;
  readonly best: string;
  readonly last: string;
  readonly trend: string;
  readonly verifyOk: (sessions: number, events: number) => string;
  readonly verifyBroken: (session: string, problem: string) => string;
  readonly seconds: (s: number) => string;
  readonly chartAttempts: string;
}

const zh: RecordStrings = {
  id: '编号',
  started: '开始时间',
  trainee: '学员',
  scenario: '案例',
  mode: '模式',
  outcome: '结果',
  score: '得分',
  passed: '通过',
  yes: '是',
  no: '否',
  unfinished: '未完成',
  noSessions: '没有符合条件的练习记录。',
  modes: { practice: '练习', exam: '考试', headless: '无界面' },
  outcomes: { success: '成功', partial: '部分成功', failure: '失败' },
  reportTitle: '练习报告',
  attempts: (n) => `${n} 次完成`,
  trainees: (n) => `${n} 名学员`,
  inProgress: (n) => `${n} 次未完成`,
  passRate: '通过率',
  mean: '平均',
  median: '中位数',
  decisionTime: '平均决策时间',
  lessonsWeakestFirst: '要点（最弱在前，平均得分 / 满分）',
  choicesPerNode: '各节点的选择分布',
  endings: '到达的结局',
  traineesTitle: '学员',
  best: '最好',
  last: '最近',
  trend: '趋势',
  verifyOk: (s, e) => `全部完好：${s} 次练习，${e} 个步骤，哈希链无断裂。`,
  verifyBroken: (s, p) => `练习 ${s}：${p}`,
  seconds: (s) => `${s.toFixed(1)} 秒`,
  chartAttempts: '完成次数',
};

const en: RecordStrings = {
  id: 'id',
  started: 'started',
  trainee: 'trainee',
  scenario: 'scenario',
  mode: 'mode',
  outcome: 'outcome',
  score: 'score',
  passed: 'passed',
  yes: 'yes',
  no: 'no',
  unfinished: 'unfinished',
  noSessions: 'No recorded sessions match.',
  modes: { practice: 'practice', exam: 'exam', headless: 'headless' },
  outcomes: { success: 'success', partial: 'partial', failure: 'failure' },
  reportTitle: 'Practice report',
  attempts: (n) => `${n} finished`,
  trainees: (n) => `${n} trainee${n === 1 ? '' : 's'}`,
  inProgress: (n) => `${n} unfinished`,
  passRate: 'pass rate',
  mean: 'mean',
  median: 'median',
  decisionTime: 'mean decision time',
  lessonsWeakestFirst: 'Lessons (weakest first, mean points / max)',
  choicesPerNode: 'Choices at each node',
  endings: 'Endings reached',
  traineesTitle: 'Trainees',
  best: 'best',
  last: 'last',
  trend: 'trend',
  verifyOk: (s, e) => `All intact: ${s} sessions, ${e} events, no broken hash chain.`,
  verifyBroken: (s, p) => `session ${s}: ${p}`,
  seconds: (s) => `${s.toFixed(1)} s`,
  chartAttempts: 'attempts',
};

export function recordStrings(lang: Lang): RecordStrings {
  return lang === 'en' ? en : zh;
}
